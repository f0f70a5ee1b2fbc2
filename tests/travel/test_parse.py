"""Parsing our own fixtures, each reproducing a real-world quirk (see fixtures/PROVENANCE.md)."""

from __future__ import annotations

import datetime as dt

from borderwatch.travel import TravellerKind
from borderwatch.travel.corpus import ODD
from borderwatch.travel.synth import paxlst
from tests.travel.factory import flight, traveller
from tests.travel.helpers import fixture, split


def test_custom_una_indentation_legs_and_infant() -> None:
    messages, rejected = split(fixture("api_custom_una.edi"))
    [msg] = messages
    assert [leg.designator for leg in msg.flight.legs] == ["BW101", "BW102"]
    assert msg.flight.legs[1].origin == "IST" and msg.flight.legs[1].destination == "JFK"
    names = [(t.surname, t.given_names, t.kind) for t in msg.travellers]
    assert names == [
        ("O*BRIEN", "SEAN PATRICK", TravellerKind.PASSENGER),
        ("VAN DER BERG", "HENRIK", TravellerKind.PASSENGER),
        ("TINY", "BABY", TravellerKind.INFANT),
    ]
    sean = msg.travellers[0]
    assert sean.nationality == "IE" and sean.reference == "ABC123"
    assert sean.documents[0].expiry == dt.date(2023, 1, 1)
    assert sean.documents[0].issuing_state == "IE"
    assert [r.errors[0].path for r in rejected] == ["file"]
    assert "after the last segment terminator" in rejected[0].reason


def test_pnr_codeshare_infant_payments_contacts() -> None:
    messages, rejected = split(fixture("pnr_codeshare_infant.edi"))
    assert rejected == []
    [msg] = messages
    first, second = msg.bookings
    assert first.key == "BW:QWE123" and second.key == "BW:ZXC987"
    assert [t.kind for t in first.travellers] == [TravellerKind.PASSENGER, TravellerKind.INFANT]
    assert first.travellers[1].birth_date == dt.date(2024, 1, 10)
    assert first.itinerary[0].carrier == "BW" and first.itinerary[0].marketing == ["KL101"]
    assert first.one_way is True and second.one_way is False
    assert first.payments == ["CA"] and second.cards == ["VI:XXXXXXXXXXXX1234"]
    assert first.emails == ["j.doe@example.org"] and second.phones == ["0031201234567"]
    assert first.bags == ["BW0000123456"] and first.agency == "BW/12345678"
    assert first.booked_at == dt.datetime(2025, 2, 28, 22, 0)
    assert second.travellers[0].documents[0].birth_date == dt.date(1964, 7, 12)


def test_bad_input_is_rejected_with_reasons_and_the_rest_is_read() -> None:
    messages, rejected = split(fixture("mixed_bad.edi"))
    assert [m.flight.legs[0].designator for m in messages if m.flight] == ["BW202", "BW204"]
    assert [t.surname for t in messages[0].travellers] == ["FINE"]
    reasons = [r.reason for r in rejected]
    expected = [
        "UNT counts 99 segments, the message has 8",
        "A2.NAD[0].DTM+329: bad date '801399'",
        "unknown segment 'XYZ' in PAXLST",
        "message A3 is truncated: UNZ before its UNT",
        "UNZ counts 2, the interchange holds 1 messages",
        "message C1 is truncated: the file ends before its UNT",
        "text after the last segment terminator",
    ]
    assert len(reasons) == len(expected)
    for reason, part in zip(reasons, expected, strict=True):
        assert part in reason


def test_lenient_mode_keeps_a_message_with_a_wrong_count_as_a_warning() -> None:
    messages, _ = split(fixture("mixed_bad.edi"), strict=False)
    first = messages[0]
    assert first.flight is not None and first.flight.number == "201"
    assert "UNT counts 99" in first.warnings[0].reason


def test_bad_character_set_and_malformed_una() -> None:
    _, rejected = split(fixture("bad_charset.edi"))
    assert "U+00C9" in rejected[0].reason and "UNOA" in rejected[0].reason
    messages, rejected = split(fixture("malformed_una.edi"))
    assert messages == [] and "never used" in rejected[0].reason


def test_hash_ignores_separators_and_layout() -> None:
    f, people = flight(), [traveller("ONE"), traveller("TWO")]
    plain, _ = split(paxlst(f, people, "R1").encode())
    fancy, _ = split(paxlst(f, people, "R1", seps=ODD, pretty=True).encode())
    other, _ = split(paxlst(f, people[:1], "R1").encode())
    assert plain[0].content_hash == fancy[0].content_hash != other[0].content_hash


def test_head_count_mismatch_is_a_warning() -> None:
    text = paxlst(flight(), [traveller("ONE")], "R1").replace("CNT+42:1", "CNT+42:5")
    messages, _ = split(text.encode())
    assert "declares 5 persons" in messages[0].warnings[0].reason
