"""Storing messages on both back ends: duplicates by hash, booking versions, quarantine."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import Engine, select

from borderwatch.ingest.quarantine import list_quarantine
from borderwatch.store.travel import travel_bookings, travel_travellers
from borderwatch.travel import parse_bytes, store
from borderwatch.travel.synth import pnrgov
from tests.travel.factory import booking, flight, traveller
from tests.travel.helpers import fixture


def test_identical_push_is_a_duplicate_and_a_changed_one_a_version(engine: Engine) -> None:
    first = pnrgov(flight(), [booking("AAA111"), booking("BBB222")], "R1").encode()
    report = store(engine, parse_bytes(first, "push1"), "push1")
    assert (report.stored, report.bookings, report.travellers) == (1, 2, 2)
    again = store(engine, parse_bytes(first, "push1-again"), "push1-again")
    assert (again.duplicates, again.stored, again.bookings) == (1, 0, 0)
    changed = booking("AAA111", phones=["0049301234567"], travellers=[traveller("NEW")])
    second = pnrgov(flight(), [changed, booking("BBB222")], "R2").encode()
    report = store(engine, parse_bytes(second, "push2"), "push2")
    assert (report.versions, report.unchanged_bookings, report.bookings) == (1, 1, 0)
    with engine.connect() as conn:
        rows = conn.execute(
            select(travel_bookings.c.version, travel_bookings.c.superseded_at.is_(None))
            .where(travel_bookings.c.booking_key == "BW:AAA111")
            .order_by(travel_bookings.c.version)
        ).all()
        assert [(r[0], bool(r[1])) for r in rows] == [(1, False), (2, True)]
        live = conn.execute(
            select(travel_bookings.c.payload).where(
                travel_bookings.c.booking_key == "BW:AAA111",
                travel_bookings.c.superseded_at.is_(None),
            )
        ).scalar_one()
        assert live["phones"] == ["0049301234567"]
        names = conn.execute(select(travel_travellers.c.surname).order_by(travel_travellers.c.id))
        assert [n[0] for n in names] == ["DOE", "DOE", "NEW"]


def test_bad_fragments_are_quarantined_once_with_reasons(engine: Engine) -> None:
    data = fixture("mixed_bad.edi")
    report = store(engine, parse_bytes(data, "mixed"), "mixed")
    assert (report.stored, report.quarantined) == (2, 7)
    total, page = list_quarantine(engine, run_id=report.run_id)
    assert total == 7
    assert any("bad date '801399'" in r["reason"] for q in page for r in q.reasons)
    again = store(engine, parse_bytes(data, "mixed"), "mixed")
    assert (again.duplicates, again.quarantined) == (2, 0)


def test_paxlst_travellers_are_stored_per_message(engine: Engine) -> None:
    report = store(engine, parse_bytes(fixture("api_custom_una.edi"), "api"), "api")
    assert report.travellers == 3
    payload_check = replace(traveller(), surname="X")
    assert payload_check.surname == "X"
