"""PNRGOV (IATA/WCO/ICAO PNR push, versions 10.1 to 13.1) into a flight and its bookings.

Structure read: the header ``TVL`` is the flight; each ``SRC`` starts a booking: ``RCI``
(owner, locator, creation date), ``DAT+700`` (last transaction), ``ORG`` (booking agency),
``ADD`` addresses (and their phone), ``IFT`` contact texts (``CTCR``/``CTCM``/``CTCH``
phones, ``CTCE`` e-mail), ``FOP`` (form of payment; card vendor and masked number), ``TIF``
travellers (type ``IN`` infant) with their ``SSR+DOCS``, ``TVL`` itinerary legs (codeshare
``KE:SQ`` = marketing:operating), ``TBD`` bags, ``EBD`` excess bags. The ``LTS``/``ABI``
history lines are skipped. A booking with a bad value is rejected on its own.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from pydifact.segments import Segment

from borderwatch.errors import FieldError
from borderwatch.travel.fields import FieldProblem, components, country, el, pnr_date, ssr_date
from borderwatch.travel.types import Booking, Flight, Leg, TravelDocument, Traveller, TravellerKind

KNOWN = frozenset(
    [
        "UNH",
        "MSG",
        "ORG",
        "TVL",
        "EQN",
        "SRC",
        "RCI",
        "SSR",
        "DAT",
        "IFT",
        "ADD",
        "EBD",
        "TIF",
        "FTI",
        "REF",
        "FAR",
        "TKT",
        "MON",
        "PTK",
        "TXD",
        "FOP",
        "RPI",
        "APD",
        "TRI",
        "SSD",
        "TBD",
        "LTS",
        "ABI",
        "SAC",
        "PTS",
        "CTC",
        "UNT",
        "DOC",
    ]
)
_PHONE_TEXT = re.compile(r"^CTC[RMHBP]\s*(.+)$")
_EMAIL_TEXT = re.compile(r"^CTCE\s*(.+)$")


@dataclass(slots=True)
class PnrResult:
    """What one PNRGOV message yields: flight, bookings, rejected bookings (segments and
    reasons) and unknown segments."""

    flight: Flight | None
    bookings: list[Booking] = field(default_factory=list)
    rejected: list[tuple[list[Segment], list[FieldError]]] = field(default_factory=list)
    unknown: list[Segment] = field(default_factory=list)
    errors: list[FieldError] = field(default_factory=list)


def tvl_leg(seg: Segment, path: str) -> Leg:
    """One ``TVL``: ``DDMMYY:HHMM[:DDMMYY]:HHMM + from + to + marketing[:operating] + nr``."""
    times = components(seg, 1)
    carriers = components(seg, 4)
    number = el(seg, 5)
    if not carriers or not carriers[0] or not number:
        raise FieldProblem(f"{path}.C306", "carrier or flight number is missing")
    operating = carriers[1] if len(carriers) > 1 and carriers[1] else carriers[0]
    leg = Leg(operating, number, el(seg, 2) or None, el(seg, 3) or None)
    if operating != carriers[0]:
        leg.marketing.append(f"{carriers[0]}{number}")
    if times and times[0]:
        leg.departure = pnr_date(times[0], times[1] if len(times) > 1 else "", f"{path}.C310")
        arrival_day = times[2] if len(times) > 2 and times[2] else times[0]
        if len(times) > 3 and times[3]:
            leg.arrival = pnr_date(arrival_day, times[3], f"{path}.C310")
    return leg


def _docs(seg: Segment, path: str) -> TravelDocument | None:
    text = el(seg, 1, 8)
    parts = text.split("/")
    if len(parts) < 8 or not parts[3].strip():
        return None
    doc = TravelDocument(parts[1].strip() or "P", parts[3].replace(" ", ""))
    doc.issuing_state = country(parts[2])
    doc.nationality = country(parts[4])
    doc.birth_date = ssr_date(parts[5], f"{path}.DOCS.birth") if parts[5].strip() else None
    doc.expiry = ssr_date(parts[7], f"{path}.DOCS.expiry") if parts[7].strip() else None
    if doc.birth_date and doc.birth_date > dt.date.today():
        doc.birth_date = doc.birth_date.replace(year=doc.birth_date.year - 100)
    return doc


def _traveller(seg: Segment, path: str) -> Traveller:
    surname = el(seg, 1)
    given = components(seg, 2)
    if not surname:
        raise FieldProblem(f"{path}.C322", "surname is missing")
    kind = TravellerKind.INFANT if el(seg, 2, 1) in ("IN", "I") else TravellerKind.PASSENGER
    person = Traveller(kind, surname, given[0].strip() if given else "")
    person.reference = el(seg, 2, 2) or None
    return person


def _contact(booking: Booking, seg: Segment) -> None:
    if seg.tag == "ADD":
        parts = components(seg, 2)
        address = " ".join(p.strip() for p in parts[1:7] if p.strip())
        if address:
            booking.addresses.append(address)
        phone = re.sub(r"\D", "", parts[7]) if len(parts) > 7 else ""
        if len(phone) >= 7:
            booking.phones.append(phone)
        return
    text = el(seg, 2).strip()
    if (m := _EMAIL_TEXT.match(text)) is not None:
        booking.emails.append(m.group(1).replace("//", "@").replace("..", "_").lower())
    elif (m := _PHONE_TEXT.match(text)) is not None:
        digits = re.sub(r"\D", "", m.group(1))
        if len(digits) >= 7:
            booking.phones.append(digits)


def _payment(booking: Booking, seg: Segment) -> None:
    kind = el(seg, 1) or "?"
    booking.payments.append(kind)
    if kind == "CC" and el(seg, 1, 4):
        booking.cards.append(f"{el(seg, 1, 3)}:{el(seg, 1, 4)}")


def _bag_tags(seg: Segment) -> list[str]:
    tags = (components(seg, i) for i in range(5, len(seg.elements) + 1))
    return [f"{c[0]}{c[1]}" for c in tags if len(c) > 1 and c[1].strip()]


def _booking(segs: list[Segment], path: str, sender: str) -> Booking:
    rci = next((s for s in segs if s.tag == "RCI"), None)
    if rci is None or not el(rci, 1, 1):
        raise FieldProblem(f"{path}.RCI", "booking has no record locator (RCI)")
    booking = Booking(el(rci, 1, 1), el(rci, 1) or sender)
    created = [c for c in components(rci, 1)[2:5] if c]
    if len(created) >= 1 and len(created[0]) == 6:
        time = created[1] if len(created) > 1 else ""
        booking.created_at = pnr_date(created[0], time, f"{path}.RCI.created")
    itinerary = False
    for seg in segs:
        where = f"{path}.{seg.tag}"
        if seg.tag == "TVL":
            itinerary = True
            if el(seg, 4):
                booking.itinerary.append(tvl_leg(seg, where))
        elif seg.tag == "TIF" and not itinerary:
            booking.travellers.append(_traveller(seg, where))
        elif seg.tag == "SSR" and el(seg, 1) == "DOCS" and booking.travellers:
            found = _docs(seg, where)
            owner = booking.travellers[-1]
            if found and not any(d.number == found.number for d in owner.documents):
                owner.documents.append(found)
                owner.birth_date = owner.birth_date or found.birth_date
                owner.nationality = owner.nationality or found.nationality
        elif seg.tag == "DAT" and el(seg, 1) == "700" and booking.booked_at is None:
            booking.booked_at = pnr_date(el(seg, 1, 1), el(seg, 1, 2), where)
        elif seg.tag == "ORG" and el(seg, 2):
            booking.agency = booking.agency or f"{el(seg, 1)}/{el(seg, 2)}"
        elif seg.tag in ("ADD", "IFT"):
            _contact(booking, seg)
        elif seg.tag == "FOP":
            _payment(booking, seg)
        elif seg.tag == "TBD":
            booking.bags.extend(_bag_tags(seg))
    booking.booked_at = booking.booked_at or booking.created_at
    if booking.itinerary:
        first, last = booking.itinerary[0], booking.itinerary[-1]
        booking.one_way = last.destination != first.origin
    return booking


def read_pnrgov(segments: list[Segment], sender: str) -> PnrResult:
    """The flight and bookings of a PNRGOV message's segments (``UNH`` to ``UNT``)."""
    body = [s for s in segments if s.tag in KNOWN]
    result = PnrResult(None, unknown=[s for s in segments if s.tag not in KNOWN])
    header = next((s for s in body if s.tag in ("TVL", "SRC")), None)
    if header is None or header.tag != "TVL":
        result.errors.append(FieldError("TVL", "no flight (TVL before the first SRC)"))
        return result
    try:
        leg = tvl_leg(header, "TVL")
    except FieldProblem as exc:
        result.errors.append(FieldError(exc.path, exc.reason))
        return result
    result.flight = Flight(leg.carrier, leg.number, [leg])
    groups: list[list[Segment]] = []
    for seg in body:
        if seg.tag == "SRC":
            groups.append([])
        elif groups and seg.tag != "UNT":
            groups[-1].append(seg)
    for i, group in enumerate(groups):
        try:
            result.bookings.append(_booking(group, f"SRC[{i}]", sender))
        except FieldProblem as exc:
            result.rejected.append((group, [FieldError(exc.path, exc.reason)]))
    return result


def hours_before(booking: Booking, departure: dt.datetime | None) -> float | None:
    """Hours between booking and ``departure`` (None when either is unknown)."""
    if booking.booked_at is None or departure is None:
        return None
    return round((departure - booking.booked_at).total_seconds() / 3600, 2)
