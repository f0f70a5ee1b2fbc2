"""PAXLST (UN/EDIFACT passenger and crew list, D02B/D05B, IATA/WCO API guidelines) into a
flight and its travellers.

Structure read: ``TDT`` (one per leg) with ``LOC`` 125/87/92 and ``DTM`` 189/232; then one
group per person from ``NAD+FL`` (passenger), ``NAD+FM`` (crew), ``DDT``/``DDU``/``COT``
(in transit): ``ATT`` gender, ``DTM+329`` birth, ``LOC`` 178/179/174, ``NAT``, ``RFF``
(``AVF`` booking, ``SEA`` seat), ``FTX+BAG`` bag tags, ``DOC`` with ``DTM+36`` expiry and
``LOC+91`` issuing state; ``CNT+42`` the declared head count. A person whose group has a bad
value is rejected on its own; a bad flight rejects the message.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pydifact.segments import Segment

from borderwatch.errors import FieldError
from borderwatch.travel.fields import (
    FieldProblem,
    birth_date,
    components,
    country,
    designator,
    edi_date,
    el,
)
from borderwatch.travel.types import Flight, Leg, TravelDocument, Traveller, TravellerKind

KNOWN = frozenset(
    [
        "UNH",
        "BGM",
        "RFF",
        "NAD",
        "COM",
        "TDT",
        "LOC",
        "DTM",
        "ATT",
        "MEA",
        "GEI",
        "FTX",
        "NAT",
        "DOC",
        "CNT",
        "EMP",
        "QTY",
        "UNT",
        "CPI",
        "TSR",
    ]
)
_PERSON = {
    "FL": TravellerKind.PASSENGER,
    "DDU": TravellerKind.PASSENGER,
    "FM": TravellerKind.CREW,
    "DDT": TravellerKind.CREW,
    "COT": TravellerKind.CREW,
}
_CREW_LISTS = frozenset({"250", "266", "336"})


@dataclass(slots=True)
class PaxResult:
    """What one PAXLST message yields: flight, accepted travellers, rejected persons (their
    segments and reasons), unknown segments and the declared head count."""

    flight: Flight | None
    travellers: list[Traveller] = field(default_factory=list)
    rejected: list[tuple[list[Segment], list[FieldError]]] = field(default_factory=list)
    unknown: list[Segment] = field(default_factory=list)
    declared_count: int | None = None
    errors: list[FieldError] = field(default_factory=list)


def _leg(segs: list[Segment], path: str) -> Leg:
    carrier, number = designator(el(segs[0], 2), f"{path}.C222")
    leg = Leg(carrier, number)
    locs = [s for s in segs if s.tag == "LOC"]
    for seg in segs:
        where = f"{path}.{seg.tag}+{el(seg, 1)}"
        if seg.tag == "LOC" and el(seg, 1) in ("125", "92") and leg.origin is None:
            leg.origin = el(seg, 2) or None
        elif seg.tag == "LOC" and el(seg, 1) in ("87", "92"):
            leg.destination = el(seg, 2) or None
        elif seg.tag == "DTM" and el(seg, 1) in ("189", "232"):
            when = edi_date(el(seg, 1, 1), el(seg, 1, 2), where)
            leg.departure = when if el(seg, 1) == "189" else leg.departure
            leg.arrival = when if el(seg, 1) == "232" else leg.arrival
    if leg.origin is None and locs:
        leg.origin = el(locs[0], 2) or None
    return leg


def _document(segs: list[Segment], path: str, near: dt.date) -> TravelDocument:
    doc = TravelDocument(el(segs[0], 1) or "P", el(segs[0], 2))
    if not doc.number:
        raise FieldProblem(f"{path}.C503", "document number is missing")
    for seg in segs[1:]:
        where = f"{path}.{seg.tag}+{el(seg, 1)}"
        if seg.tag == "DTM" and el(seg, 1) == "36":
            doc.expiry = edi_date(el(seg, 1, 1), el(seg, 1, 2), where).date()
        elif seg.tag == "LOC" and el(seg, 1) == "91":
            doc.issuing_state = country(el(seg, 2))
    return doc


def _person(segs: list[Segment], kind: TravellerKind, path: str, near: dt.date) -> Traveller:
    name = components(segs[0], 4)
    if not name or not name[0].strip():
        raise FieldProblem(f"{path}.C080", "surname is missing")
    given = " ".join(n.strip() for n in name[1:] if n.strip())
    person = Traveller(kind, name[0].strip(), given)
    docs: list[list[Segment]] = []
    for seg in segs[1:]:
        tag, qual = seg.tag, el(seg, 1)
        where = f"{path}.{tag}+{qual}"
        if docs and tag in ("DTM", "LOC") and qual in ("36", "182", "91"):
            docs[-1].append(seg)
        elif tag == "DOC":
            docs.append([seg])
        elif tag == "ATT" and qual == "2":
            person.gender = el(seg, 3) or None
        elif tag == "DTM" and qual == "329":
            person.birth_date = birth_date(el(seg, 1, 1), where, near)
        elif tag == "LOC":
            _place(person, qual, el(seg, 2))
        elif tag == "NAT":
            person.nationality = country(el(seg, 2))
        elif tag == "RFF" and qual in ("AVF", "SEA", "ABO"):
            _reference(person, qual, el(seg, 1, 1))
        elif tag == "FTX" and qual == "BAG":
            person.bags.append(el(seg, 4))
    for i, group in enumerate(docs):
        found = _document(group, f"{path}.DOC[{i}]", near)
        found.nationality, found.birth_date = person.nationality, person.birth_date
        person.documents.append(found)
    return person


def _place(person: Traveller, qualifier: str, code: str) -> None:
    if qualifier == "178":
        person.embarkation = code or None
    elif qualifier == "179":
        person.debarkation = code or None
    elif qualifier == "174":
        person.residence = country(code)


def _reference(person: Traveller, qualifier: str, value: str) -> None:
    if qualifier == "AVF":
        person.reference = value or None
    elif qualifier == "SEA":
        person.seat = value or None


def _groups(segments: list[Segment]) -> tuple[list[list[Segment]], list[list[Segment]]]:
    legs: list[list[Segment]] = []
    people: list[list[Segment]] = []
    current: list[Segment] | None = None
    for seg in segments:
        if seg.tag == "TDT":
            current = [seg]
            legs.append(current)
        elif seg.tag == "NAD" and el(seg, 1) in _PERSON:
            current = [seg]
            people.append(current)
        elif seg.tag in ("CNT", "UNT"):
            current = None
        elif current is not None:
            current.append(seg)
    return legs, people


def read_paxlst(segments: list[Segment]) -> PaxResult:
    """The flight and travellers of a PAXLST message's segments (``UNH`` to ``UNT``)."""
    body = [s for s in segments if s.tag in KNOWN]
    result = PaxResult(None, unknown=[s for s in segments if s.tag not in KNOWN])
    crew_list = any(s.tag == "BGM" and el(s, 1) in _CREW_LISTS for s in body)
    legs, people = _groups(body)
    try:
        parsed = [_leg(group, f"TDT[{i}]") for i, group in enumerate(legs)]
    except FieldProblem as exc:
        result.errors.append(FieldError(exc.path, exc.reason))
        return result
    if not parsed:
        result.errors.append(FieldError("TDT", "no flight (TDT segment) in the message"))
        return result
    main = parsed[-1]
    result.flight = Flight(main.carrier, main.number, parsed)
    near = (result.flight.departure or dt.datetime.now()).date()
    for i, group in enumerate(people):
        kind = TravellerKind.CREW if crew_list else _PERSON[el(group[0], 1)]
        try:
            person = _person(group, kind, f"NAD[{i}]", near)
        except FieldProblem as exc:
            result.rejected.append((group, [FieldError(exc.path, exc.reason)]))
            continue
        if person.birth_date and (near - person.birth_date).days < 730 and not crew_list:
            person.kind = TravellerKind.INFANT
        result.travellers.append(person)
    for seg in body:
        if seg.tag == "CNT" and el(seg, 1) == "42" and el(seg, 1, 1).isdigit():
            result.declared_count = int(el(seg, 1, 1))
    return result
