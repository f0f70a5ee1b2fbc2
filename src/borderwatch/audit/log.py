"""Appending to the audit log inside the caller's transaction, and reading it back.

Writers claim sequence numbers by updating the one ``audit_head`` row first: on PostgreSQL
that row lock serialises concurrent appenders until their transactions end (so the chain
never forks); SQLite serialises writers anyway, and taking the write lock with the first
statement avoids a stale-snapshot failure. Record late in a transaction: the head stays
locked until it commits or rolls back, and a rollback takes the entries with it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, select, update

from borderwatch.audit.chain import at_text, check_events, entry_hash, material, utc
from borderwatch.audit.types import AuditEntry, AuditEvent
from borderwatch.store.audit import audit_head, audit_log


def record(conn: Connection, event: AuditEvent) -> AuditEntry:
    """Append one event to the chain within the transaction of ``conn``."""
    return record_many(conn, [event])[0]


def record_many(conn: Connection, events: Iterable[AuditEvent]) -> list[AuditEntry]:
    """Append events in order with one head update; all or none (same transaction)."""
    batch = list(events)
    if not batch:
        return []
    texts = check_events(batch)
    claimed = conn.execute(
        update(audit_head)
        .where(audit_head.c.id == 1)
        .values(seq=audit_head.c.seq + len(batch))
        .returning(audit_head.c.seq, audit_head.c.hash)
    ).one()
    seq, prev = int(claimed.seq) - len(batch), str(claimed.hash)
    now = dt.datetime.now(dt.UTC)
    entries: list[AuditEntry] = []
    for event, text in zip(batch, texts, strict=True):
        seq += 1
        at = utc(event.at or now)
        subject = (event.subject_type, event.subject_id)
        body = material(seq, at_text(at), event.actor, event.action, subject, event.purpose, text)
        digest = entry_hash(prev, body)
        entries.append(
            AuditEntry(
                seq,
                at,
                event.actor,
                event.action,
                *subject,
                event.purpose,
                dict(event.details),
                prev,
                digest,
            )
        )
        prev = digest
    conn.execute(audit_log.insert(), [_row(e, t) for e, t in zip(entries, texts, strict=True)])
    conn.execute(update(audit_head).where(audit_head.c.id == 1).values(hash=prev))
    return entries


def _row(entry: AuditEntry, details: str) -> dict[str, Any]:
    return {
        "seq": entry.seq,
        "at": entry.at,
        "actor": entry.actor,
        "action": entry.action,
        "subject_type": entry.subject_type,
        "subject_id": entry.subject_id,
        "purpose": entry.purpose,
        "details": details,
        "prev_hash": entry.prev_hash,
        "hash": entry.hash,
    }


def entries(
    engine: Engine | Connection,
    *,
    subject_type: str | None = None,
    subject_id: str | None = None,
    action: str | None = None,
    after: int = 0,
    limit: int = 100,
) -> list[AuditEntry]:
    """Entries in chain order after ``after``, optionally for one subject or action."""
    query = select(audit_log).where(audit_log.c.seq > after).order_by(audit_log.c.seq)
    if subject_type:
        query = query.where(audit_log.c.subject_type == subject_type)
    if subject_id:
        query = query.where(audit_log.c.subject_id == subject_id)
    if action:
        query = query.where(audit_log.c.action == action)
    query = query.limit(limit)
    if isinstance(engine, Connection):
        rows = engine.execute(query).all()
    else:
        with engine.connect() as conn:
            rows = conn.execute(query).all()
    return [
        AuditEntry(
            r.seq,
            utc(r.at),
            r.actor,
            r.action,
            r.subject_type,
            r.subject_id,
            r.purpose,
            orjson.loads(r.details),
            r.prev_hash,
            r.hash,
        )
        for r in rows
    ]
