"""Storing parsed messages: duplicates by hash, booking versions, quarantine.

Each message is one transaction: its row, its bookings (a changed booking supersedes its
live version, an unchanged one is left alone) and its travellers. Rejected fragments go to
the shared ``quarantine`` table with every reason, so running a file again stores nothing
twice: known messages count as duplicates, known fragments are ignored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, select, update

from borderwatch.model.travel import TravellerAssessment
from borderwatch.store.schema import ingest_runs, quarantine
from borderwatch.store.travel import (
    travel_bookings,
    travel_hits,
    travel_messages,
    travel_travellers,
)
from borderwatch.travel.types import Booking, Message, Rejected, Traveller, jsonable


@dataclass(slots=True)
class TravelReport:
    """What one ingest did: messages read, stored and duplicate; bookings new and
    versioned (a changed push), travellers stored, travellers flagged (a watchlist or rule
    hit, when assessed) and fragments quarantined."""

    source: str
    run_id: int
    messages: int = 0
    stored: int = 0
    duplicates: int = 0
    bookings: int = 0
    versions: int = 0
    unchanged_bookings: int = 0
    travellers: int = 0
    quarantined: int = 0
    flagged: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def booking_hash(booking: Booking) -> str:
    """SHA-256 of a booking's content (what a new version must change)."""
    return hashlib.sha256(orjson.dumps(jsonable(booking), option=orjson.OPT_SORT_KEYS)).hexdigest()


Assessor = Callable[[Message], list[TravellerAssessment]]


TRAVEL_FORMAT = "edifact"
"""The ``format`` of a travel ingest run (what retention finds its quarantined fragments by)."""


def store(
    engine: Engine,
    items: Iterable[Message | Rejected],
    source: str,
    fmt: str = TRAVEL_FORMAT,
    assessor: Assessor | None = None,
) -> TravelReport:
    """Store parsed ``items`` of one source; returns the counts. With an ``assessor``
    (:func:`~borderwatch.travel.assess.assess_message` bound to a screener and rules), each
    stored traveller's findings, watchlist hits and rule hits are stored with their
    reasons."""
    now = dt.datetime.now(dt.UTC)
    with engine.begin() as conn:
        row = {"source_name": source, "format": fmt, "started_at": now, "status": "running"}
        key = conn.execute(ingest_runs.insert().values(**row)).inserted_primary_key
    assert key is not None
    report = TravelReport(source, int(key[0]))
    status = "failed"
    try:
        for item in items:
            with engine.begin() as conn:
                if isinstance(item, Rejected):
                    report.quarantined += _quarantine(conn, item, report)
                else:
                    found = assessor(item) if assessor else None
                    _message(conn, item, report, found)
        status = "completed"
    finally:
        with engine.begin() as conn:
            conn.execute(
                update(ingest_runs)
                .where(ingest_runs.c.id == report.run_id)
                .values(
                    finished_at=dt.datetime.now(dt.UTC),
                    status=status,
                    read=report.messages,
                    accepted=report.stored,
                    quarantined=report.quarantined,
                    duplicates=report.duplicates,
                    versions=report.versions,
                )
            )
    return report


def _quarantine(conn: Connection, item: Rejected, report: TravelReport) -> int:
    key = f"{report.source}\x00{item.location}\x00{item.raw}".encode(errors="replace")
    row = {
        "ingest_run_id": report.run_id,
        "source_name": report.source,
        "location": item.location[-64:],
        "record_id": (item.message_ref or "")[:64] or None,
        "raw": item.raw[:65536],
        "raw_bytes": len(item.raw.encode("utf-8", errors="replace")),
        "raw_hash": hashlib.sha256(key).hexdigest(),
        "reasons": [{"path": e.path, "reason": e.reason} for e in item.errors],
        "quarantined_at": dt.datetime.now(dt.UTC),
    }
    seen = select(quarantine.c.id).where(quarantine.c.raw_hash == row["raw_hash"])
    if conn.execute(seen).first() is not None:
        return 0
    conn.execute(quarantine.insert().values(**row))
    return 1


