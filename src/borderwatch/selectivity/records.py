"""Decision records, append-only: saving a decision supersedes the live one of the same
declaration; an officer's override inserts a new row with who, when and why."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Engine, select, update

from borderwatch.audit import Action, AuditEvent, record, record_many
from borderwatch.errors import FieldError, InvalidInput, NotFound
from borderwatch.model.decisions import (
    Basis,
    Decision,
    DecisionReason,
    Lane,
    ReasonKind,
    Versions,
)
from borderwatch.store.bulk import bulk_writer
from borderwatch.store.selectivity import decisions as table

CHUNK = 500


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _row(
    d: Decision, run_id: str, why: str | None, superseded: dt.datetime | None
) -> dict[str, Any]:
    data = d.to_dict()
    return {
        "source_id": d.source_id,
        "office": d.office,
        "declaration_type": d.declaration_type,
        "day": d.lodged_at.date(),
        "lodged_at": d.lodged_at,
        "lane": d.lane.value,
        "risk_lane": d.risk_lane.value,
        "basis": d.basis.value,
        "score": d.score,
        "expected_value": d.expected_value,
        "random": d.random,
        "overflow": d.overflow,
        "aeo": d.aeo,
        "reasons": data["reasons"],
        "versions": data["versions"],
        "policy_version": d.versions.policy,
        "model_version": d.versions.model,
        "failed": list(d.failed),
        "run_id": run_id,
        "decided_at": d.decided_at,
        "decided_by": d.decided_by,
        "why": why,
        "superseded_at": superseded,
    }


def _supersede(conn: Connection, source_ids: Sequence[str], now: dt.datetime) -> None:
    live = table.c.superseded_at.is_(None)
    for start in range(0, len(source_ids), CHUNK):
        chunk = list(source_ids[start : start + CHUNK])
        conn.execute(
            update(table).where(live, table.c.source_id.in_(chunk)).values(superseded_at=now)
        )


def save_decisions(conn: Connection, decisions: Sequence[Decision], run_id: str) -> int:
    """Store ``decisions`` in the caller's transaction, superseding the live decision of each
    declaration (and earlier ones of the same declaration within ``decisions``)."""
    if not decisions:
        return 0
    now = dt.datetime.now(dt.UTC)
    last = {d.source_id: i for i, d in enumerate(decisions)}
    _supersede(conn, list(last), now)
    rows = [_row(d, run_id, None, None if last[d.source_id] == i else now)
            for i, d in enumerate(decisions)]  # fmt: skip
    for row in rows:  # the bulk writers pass values to the driver as they are
        row["day"] = row["day"].isoformat()
    bulk_writer(conn).insert(table, rows)
    record_many(conn, (_event(d, run_id) for d in decisions))
    return len(rows)


def _event(d: Decision, run_id: str) -> AuditEvent:
    details = {"lane": d.lane.value, "basis": d.basis.value, "random": d.random,
               "policy_version": d.versions.policy, "run_id": run_id}  # fmt: skip
    return AuditEvent(d.decided_by, Action.DECISION, "declaration", d.source_id, "selectivity",
                      details, d.decided_at)  # fmt: skip


def _decision(row: Any) -> Decision:
    v = row.versions
    return Decision(
        row.source_id, row.office, row.declaration_type, _utc(row.lodged_at), Lane(row.lane),
        Lane(row.risk_lane), Basis(row.basis), float(row.score), float(row.expected_value),
        bool(row.random), bool(row.overflow), bool(row.aeo),
        tuple(DecisionReason.from_dict(r) for r in row.reasons),
        Versions(v["policy"], v["rules"], v.get("model"), dict(v.get("lists") or {})),
        tuple(row.failed), _utc(row.decided_at), row.decided_by,
    )  # fmt: skip


def live_decisions(
    engine: Engine,
    source_ids: Iterable[str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[Decision]:
    """Live decisions (optionally of ``source_ids``, or lodged from ``start`` to ``end``
    inclusive), in lodging order."""
    query = select(table).where(table.c.superseded_at.is_(None))
    if start is not None:
        query = query.where(table.c.day >= start)
    if end is not None:
        query = query.where(table.c.day <= end)
    with engine.connect() as conn:
        if source_ids is None:
            rows = list(conn.execute(query.order_by(table.c.lodged_at, table.c.id)))
        else:
            ids, rows = list(source_ids), []
            for i in range(0, len(ids), CHUNK):
                chunk = query.where(table.c.source_id.in_(ids[i : i + CHUNK]))
                rows.extend(conn.execute(chunk))
            rows.sort(key=lambda r: (r.lodged_at, r.id))
    return [_decision(r) for r in rows]


def history(engine: Engine, source_id: str) -> list[dict[str, Any]]:
    """Every decision row of a declaration, oldest first (superseded ones included)."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(table).where(table.c.source_id == source_id).order_by(table.c.id)
        )
        return [dict(r._mapping) for r in rows]


def override(engine: Engine, source_id: str, lane: Lane, who: str, why: str) -> Decision:
    """An officer's decision on ``source_id``: a new live row naming who and why, the earlier
    decision superseded (kept)."""
    errors = [
        FieldError(k, "must not be empty") for k, v in (("who", who), ("why", why)) if not v.strip()
    ]
    if errors:
        raise InvalidInput("an override names who decides and why", errors)
    with engine.begin() as conn:
        query = select(table).where(table.c.source_id == source_id, table.c.superseded_at.is_(None))
        row = conn.execute(query).first()
        if row is None:
            raise NotFound(f"no live decision for declaration {source_id!r}")
        current = _decision(row)
        now = dt.datetime.now(dt.UTC)
        text = f"override by {who}: {current.lane.value} -> {lane.value}: {why}"
        reason = DecisionReason(ReasonKind.OVERRIDE, "override", current.versions.policy, text)
        new = dataclasses.replace(
            current, lane=lane, basis=Basis.OVERRIDE, reasons=(*current.reasons, reason),
            decided_at=now, decided_by=who,
        )  # fmt: skip
        _supersede(conn, [source_id], now)
        conn.execute(table.insert().values(_row(new, row.run_id, why, None)))
        details = {"from": current.lane.value, "to": lane.value, "why": why}
        record(conn, AuditEvent(who, Action.OVERRIDE, "declaration", source_id, "selectivity",
                                details, now))  # fmt: skip
    return new
