"""Screening travellers (birth date and nationality as evidence), traveller rules with
their evidence, and hits stored with reasons."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, select

from borderwatch.errors import InvalidInput
from borderwatch.screening import Screener, default_lists
from borderwatch.store.travel import travel_hits
from borderwatch.travel import check_traveller, parse_bytes, store
from borderwatch.travel.assess import assess_message
from borderwatch.travel.rulebook import TravellerRules, builtin_rules, parse_rules
from borderwatch.travel.synth import pnrgov
from tests.travel.factory import booking, flight, traveller
from tests.travel.helpers import fixture, split

LISTED = {
    "surname": "VAN DER BERG",
    "given_names": "HENRIK",
    "nationality": "NL",
    "birth_date": dt.date(1979, 11, 2),
}


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener(default_lists())


def _assess(screener: Screener, *bookings: object) -> list:  # type: ignore[type-arg]
    messages, _ = split(pnrgov(flight(), list(bookings), "R1").encode())  # type: ignore[arg-type]
    return assess_message(messages[0], screener, TravellerRules(builtin_rules()))


def test_listed_traveller_hits_with_birth_date_evidence(screener: Screener) -> None:
    found = _assess(screener, booking(travellers=[traveller(**LISTED)]))
    hit = found[0].hits[0]
    assert hit.list_name == "lookout" and hit.entity_id == "NL-0001"
    assert any(f.name.startswith("birth") and f.value > 0 for f in hit.features)
    assert "TRV-WATCHLIST" in [h.rule_id for h in found[0].rule_hits]
    other_birth = _assess(
        screener, booking(travellers=[traveller(**{**LISTED, "birth_date": dt.date(1990, 1, 1)})])
    )
    assert not other_birth[0].hits or other_birth[0].hits[0].score < hit.score


def test_co_traveller_of_a_listed_person_and_one_way_cash_rule(screener: Screener) -> None:
    group = booking(travellers=[traveller(**LISTED), traveller("COMPANION")])
    found = _assess(screener, group)
    companion = found[1]
    assert companion.hits == []
    rules = {h.rule_id: h for h in companion.rule_hits}
    assert rules["TRV-CO-TRAVELLER-LISTED"].evidence["co_traveller_hits"] >= 1
    late = rules["TRV-ONEWAY-CASH-LATE"]
    assert late.evidence == {
        "one_way": True,
        "paid_cash": True,
        "hours_booked_before_departure": 10.0,
    }
    assert "one_way=True" in late.explanation


def test_rules_do_not_fire_without_cause(screener: Screener) -> None:
    calm = booking(payments=["CC"], cards=["VI:XXXX1"], travellers=[traveller("CALM")])
    assert _assess(screener, calm)[0].rule_hits == []


def test_high_risk_route_uses_airport_countries(screener: Screener) -> None:
    f = flight()
    f.legs[0].destination = "IKA"  # Tehran Imam Khomeini
    messages, _ = split(pnrgov(f, [booking(itinerary=f.legs, payments=["CC"])], "R1").encode())
    found = assess_message(messages[0], screener, TravellerRules(builtin_rules()))
    assert "TRV-HIGH-RISK-ROUTE" in [h.rule_id for h in found[0].rule_hits]


def test_traveller_rules_are_validated_with_every_problem() -> None:
    with pytest.raises(InvalidInput) as exc:
        parse_rules(
            {
                "rules": [
                    {"id": "TRV-A", "title": "t", "description": "d", "expression": "one_wya"},
                    {"id": "bad id", "title": "t", "description": "d", "expression": "age > 'x'"},
                ]
            }
        )
    text = str(exc.value)
    assert "did you mean 'one_way'" in text and "rules[1].id" in text and "cannot compare" in text
    assert check_traveller("arrays_overlap(route_countries, ARRAY('IR'))").columns == (
        "route_countries",
    )


def test_hits_are_stored_with_reasons(engine: Engine, screener: Screener) -> None:
    rules = TravellerRules(builtin_rules())
    data = fixture("api_custom_una.edi")
    report = store(
        engine,
        parse_bytes(data, "api"),
        "api",
        assessor=lambda m: assess_message(m, screener, rules),
    )
    assert report.flagged >= 1
    with engine.connect() as conn:
        rows = conn.execute(
            select(travel_hits.c.kind, travel_hits.c.code, travel_hits.c.reasons)
        ).all()
    kinds = {(r.kind, r.code) for r in rows}
    assert ("screening", "lookout:NL-0001") in kinds and ("document", "expired") in kinds
    assert all(r.reasons and r.reasons[0] for r in rows)
