"""Privacy safeguards: role- and purpose-based views that audit every read of personal data,
and the retention purge that pseudonymises personal data once its period is over.

The purge never deletes a row: it writes masked values over the personal fields of Person
parties (the ``parties`` table and the declaration ``payload``), notes the declaration in
``privacy_purges`` and records one audit event per declaration, all in one transaction per
batch. A declaration linked to an open case is kept; one linked to a closed case or seizure
is kept until the closing time plus the retention period. ``content_hash`` keeps the hash of
what was received, so re-ingesting the original is still recognised as a duplicate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import Connection, Engine, and_, exists, insert, select, update

from borderwatch.audit import Action, AuditEvent, record, record_many
from borderwatch.sharing.fields import FIELDS, filter_view, pseudonym, pseudonym_key
from borderwatch.sharing.types import DataCategory
from borderwatch.store.schema import declarations, parties
from borderwatch.store.sharing import privacy_purges

MASK = "***"


class CaseHolds(Protocol):
    """``borderwatch.cases.case_holds``: source id -> None (open case) or closing time."""

    def __call__(
        self, db: Engine | Connection, source_ids: Iterable[str]
    ) -> dict[str, dt.datetime | None]: ...


@dataclass(frozen=True, slots=True)
class PurgeReport:
    """What a purge did: declarations pseudonymised, kept for an open case, kept until a
    closed case's period ends."""

    purged: int = 0
    held_open: int = 0
    held_closed: int = 0


def read_view(
    conn: Connection,
    subject: tuple[str, str],
    content: Mapping[str, Any],
    *,
    actor: str,
    roles: Iterable[str],
    purpose: str | None,
) -> dict[str, Any]:
    """The fields of ``content`` the caller may read; a read that shows personal data is
    audited (which fields, for what purpose) on ``conn``."""
    shown, withheld = filter_view(content, roles, purpose)
    personal = sorted(k for k in shown if FIELDS[k] is DataCategory.PERSONAL)
    if personal:
        record(
            conn,
            AuditEvent(
                actor,
                Action.READ_PERSONAL,
                subject[0],
                subject[1],
                purpose,
                {"fields": personal, "withheld": withheld},
            ),
        )
    return shown


def purge(
    engine: Engine,
    *,
    actor: str,
    retention_days: int,
    now: dt.datetime | None = None,
    holds: CaseHolds | None = None,
    batch: int = 500,
) -> PurgeReport:
    """Pseudonymise personal data of Person parties on declarations older than
    ``retention_days`` that no case holds; returns the counts."""
    if holds is None:
        from borderwatch.cases import case_holds

        holds = case_holds
    now = now or dt.datetime.now(dt.UTC)
    cutoff = now - dt.timedelta(days=retention_days)
    report, after = PurgeReport(), 0
    while due := _candidates(engine, cutoff, after, batch):
        after = due[-1][0]
        held = holds(engine, {sid for _, sid, _ in due})
        with engine.begin() as conn:
            report = _purge_batch(conn, due, held, report, actor, retention_days, now)
    return report


def _candidates(engine: Engine, cutoff: dt.datetime, after: int, batch: int) -> list[Any]:
    person = exists().where(
        and_(parties.c.declaration_id == declarations.c.id, parties.c.schema == "Person")
    )
    done = exists().where(
        and_(
            privacy_purges.c.declaration_id == declarations.c.id,
            privacy_purges.c.category == "personal",
        )
    )
    query = (
        select(declarations.c.id, declarations.c.source_id, declarations.c.version)
        .where(declarations.c.declared_at <= cutoff, declarations.c.id > after, person, ~done)
        .order_by(declarations.c.id)
        .limit(batch)
    )
    with engine.connect() as conn:
        return list(conn.execute(query).all())


def _purge_batch(
    conn: Connection,
    due: list[Any],
    held: dict[str, dt.datetime | None],
    report: PurgeReport,
    actor: str,
    days: int,
    now: dt.datetime,
) -> PurgeReport:
    purged, opened, closed = report.purged, report.held_open, report.held_closed
    events = []
    key = pseudonym_key()
    for ident, source_id, version in due:
        if source_id in held and held[source_id] is None:
            opened += 1
            continue
        closing = held.get(source_id)
        if closing is not None and _aware(closing) + dt.timedelta(days=days) > now:
            closed += 1
            continue
        masked = _mask(conn, ident, key)
        conn.execute(
            insert(privacy_purges).values(
                declaration_id=ident,
                category="personal",
                source_id=source_id,
                retention_days=days,
                purged_at=now,
                purged_by=actor,
            )
        )
        events.append(
            AuditEvent(
                actor,
                Action.PRIVACY_PURGE,
                "declaration",
                source_id,
                "retention",
                {
                    "declaration_id": ident,
                    "version": version,
                    "parties": masked,
                    "retention_days": days,
                    "case_closed_at": closing.isoformat() if closing else None,
                },
            )
        )
        purged += 1
    record_many(conn, events)
    return PurgeReport(purged, opened, closed)


def _mask(conn: Connection, ident: int, key: bytes) -> int:
    rows = conn.execute(
        select(parties.c.seq, parties.c.name, parties.c.eori, parties.c.tin).where(
            parties.c.declaration_id == ident, parties.c.schema == "Person"
        )
    ).all()
    for seq, name, eori, tin in rows:
        masked = {
            "name": pseudonym(name, key) if name else None,
            "eori": MASK if eori else None,
            "tin": MASK if tin else None,
        }
        where = (parties.c.declaration_id == ident, parties.c.seq == seq)
        conn.execute(update(parties).where(*where).values(masked))
    payload = conn.execute(
        select(declarations.c.payload).where(declarations.c.id == ident)
    ).scalar()
    if isinstance(payload, dict):
        for party in payload.get("parties", []):
            if party.get("schema") == "Person":
                _mask_party(party, key)
        conn.execute(update(declarations).where(declarations.c.id == ident).values(payload=payload))
    return len(rows)


def _mask_party(party: dict[str, Any], key: bytes) -> None:
    if party.get("name"):
        party["name"] = pseudonym(party["name"], key)
    if party.get("address"):
        party["address"] = MASK
    if isinstance(party.get("identifiers"), dict):
        party["identifiers"] = dict.fromkeys(party["identifiers"], MASK)


def _aware(at: dt.datetime) -> dt.datetime:
    return at if at.tzinfo else at.replace(tzinfo=dt.UTC)
