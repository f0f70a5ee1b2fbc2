"""Hypothesis: generated messages round-trip through writer and parser; random corruption
never crashes the parser, it only yields messages and rejected fragments."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from borderwatch.travel import Message, Rejected, TravelDocument, Traveller, TravellerKind
from borderwatch.travel.corpus import ODD
from borderwatch.travel.edifact import Separators
from borderwatch.travel.synth import paxlst, pnrgov
from tests.travel.factory import DEPART, booking, flight
from tests.travel.helpers import split

# Names may hold every separator and release character: the writer must escape them.
_WORD = st.text(st.sampled_from("ABCXYZ'+:*$?-."), min_size=1, max_size=12)
_NAME = st.lists(_WORD, min_size=1, max_size=3).map(" ".join)
_PLAIN = st.text(st.sampled_from("ABCDEFGHIJ"), min_size=1, max_size=10)
_COUNTRY = st.sampled_from(["NL", "DE", "IR", "US", "GB"])
_DAY = st.dates(dt.date(1930, 1, 1), dt.date(2024, 12, 31))


@st.composite
def _traveller(draw: st.DrawFn, name: st.SearchStrategy[str] = _NAME) -> Traveller:
    nat = draw(_COUNTRY)
    born = draw(_DAY)
    number = draw(st.text(st.sampled_from("ABC0123456789"), min_size=5, max_size=9))
    expiry = draw(st.dates(dt.date(2001, 1, 1), dt.date(2060, 12, 31)))
    doc = TravelDocument("P", number, nat, expiry, nat, born)
    kind = TravellerKind.INFANT if (DEPART.date() - born).days < 730 else TravellerKind.PASSENGER
    return Traveller(
        kind, draw(name), draw(name), draw(st.sampled_from("MF")), born, nat, documents=[doc]
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(_traveller(), min_size=1, max_size=5), st.booleans(), st.booleans())
def test_paxlst_round_trip(people: list[Traveller], odd: bool, pretty: bool) -> None:
    seps = ODD if odd else Separators()
    messages, rejected = split(paxlst(flight(), people, "R1", seps=seps, pretty=pretty).encode())
    assert rejected == []
    got = messages[0].travellers
    assert [(t.surname, t.given_names, t.birth_date, t.nationality, t.kind) for t in got] == [
        (p.surname, p.given_names, p.birth_date, p.nationality, p.kind) for p in people
    ]
    assert [t.documents[0].number for t in got] == [p.documents[0].number for p in people]
    assert [t.documents[0].expiry for t in got] == [p.documents[0].expiry for p in people]


@settings(max_examples=40, deadline=None)
@given(st.lists(_traveller(_PLAIN), min_size=1, max_size=3), st.booleans())
def test_pnrgov_round_trip(people: list[Traveller], cash: bool) -> None:
    sent = booking(
        travellers=people,
        payments=["CA"] if cash else ["CC"],
        cards=[] if cash else ["VI:XXXX1234"],
    )
    messages, rejected = split(pnrgov(flight(), [sent], "R1").encode())
    assert rejected == []
    [got] = messages[0].bookings
    assert (got.key, got.payments, got.cards, got.phones, got.emails, got.one_way) == (
        sent.key,
        sent.payments,
        sent.cards,
        sent.phones,
        sent.emails,
        sent.one_way,
    )
    assert [(t.surname, t.given_names, t.birth_date) for t in got.travellers] == [
        (p.surname, p.given_names, p.birth_date) for p in people
    ]


_SAMPLE = (
    paxlst(flight(), [], "R1") + "\n" + pnrgov(flight(), [booking()], "R2", seps=ODD, pretty=True)
).encode()


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_random_corruption_never_crashes(data: st.DataObject) -> None:
    raw = bytearray(_SAMPLE)
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(raw) - 1))
        action = data.draw(st.sampled_from(["cut", "flip", "insert", "truncate"]))
        if action == "cut":
            del raw[at : at + data.draw(st.integers(1, 30))]
        elif action == "flip":
            raw[at] = data.draw(st.integers(0, 255))
        elif action == "insert":
            raw[at:at] = data.draw(st.binary(min_size=1, max_size=8))
        else:
            del raw[at:]
        if not raw:
            raw = bytearray(b"U")
    items = list(split_items(bytes(raw)))
    assert all(isinstance(i, (Message, Rejected)) for i in items)
    assert all(i.errors for i in items if isinstance(i, Rejected))


def split_items(data: bytes) -> list[Message | Rejected]:
    messages, rejected = split(data)
    return [*messages, *rejected]
