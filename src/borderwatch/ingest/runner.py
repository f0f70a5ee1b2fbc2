"""Ingest: validate records, quarantine the bad with every reason, write the good in
idempotent, crash-safe batches.

Each batch is one transaction holding its declarations, goods, parties, outcomes, quarantine
rows and the run's counters, so a killed ingest leaves only whole batches behind and running
it again stores exactly what is missing: records already stored count as duplicates.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Connection, Engine, select, update

from borderwatch.errors import FieldError
from borderwatch.ingest import rows as R
from borderwatch.ingest.types import IngestReport, ProgressCallback, RawRecord, Reader
from borderwatch.ingest.workers import Valid, checked_batches
from borderwatch.memory import paused_gc
from borderwatch.settings import get_settings
from borderwatch.store.bulk import bulk_writer
from borderwatch.store.schema import declarations, goods_items, ingest_runs, outcomes, parties
from borderwatch.store.schema import quarantine as quarantine_table


def ingest(
    engine: Engine,
    reader: Reader,
    *,
    actor: str = "ingest",
    batch_size: int | None = None,
    progress: ProgressCallback | None = None,
    workers: int | None = None,
) -> IngestReport:
    """Ingest every record of ``reader`` into the store behind ``engine``; ``workers``
    validation processes (default: the ``ingest_workers`` setting, 0: this process)."""
    settings = get_settings()
    size = batch_size or settings.ingest_batch_size
    workers = settings.ingest_workers if workers is None else workers
    run_id = _start_run(engine, reader)
    report = IngestReport(reader.name, reader.format, run_id)
    status = "failed"
    try:
        for batch, valid in checked_batches(_batches(reader, size), workers):
            with paused_gc():  # one batch at a time: see borderwatch.memory
                _flush(engine, batch, valid, report, actor)
            if progress:
                progress(reader.position())
        status = "completed"
    finally:
        _finish_run(engine, run_id, status)
    if progress:
        progress(reader.position())
    return report


def _start_run(engine: Engine, reader: Reader) -> int:
    now = dt.datetime.now(dt.UTC)
    with engine.begin() as conn:
        row = {
            "source_name": reader.name,
            "format": reader.format,
            "started_at": now,
            "status": "running",
        }
        key = conn.execute(ingest_runs.insert().values(**row)).inserted_primary_key
        assert key is not None
        return int(key[0])


def _finish_run(engine: Engine, run_id: int, status: str) -> None:
    with engine.begin() as conn:
        conn.execute(
            update(ingest_runs)
            .where(ingest_runs.c.id == run_id)
            .values(status=status, finished_at=dt.datetime.now(dt.UTC))
        )


def _batches(reader: Reader, size: int) -> Iterator[list[RawRecord]]:
    batch: list[RawRecord] = []
    for raw in reader:
        batch.append(raw)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _flush(
    engine: Engine, batch: list[RawRecord], valid: list[Valid], report: IngestReport, actor: str
) -> None:
    rejected = [r for r in batch if r.errors]
    now = dt.datetime.now(dt.UTC)
    with engine.begin() as conn:
        counts = _write(conn, valid, rejected, report, actor, now)
        conn.execute(
            update(ingest_runs)
            .where(ingest_runs.c.id == report.run_id)
            .values(
                read=ingest_runs.c.read + len(batch),
                accepted=ingest_runs.c.accepted + counts["accepted"],
                quarantined=ingest_runs.c.quarantined + counts["quarantined"],
                duplicates=ingest_runs.c.duplicates + counts["duplicates"],
                versions=ingest_runs.c.versions + counts["versions"],
            )
        )
    report.read += len(batch)
    for key in ("accepted", "quarantined", "duplicates", "versions", "outcomes"):
        setattr(report, key, getattr(report, key) + counts[key])


def _write(
    conn: Connection,
    valid: list[Valid],
    rejected: list[RawRecord],
    report: IngestReport,
    actor: str,
    now: dt.datetime,
) -> dict[str, int]:
    live = _live(conn, {v.rows.source_id for v in valid})
    live_outcomes = _live_outcomes(conn, set(live))
    counts = dict.fromkeys(("accepted", "quarantined", "duplicates", "versions", "outcomes"), 0)
    fresh: list[tuple[Valid, int]] = []
    superseded: list[int] = []
    changed_outcomes: list[tuple[Valid, int]] = []
    in_batch: dict[str, Valid] = {}
    for item in valid:
        sid = item.rows.source_id
        prior = in_batch.get(sid)
        row = live.get(sid)
        if prior is not None and prior.rows.digest != item.rows.digest:
            item.raw.errors.append(_dup_in_file(prior.raw.location))
            rejected.append(item.raw)
        elif prior is not None or (row is not None and row["content_hash"] == item.rows.digest):
            counts["duplicates"] += 1
            if row is not None and _outcome_changed(item, live_outcomes.get(sid)):
                changed_outcomes.append((item, int(row["id"])))
        elif row is not None and row["ingest_run_id"] == report.run_id:
            item.raw.errors.append(_dup_in_file("an earlier batch of this file"))
            rejected.append(item.raw)
        else:
            in_batch[sid] = item
            version = 1 if row is None else int(row["version"]) + 1
            if row is not None:
                superseded.append(int(row["id"]))
                counts["versions"] += 1
            fresh.append((item, version))
    counts["accepted"] = len(fresh)
    counts["outcomes"] = _store(
        conn, fresh, superseded, changed_outcomes, report.run_id, actor, now
    )
    counts["quarantined"] = len(rejected)
    _quarantine(conn, rejected, report, now)
    return counts


def _dup_in_file(first: str) -> FieldError:
    return FieldError(
        "source_id", f"duplicate id in this file with different content (first seen at {first})"
    )


def _outcome_changed(item: Valid, live: dict[str, Any] | None) -> bool:
    new = item.rows.outcome_key
    if new is None:
        return False
    if live is None:
        return True
    old = (
        live["inspected"],
        live["finding"],
        live["illicit"],
        round(float(live["revenue_recovered"]), 6),
        tuple(live["labels"]),
    )
    return old != new


def _live(conn: Connection, ids: set[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    cols = [
        declarations.c.source_id,
        declarations.c.id,
        declarations.c.version,
        declarations.c.content_hash,
        declarations.c.ingest_run_id,
    ]
    query = select(*cols).where(
        declarations.c.source_id.in_(ids), declarations.c.superseded_at.is_(None)
    )
    return {r.source_id: dict(r._mapping) for r in conn.execute(query)}


def _live_outcomes(conn: Connection, ids: set[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    query = select(outcomes).where(
        outcomes.c.source_id.in_(ids), outcomes.c.superseded_at.is_(None)
    )
    return {r.source_id: dict(r._mapping) for r in conn.execute(query)}


def _store(
    conn: Connection,
    fresh: list[tuple[Valid, int]],
    superseded: list[int],
    changed_outcomes: list[tuple[Valid, int]],
    run_id: int,
    actor: str,
    now: dt.datetime,
) -> int:
    writer = bulk_writer(conn)
    ids = writer.allocate_ids(declarations, len(fresh)) if fresh else []
    if superseded:
        conn.execute(
            update(declarations).where(declarations.c.id.in_(superseded)).values(superseded_at=now)
        )
    decl_rows, goods, party, outs = [], [], [], []
    for (item, version), ident in zip(fresh, ids, strict=True):
        rows = item.rows
        decl_rows.append(R.declaration_row(rows, ident, version, run_id, now))
        goods.extend(R.child_rows(rows.goods, ident))
        party.extend(R.child_rows(rows.parties, ident))
        if rows.outcome is not None:
            outs.append(R.outcome_row(rows, ident, now, actor))
    for item, ident in changed_outcomes:
        outs.append(R.outcome_row(item.rows, ident, now, actor))
    _supersede_outcomes(conn, {r["source_id"] for r in outs}, now)
    writer.insert(declarations, decl_rows)
    writer.insert(goods_items, goods)
    writer.insert(parties, party)
    writer.insert(outcomes, outs)
    return len(outs)


def _supersede_outcomes(conn: Connection, ids: Iterable[str], now: dt.datetime) -> None:
    ids = list(ids)
    if ids:
        conn.execute(
            update(outcomes)
            .where(outcomes.c.source_id.in_(ids), outcomes.c.superseded_at.is_(None))
            .values(superseded_at=now)
        )


def _quarantine(
    conn: Connection, rejected: list[RawRecord], report: IngestReport, now: dt.datetime
) -> None:
    rows = []
    for raw in rejected:
        key = f"{report.source}\x00{raw.location}\x00{raw.raw}".encode(errors="replace")
        rows.append(
            {
                "ingest_run_id": report.run_id,
                "source_name": report.source,
                "location": raw.location,
                "record_id": raw.record_id,
                "raw": raw.raw[:65536],
                "raw_bytes": raw.raw_bytes,
                "raw_hash": hashlib.sha256(key).hexdigest(),
                "reasons": [{"path": e.path, "reason": e.reason} for e in raw.errors],
                "quarantined_at": now,
            }
        )
    bulk_writer(conn).insert_ignore(quarantine_table, rows, "raw_hash")