def _message(
    conn: Connection,
    msg: Message,
    report: TravelReport,
    found: list[TravellerAssessment] | None = None,
) -> None:
    report.messages += 1
    known = conn.execute(
        select(travel_messages.c.id).where(travel_messages.c.content_hash == msg.content_hash)
    ).first()
    if known is not None:
        report.duplicates += 1
        return
    assert msg.flight is not None
    now = dt.datetime.now(dt.UTC)
    flight_key = msg.flight.key
    message_id = conn.execute(
        travel_messages.insert().values(
            content_hash=msg.content_hash,
            kind=msg.kind.value,
            sender=msg.sender[:64],
            message_ref=msg.message_ref[:64],
            flight_key=flight_key,
            departure=_utc(msg.flight.departure),
            flight=jsonable(msg.flight),
            warnings=[{"path": w.path, "reason": w.reason} for w in msg.warnings],
            ingest_run_id=report.run_id,
            received_at=now,
        )
    ).inserted_primary_key[0]  # type: ignore[index]
    report.stored += 1
    stored: list[tuple[int, int]] = []
    index = 0
    for booking in msg.bookings:
        booking_id = _booking(conn, booking, int(message_id), flight_key, now, report)
        for person in booking.travellers:
            if booking_id is not None:
                ids = (int(message_id), booking_id, flight_key, len(stored) + 1, now)
                stored.append((index, _traveller(conn, person, *ids)))
            index += 1
    for person in msg.travellers if not msg.bookings else []:
        tid = _traveller(conn, person, int(message_id), None, flight_key, len(stored) + 1, now)
        stored.append((index, tid))
        index += 1
    report.travellers += len(stored)
    if found is not None:
        _hits(conn, [(tid, found[i]) for i, tid in stored], now, report)


def _hits(
    conn: Connection,
    pairs: list[tuple[int, TravellerAssessment]],
    now: dt.datetime,
    report: TravelReport,
) -> None:
    rows: list[dict[str, Any]] = []
    for tid, a in pairs:
        base = {"traveller_id": tid, "recorded_at": now}
        rows += [
            {**base, "kind": "document", "code": f.code, "score": 1.0, "reasons": [f.reason]}
            for f in a.findings
        ]
        rows += [
            {
                **base,
                "kind": "screening",
                "code": f"{h.list_name}:{h.entity_id}"[:64],
                "score": h.score,
                "reasons": [h.explain()],
            }
            for h in a.hits
        ]
        rows += [
            {
                **base,
                "kind": "rule",
                "code": h.rule_id,
                "score": h.weight,
                "reasons": [h.explanation],
            }
            for h in a.rule_hits
        ]
    if rows:
        conn.execute(travel_hits.insert(), rows)
    report.flagged += sum(1 for _, a in pairs if a.hits or a.rule_hits)


def _booking(
    conn: Connection,
    booking: Booking,
    message_id: int,
    flight_key: str,
    now: dt.datetime,
    report: TravelReport,
) -> int | None:
    digest = booking_hash(booking)
    table = travel_bookings
    live = conn.execute(
        select(table.c.id, table.c.version, table.c.content_hash).where(
            table.c.booking_key == booking.key, table.c.superseded_at.is_(None)
        )
    ).first()
    if live is not None and live.content_hash == digest:
        report.unchanged_bookings += 1
        return None
    if live is not None:
        conn.execute(update(table).where(table.c.id == live.id).values(superseded_at=now))
        report.versions += 1
    else:
        report.bookings += 1
    key = conn.execute(
        table.insert().values(
            booking_key=booking.key[:64],
            version=(live.version + 1) if live else 1,
            content_hash=digest,
            message_id=message_id,
            flight_key=flight_key,
            booked_at=_utc(booking.booked_at),
            payload=jsonable(booking),
            recorded_at=now,
        )
    ).inserted_primary_key
    assert key is not None
    return int(key[0])


def _traveller(
    conn: Connection,
    person: Traveller,
    message_id: int,
    booking_id: int | None,
    flight_key: str,
    seq: int,
    now: dt.datetime,
) -> int:
    key = conn.execute(
        travel_travellers.insert().values(
            message_id=message_id,
            booking_id=booking_id,
            flight_key=flight_key,
            seq=seq,
            kind=person.kind.value,
            person_key=person.person_key[:200],
            surname=person.surname,
            given_names=person.given_names,
            birth_date=person.birth_date.isoformat() if person.birth_date else None,
            nationality=person.nationality,
            payload=jsonable(person),
            recorded_at=now,
        )
    ).inserted_primary_key
    assert key is not None
    return int(key[0])


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    return value.replace(tzinfo=dt.UTC) if value is not None and value.tzinfo is None else value
