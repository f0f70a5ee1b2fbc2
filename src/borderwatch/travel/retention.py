"""Privacy of PNR and API data: masking after a period (six months by default) and purge at
the end of retention (five years by default) unless a case holds the booking or traveller.
Travellers of PAXLST manifests (API data, no booking) are masked and purged on the same
clock, and so are the message fragments quarantined by a travel ingest (raw EDIFACT that
names people): masking replaces the raw text and keeps its reasons, size and hash.

:func:`apply_retention` is what the sharing purge job or ``borderwatch travel retention``
calls. Masking replaces names, contacts, cards, addresses and document numbers with
pseudonyms (a keyed hash: equal values still link, so analysis goes on without identities)
and stamps ``masked_at``; purging deletes every version of a booking with its travellers
and hits. Case links are checked through a :class:`CaseHolds` passed in (``cases`` sits
above ``travel``). Each mask and purge is recorded in the audit log in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import Connection, Engine, delete, func, select, update

from borderwatch.audit import AuditEvent, record_many
from borderwatch.store.schema import ingest_runs, quarantine
from borderwatch.store.travel import travel_bookings, travel_hits, travel_travellers
from borderwatch.travel.ingest import TRAVEL_FORMAT
from borderwatch.travel.masking import MASKED, mask_booking, mask_person


class CaseHolds(Protocol):
    """Which of ``keys`` a case holds (``cases.case_holds``): booking keys ``OWNER:LOCATOR``,
    and manifest travellers as ``traveller:ID`` (:func:`traveller_key`)."""

    def __call__(self, conn: Connection, keys: Sequence[str]) -> set[str]: ...


def traveller_key(traveller_id: int) -> str:
    """The key a case holds a manifest (PAXLST) traveller by."""
    return f"traveller:{traveller_id}"


def no_holds(conn: Connection, keys: Sequence[str]) -> set[str]:
    """A :class:`CaseHolds` for stores without cases: nothing is held."""
    return set()


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    """How long PNR data stays identifiable (``mask_after``) and stored (``purge_after``)."""

    mask_after: dt.timedelta = dt.timedelta(days=183)
    purge_after: dt.timedelta = dt.timedelta(days=5 * 365)


@dataclass(slots=True)
class RetentionReport:
    """Bookings masked, bookings purged (every version), bookings and manifest travellers
    held by a case, manifest (PAXLST) travellers masked and purged, and quarantined travel
    fragments masked and purged."""

    masked: int = 0
    purged: int = 0
    held: int = 0
    travellers: int = 0
    travellers_purged: int = 0
    fragments_masked: int = 0
    fragments_purged: int = 0


def apply_retention(
    engine: Engine,
    salt: str,
    now: dt.datetime | None = None,
    policy: RetentionPolicy | None = None,
    holds: CaseHolds = no_holds,
    actor: str = "retention",
) -> RetentionReport:
    """Purge what is past retention and not held, then mask what is past the masking
    period; one transaction, audited."""
    now = now or dt.datetime.now(dt.UTC)
    policy = policy or RetentionPolicy()
    report = RetentionReport()
    with engine.begin() as conn:
        _purge(conn, now - policy.purge_after, holds, actor, report)
        _purge_manifests(conn, now - policy.purge_after, holds, actor, report)
        _fragments(conn, now - policy.mask_after, now - policy.purge_after, actor, report)
        _mask(conn, now, now - policy.mask_after, salt, actor, report)
        _mask_manifests(conn, now, now - policy.mask_after, salt, actor, report)
    return report


def _purge(
    conn: Connection, cutoff: dt.datetime, holds: CaseHolds, actor: str, report: RetentionReport
) -> None:
    b = travel_bookings
    old = conn.execute(
        select(b.c.booking_key).group_by(b.c.booking_key).having(func.max(b.c.recorded_at) < cutoff)
    )
    keys = [row[0] for row in old]
    held = holds(conn, keys) if keys else set()
    report.held += len(held)
    doomed = [k for k in keys if k not in held]
    if not doomed:
        return
    ids = select(b.c.id).where(b.c.booking_key.in_(doomed)).scalar_subquery()
    people = select(travel_travellers.c.id).where(travel_travellers.c.booking_id.in_(ids))
    conn.execute(
        delete(travel_hits).where(travel_hits.c.traveller_id.in_(people.scalar_subquery()))
    )
    conn.execute(delete(travel_travellers).where(travel_travellers.c.booking_id.in_(ids)))
    conn.execute(delete(b).where(b.c.booking_key.in_(doomed)))
    report.purged += len(doomed)
    _audit(conn, actor, "privacy.purge", "travel_booking", doomed, {"cutoff": cutoff.isoformat()})


def _purge_manifests(
    conn: Connection, cutoff: dt.datetime, holds: CaseHolds, actor: str, report: RetentionReport
) -> None:
    """Delete the manifest travellers (no booking) recorded before ``cutoff``, with their
    hits, unless a case holds them."""
    t = travel_travellers
    ids = (
        conn.execute(select(t.c.id).where(t.c.booking_id.is_(None), t.c.recorded_at < cutoff))
        .scalars()
        .all()
    )
    keys = [traveller_key(i) for i in ids]
    held = holds(conn, keys) if keys else set()
    report.held += len(held)
    doomed = [i for i, k in zip(ids, keys, strict=True) if k not in held]
    for start in range(0, len(doomed), 500):
        chunk = doomed[start : start + 500]
        conn.execute(delete(travel_hits).where(travel_hits.c.traveller_id.in_(chunk)))
        conn.execute(delete(t).where(t.c.id.in_(chunk)))
    report.travellers_purged += len(doomed)
    cut = {"cutoff": cutoff.isoformat()}
    _audit(conn, actor, "privacy.purge", "travel_traveller", map(str, doomed), cut)


def _fragments(
    conn: Connection,
    mask_cutoff: dt.datetime,
    purge_cutoff: dt.datetime,
    actor: str,
    report: RetentionReport,
) -> None:
    """Purge the travel fragments quarantined before ``purge_cutoff`` and mask the raw text
    of those quarantined before ``mask_cutoff`` (reasons, size and hash stay, so the same
    fragment is still known when a file is read again)."""
    q = quarantine
    travel_runs = select(ingest_runs.c.id).where(ingest_runs.c.format == TRAVEL_FORMAT)
    ours = q.c.ingest_run_id.in_(travel_runs.scalar_subquery())
    old = (ours, q.c.quarantined_at < purge_cutoff)
    doomed = conn.execute(select(q.c.id).where(*old)).scalars().all()
    conn.execute(delete(q).where(*old))  # the same rows: one transaction
    due = (ours, q.c.quarantined_at < mask_cutoff, q.c.raw != MASKED)
    masked = conn.execute(select(q.c.id).where(*due)).scalars().all()
    conn.execute(update(q).where(*due).values(raw=MASKED))
    report.fragments_purged += len(doomed)
    report.fragments_masked += len(masked)
    _audit(conn, actor, "privacy.purge", "quarantine", map(str, doomed))
    _audit(conn, actor, "privacy.mask", "quarantine", map(str, masked))


def _mask(
    conn: Connection,
    now: dt.datetime,
    cutoff: dt.datetime,
    salt: str,
    actor: str,
    report: RetentionReport,
) -> None:
    b, t = travel_bookings, travel_travellers
    rows = conn.execute(
        select(b.c.id, b.c.booking_key, b.c.payload).where(
            b.c.recorded_at < cutoff, b.c.masked_at.is_(None)
        )
    ).all()
    events = []
    for row in rows:
        conn.execute(
            update(b)
            .where(b.c.id == row.id)
            .values(payload=mask_booking(row.payload, salt), masked_at=now)
        )
        for person in conn.execute(select(t.c.id, t.c.payload).where(t.c.booking_id == row.id)):
            _mask_traveller(conn, person.id, person.payload, salt, now)
        events.append(
            AuditEvent(
                actor,
                "privacy.mask",
                "travel_booking",
                row.booking_key,
                "retention",
                {"version_id": row.id},
            )
        )
    report.masked += len(rows)
    record_many(conn, events)


def _mask_manifests(
    conn: Connection,
    now: dt.datetime,
    cutoff: dt.datetime,
    salt: str,
    actor: str,
    report: RetentionReport,
) -> None:
    """Mask the travellers of PAXLST manifests (no booking) recorded before ``cutoff``."""
    t = travel_travellers
    rows = conn.execute(
        select(t.c.id, t.c.payload).where(
            t.c.booking_id.is_(None), t.c.recorded_at < cutoff, t.c.masked_at.is_(None)
        )
    ).all()
    for person in rows:
        _mask_traveller(conn, person.id, person.payload, salt, now)
    report.travellers += len(rows)
    _audit(conn, actor, "privacy.mask", "travel_traveller", (str(p.id) for p in rows))


def _mask_traveller(
    conn: Connection, row_id: int, payload: dict[str, Any], salt: str, now: dt.datetime
) -> None:
    masked = mask_person(payload, salt)
    t = travel_travellers
    conn.execute(
        update(t)
        .where(t.c.id == row_id)
        .values(
            payload=masked,
            surname=masked["surname"],
            given_names=MASKED,
            person_key=masked["surname"],
            masked_at=now,
        )
    )


def _audit(
    conn: Connection,
    actor: str,
    action: str,
    subject_type: str,
    subjects: Iterable[str],
    detail: dict[str, Any] | None = None,
) -> None:
    """One retention audit event per subject, in the caller's transaction."""
    events = [
        AuditEvent(actor, action, subject_type, s, "retention", detail or {}) for s in subjects
    ]
    record_many(conn, events)
