"""National or partner lookout lists in the Borderwatch CSV format.

Header ``id,name`` required; optional ``schema``, ``country``, ``birth_date``, ``aliases``
(separated by ``;``) and ``identifiers`` (``kind:value`` pairs separated by ``;``).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from borderwatch.errors import FieldError, InvalidInput, SourceUnreadable
from borderwatch.screening.sources.common import clean_id, decode, imo, read_bytes, version_of
from borderwatch.screening.types import SCHEMAS, ListEntry, ScreeningList

REQUIRED = ("id", "name")


def _entry(row: dict[str, str]) -> ListEntry:
    aliases = [a.strip() for a in (row.get("aliases") or "").split(";") if a.strip()]
    entry = ListEntry(
        row["id"].strip(),
        (row.get("schema") or "LegalEntity").strip(),
        [row["name"].strip(), *aliases],
    )
    if country := (row.get("country") or "").strip():
        entry.countries.add(country.upper())
    if dob := (row.get("birth_date") or "").strip():
        entry.birth_dates.add(dob)
    for pair in (row.get("identifiers") or "").split(";"):
        kind, _, value = pair.partition(":")
        clean = imo(value) if kind.strip() == "imo" else clean_id(value)
        if clean:
            entry.identifiers.setdefault(kind.strip().lower(), set()).add(clean)
    return entry


def _check(path: Path, line: int, row: dict[str, str]) -> list[FieldError]:
    errors = [
        FieldError(f"{path}:{line}.{c}", "required")
        for c in REQUIRED
        if not (row.get(c) or "").strip()
    ]
    schema = (row.get("schema") or "").strip()
    if schema and schema not in SCHEMAS:
        errors.append(FieldError(f"{path}:{line}.schema", f"unknown schema {schema!r}"))
    return errors


def load_lookout(path: Path, name: str | None = None) -> ScreeningList:
    """Read a lookout CSV; every bad row is reported at once, with file and line."""
    data = read_bytes(path)
    reader = csv.DictReader(io.StringIO(decode(path, data, "utf-8-sig")))
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise SourceUnreadable(
            f"{path}, line 1: missing column(s) {', '.join(missing)}", file=str(path), line=1
        )
    entries: dict[str, ListEntry] = {}
    errors: list[FieldError] = []
    for row in reader:
        problems = _check(path, reader.line_num, row)
        errors += problems
        if not problems:
            entry = _entry(row)
            entries[entry.entity_id] = entry
    if errors:
        raise InvalidInput(f"{path}: {len(errors)} bad row field(s)", errors)
    return ScreeningList(name or path.stem, version_of(data), str(path), entries)
