"""OpenSanctions / FollowTheMoney entities, one JSON object per line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from followthemoney import model

from borderwatch.errors import SourceUnreadable
from borderwatch.screening.sources.common import clean_id, decode, imo, read_bytes, version_of
from borderwatch.screening.types import ListEntry, ScreeningList

_PARTY_SCHEMAS = ("Person", "Company", "Organization", "Vessel", "LegalEntity")
_NAMES = ("name", "alias", "weakAlias", "previousName")
_COUNTRIES = ("country", "nationality", "citizenship", "jurisdiction", "flag")
_IDS = {
    "imoNumber": "imo",
    "passportNumber": "passport",
    "taxNumber": "tin",
    "registrationNumber": "registration",
    "idNumber": "id",
    "innCode": "tin",
}


def _schema(path: Path, line: int, name: str) -> str | None:
    schema = model.get(name)
    if schema is None:
        raise SourceUnreadable(
            f"{path}, line {line}: unknown FollowTheMoney schema {name!r}",
            file=str(path),
            line=line,
        )
    for party in _PARTY_SCHEMAS:
        if schema.is_a(party):
            return party
    return None


def _entry(schema: str, obj: dict[str, Any]) -> ListEntry:
    props: dict[str, list[str]] = obj.get("properties") or {}
    names = [n for key in _NAMES for n in props.get(key, [])]
    entry = ListEntry(str(obj["id"]), schema, list(dict.fromkeys(names)))
    entry.countries = {c.upper()[:2] for key in _COUNTRIES for c in props.get(key, [])}
    entry.birth_dates = set(props.get("birthDate", []))
    for prop, kind in _IDS.items():
        for value in props.get(prop, []):
            clean = imo(value) if kind == "imo" else clean_id(value)
            if clean:
                entry.identifiers.setdefault(kind, set()).add(clean)
    entry.programs = list(props.get("topics", []))
    return entry


def load_ftm(path: Path, name: str = "opensanctions") -> ScreeningList:
    """Read FtM JSON lines; non-party schemas (addresses, sanctions) are skipped."""
    data = read_bytes(path)
    entries: dict[str, ListEntry] = {}
    for line_no, line in enumerate(decode(path, data, "utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = orjson.loads(line)
            schema = _schema(path, line_no, obj["schema"])
            obj["id"]
        except (orjson.JSONDecodeError, KeyError, TypeError) as exc:
            raise SourceUnreadable(
                f"{path}, line {line_no}: not a FollowTheMoney entity "
                f"({exc.__class__.__name__}: {exc})",
                file=str(path),
                line=line_no,
            ) from exc
        if schema is not None:
            entry = _entry(schema, obj)
            if entry.names:
                entries[entry.entity_id] = entry
    return ScreeningList(name, version_of(data), str(path), entries)
