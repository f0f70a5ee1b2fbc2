"""Reading the quarantine: what was rejected, from where, and why."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, func, select

from borderwatch.store.schema import quarantine


@dataclass(frozen=True, slots=True)
class QuarantinedRecord:
    """One rejected record with its reasons (``path: reason`` each)."""

    id: int
    run_id: int
    source: str
    location: str
    record_id: str | None
    reasons: list[dict[str, str]]
    raw: str
    quarantined_at: dt.datetime


def list_quarantine(
    engine: Engine, *, run_id: int | None = None, limit: int = 50, offset: int = 0
) -> tuple[int, list[QuarantinedRecord]]:
    """(total, page) of quarantined records, oldest first."""
    where: list[Any] = [] if run_id is None else [quarantine.c.ingest_run_id == run_id]
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(quarantine).where(*where))
        rows = conn.execute(
            select(quarantine).where(*where).order_by(quarantine.c.id).limit(limit).offset(offset)
        )
        page = [
            QuarantinedRecord(
                r.id,
                r.ingest_run_id,
                r.source_name,
                r.location,
                r.record_id,
                list(r.reasons),
                r.raw,
                r.quarantined_at,
            )
            for r in rows
        ]
        return int(total.scalar_one()), page
