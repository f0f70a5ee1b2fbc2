"""Writing PAXLST and PNRGOV messages, and a deterministic generator of synthetic traffic.

The writers are the inverse of the parsers (a round trip gives the same model), with the
quirks real senders show as options: custom ``UNA`` separators, one segment per line with
indentation, several messages per file. :func:`corpus` generates flights with passengers,
crew, infants, codeshare legs and bookings, re-pushes bookings (versions) and plants the
listed persons it is given, all from a seed (same seed, same bytes).
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Sequence

import pycountry
from pydifact.control.characters import Characters
from pydifact.segments import Segment
from pydifact.serializer import Serializer

from borderwatch.travel.edifact import Separators
from borderwatch.travel.types import Booking, Flight, Leg, Traveller, TravellerKind

Elements = str | list[str]
DEFAULT = Separators()


def _s(tag: str, *elements: Elements) -> Segment:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pydifact warns about element-less SRC
        return Segment(tag, *elements)


def _a3(code: str | None) -> str:
    found = pycountry.countries.get(alpha_2=code) if code else None
    return str(found.alpha_3) if found else (code or "")


def _ymd(day: dt.date | None) -> str:
    return day.strftime("%y%m%d") if day else ""


def _dmy(when: dt.datetime | None) -> list[str]:
    return [when.strftime("%d%m%y"), when.strftime("%H%M")] if when else ["", ""]


def write(segments: list[Segment], seps: Separators, pretty: bool = False) -> str:
    """Segments as EDIFACT text with ``seps`` (and a ``UNA`` when they are not the
    defaults); ``pretty`` puts one segment per line, message bodies indented."""
    serializer = Serializer(Characters.from_str(seps.una))
    if not pretty:
        return serializer.serialize(segments, with_una_header=seps != DEFAULT)
    lines = [seps.una] if seps != DEFAULT else []
    for seg in segments:
        text = serializer.serialize([seg], with_una_header=False)
        lines.append(text if seg.tag in ("UNB", "UNZ") else "  " + text)
    return "\n".join(lines) + "\n"


def _envelope(
    kind: str, ref: str, sender: str, body: list[Segment], when: dt.datetime
) -> list[Segment]:
    version = (
        ["PAXLST", "D", "05B", "UN", "IATA"] if kind == "PAXLST" else ["PNRGOV", "13", "1", "IA"]
    )
    syntax = ["UNOA", "4"] if kind == "PAXLST" else ["IATA", "1"]
    head = [
        _s(
            "UNB",
            syntax,
            [sender, "ZZ"],
            ["BORDERWATCH", "ZZ"],
            [when.strftime("%y%m%d"), when.strftime("%H%M")],
            ref,
        ),
        _s("UNH", ref, version),
    ]
    return [*head, *body, _s("UNT", str(len(body) + 2), ref), _s("UNZ", "1", ref)]


def _pax_person(p: Traveller) -> list[Segment]:
    role = "FM" if p.kind is TravellerKind.CREW else "FL"
    out = [_s("NAD", role, "", "", [p.surname, p.given_names] if p.given_names else p.surname)]
    out += [_s("ATT", "2", "", p.gender)] if p.gender else []
    out += [_s("DTM", ["329", _ymd(p.birth_date)])] if p.birth_date else []
    out += [_s("LOC", "178", p.embarkation)] if p.embarkation else []
    out += [_s("LOC", "179", p.debarkation)] if p.debarkation else []
    out += [_s("NAT", "2", _a3(p.nationality))] if p.nationality else []
    out += [_s("RFF", ["AVF", p.reference])] if p.reference else []
    out += [_s("RFF", ["SEA", p.seat])] if p.seat else []
    out += [_s("FTX", "BAG", "", "", tag) for tag in p.bags]
    for d in p.documents:
        out.append(_s("DOC", [d.doc_type, "110", "111"], d.number))
        out += [_s("DTM", ["36", _ymd(d.expiry)])] if d.expiry else []
        out += [_s("LOC", "91", _a3(d.issuing_state))] if d.issuing_state else []
    return out


def paxlst(
    flight: Flight,
    people: Sequence[Traveller],
    ref: str,
    sender: str = "BWAIR",
    seps: Separators = DEFAULT,
    pretty: bool = False,
    crew: bool = False,
) -> str:
    """A PAXLST interchange of one message: ``flight`` and ``people``."""
    body = [_s("BGM", "250" if crew else "745"), _s("NAD", "MS", "", "", "BORDERWATCH SYNTH")]
    for leg in flight.legs:
        body += [_s("TDT", "20", leg.designator), _s("LOC", "125", leg.origin or "")]
        body += (
            [_s("DTM", ["189", leg.departure.strftime("%y%m%d%H%M"), "201"])]
            if leg.departure
            else []
        )
        body += [_s("LOC", "87", leg.destination or "")]
        body += (
            [_s("DTM", ["232", leg.arrival.strftime("%y%m%d%H%M"), "201"])] if leg.arrival else []
        )
    for person in people:
        body += _pax_person(person)
    body.append(_s("CNT", ["42", str(len(people))]))
    when = flight.departure or dt.datetime(2025, 1, 1)
    return write(_envelope("PAXLST", ref, sender, body, when), seps, pretty)


def _tvl(leg: Leg) -> Segment:
    carriers = [leg.marketing[0][:2], leg.carrier] if leg.marketing else leg.carrier
    return _s(
        "TVL",
        [*_dmy(leg.departure), *_dmy(leg.arrival)],
        leg.origin or "",
        leg.destination or "",
        carriers,
        leg.number,
    )


def _pnr_person(p: Traveller, index: int) -> list[Segment]:
    kind = "IN" if p.kind is TravellerKind.INFANT else "A"
    out = [_s("TIF", p.surname, [p.given_names, kind, str(index)])]
    for d in p.documents:
        born = d.birth_date.strftime("%d%b%y").upper() if d.birth_date else ""
        expiry = d.expiry.strftime("%d%b%y").upper() if d.expiry else ""
        parts = [d.doc_type, _a3(d.issuing_state), d.number, _a3(d.nationality), born]
        text = "/" + "/".join([*parts, p.gender or "", expiry, p.surname, p.given_names])
        out.append(_s("SSR", ["DOCS", "HK", "1", "", "", "", "", "", text]))
    return out


def _booking(b: Booking) -> list[Segment]:
    out = [_s("SRC"), _s("RCI", [b.owner, b.locator, "", *_dmy(b.created_at)])]
    out += [_s("DAT", ["700", *_dmy(b.booked_at)])] if b.booked_at else []
    out += [_s("ORG", b.agency.split("/")[0], b.agency.split("/")[1])] if b.agency else []
    out += [_s("ADD", "", ["700", a, "", "", "", "", "", ""]) for a in b.addresses]
    out += [_s("IFT", ["4", "28"], f"CTCM {p}") for p in b.phones]
    out += [_s("IFT", ["4", "28"], f"CTCE {e.replace('@', '//')}") for e in b.emails]
    cards = iter(b.cards)
    for pay in b.payments:
        card = next(cards, "").split(":") if pay == "CC" else []
        out.append(_s("FOP", [pay, "", "", *card]) if card else _s("FOP", pay))
    for i, person in enumerate(b.travellers, 1):
        out += _pnr_person(person, i)
    for leg in b.itinerary:
        out.append(_tvl(leg))
    out += [_s("TBD", "", ["1", "20", "700"], "", "MP", [tag[:2], tag[2:], "1"]) for tag in b.bags]
    return out


def pnrgov(
    flight: Flight,
    bookings: Sequence[Booking],
    ref: str,
    sender: str = "BW",
    seps: Separators = DEFAULT,
    pretty: bool = False,
) -> str:
    """A PNRGOV interchange of one message: ``flight`` and ``bookings``."""
    body = [
        _s("MSG", ["", "22"]),
        _s("ORG", flight.carrier),
        _tvl(flight.legs[0]),
        _s("EQN", str(len(bookings))),
    ]
    for booking in bookings:
        body += _booking(booking)
    when = flight.departure or dt.datetime(2025, 1, 1)
    return write(_envelope("PNRGOV", ref, sender, body, when), seps, pretty)
