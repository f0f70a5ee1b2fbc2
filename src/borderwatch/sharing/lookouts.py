"""Partner lookouts: watchlist entries with an expiry, received in ``lookout_request``
messages, stored per partner, and exported as the screening engine's lookout CSV."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from borderwatch.store.sharing import sharing_lookouts

COLUMNS = ("id", "name", "schema", "country", "birth_date", "aliases", "identifiers")
SCHEMAS = ("Person", "Company", "Organization", "LegalEntity", "Vessel")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class LookoutError(ValueError):
    """A malformed lookout entry; the message names the entry and field."""


def _entry_row(i: int, entry: Any, claims: dict[str, Any], now: dt.datetime) -> dict[str, Any]:
    where = f"lookout.entries[{i}]"
    if not isinstance(entry, dict):
        raise LookoutError(f"{where}: an object is required")
    for name in ("id", "name", "expires_at"):
        if not str(entry.get(name) or "").strip():
            raise LookoutError(f"{where}.{name}: required")
    schema = entry.get("schema") or "LegalEntity"
    if schema not in SCHEMAS:
        raise LookoutError(f"{where}.schema: unknown schema {schema!r}")
    birth = entry.get("birth_date")
    if birth is not None and not _DATE.match(str(birth)):
        raise LookoutError(f"{where}.birth_date: YYYY, YYYY-MM or YYYY-MM-DD")
    try:
        expires = dt.datetime.fromisoformat(str(entry["expires_at"]))
    except ValueError:
        raise LookoutError(f"{where}.expires_at: an ISO 8601 time is required") from None
    expires = expires if expires.tzinfo else expires.replace(tzinfo=dt.UTC)
    aliases, identifiers = entry.get("aliases") or [], entry.get("identifiers") or {}
    if not isinstance(aliases, list) or not isinstance(identifiers, dict):
        raise LookoutError(f"{where}: aliases is a list, identifiers an object")
    return {
        "message_id": str(claims["jti"])[:64],
        "agency_id": str(claims["iss"]),
        "entry_id": str(entry["id"])[:64],
        "name": str(entry["name"]).strip(),
        "schema": schema,
        "country": (entry.get("country") or None),
        "birth_date": birth,
        "aliases": [str(a) for a in aliases],
        "identifiers": {str(k): str(v) for k, v in identifiers.items()},
        "expires_at": expires,
        "received_at": now,
        "superseded_at": None,
    }


def lookout_rows(claims: dict[str, Any], now: dt.datetime) -> list[dict[str, Any]]:
    """Store rows for the entries of a ``lookout_request`` (LookoutError naming a bad one)."""
    entries = claims["content"].get("lookout.entries")
    if not isinstance(entries, list) or not entries:
        raise LookoutError("lookout.entries: a non-empty list is required")
    return [_entry_row(i, e, claims, now) for i, e in enumerate(entries)]


def export_lookouts(engine: Engine, path: Path, now: dt.datetime | None = None) -> int:
    """Write live, unexpired partner lookouts as lookout CSV (for ``load_list(path,
    "lookout")``); ids are ``AGENCY:entry``; the newest entry of an id wins. Returns rows."""
    now = now or dt.datetime.now(dt.UTC)
    query = (
        select(sharing_lookouts)
        .where(sharing_lookouts.c.superseded_at.is_(None), sharing_lookouts.c.expires_at > now)
        .order_by(sharing_lookouts.c.id)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    latest = {f"{r.agency_id}:{r.entry_id}": r for r in rows}
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(COLUMNS)
        for ident, r in latest.items():
            ids = ";".join(f"{k}:{v}" for k, v in sorted(r.identifiers.items()))
            out.writerow(
                [
                    ident,
                    r.name,
                    r.schema,
                    r.country or "",
                    r.birth_date or "",
                    ";".join(r.aliases),
                    ids,
                ]
            )
    return len(latest)
