"""The travel contract: flights, travellers, documents and bookings as parsed from PAXLST
and PNRGOV messages, and what a parse yields (a message, or a rejected fragment with its
reasons).

Light ``__slots__`` dataclasses: a benchmark corpus makes hundreds of thousands of them.
``to_dict`` gives the JSON form stored in the ``payload`` columns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from borderwatch.errors import FieldError


class MessageKind(StrEnum):
    """``PAXLST``: advance passenger information (API) of one flight, sent at check-in
    closure; ``PNRGOV``: passenger name records (bookings) pushed by the carrier several
    times before departure."""

    PAXLST = "PAXLST"
    PNRGOV = "PNRGOV"


class TravellerKind(StrEnum):
    """``passenger``, ``crew`` (PAXLST crew lists and NAD+FM/DDT roles) or ``infant``
    (a lap infant travelling on an adult's seat, PNR ``TIF`` type ``IN``/``I``)."""

    PASSENGER = "passenger"
    CREW = "crew"
    INFANT = "infant"


@dataclass(slots=True)
class Leg:
    """One flight leg: operating carrier and number, airports (IATA codes) and local times.

    ``marketing`` lists codeshare designators (``KE609``) selling the same leg."""

    carrier: str
    number: str
    origin: str | None = None
    destination: str | None = None
    departure: dt.datetime | None = None
    arrival: dt.datetime | None = None
    marketing: list[str] = field(default_factory=list)

    @property
    def designator(self) -> str:
        """Carrier and number, e.g. ``DL324``."""
        return f"{self.carrier}{self.number}"


@dataclass(slots=True)
class Flight:
    """A flight as reported: its designator and its legs in order."""

    carrier: str
    number: str
    legs: list[Leg] = field(default_factory=list)

    @property
    def key(self) -> str:
        """``DL324/2010-12-12``: designator and date of first departure (``?`` unknown)."""
        first = next((leg.departure for leg in self.legs if leg.departure), None)
        return f"{self.carrier}{self.number}/{first.date().isoformat() if first else '?'}"

    @property
    def departure(self) -> dt.datetime | None:
        """Departure time of the first leg that has one."""
        return next((leg.departure for leg in self.legs if leg.departure), None)


@dataclass(slots=True)
class TravelDocument:
    """A travel document: ICAO 9303 type (``P`` passport, ``I`` identity card, ``V`` visa,
    ...), number, issuing state, expiry, and the holder's nationality and birth date as the
    document states them. ``mrz`` holds the machine-readable zone when the sender gave it."""

    doc_type: str
    number: str
    issuing_state: str | None = None
    expiry: dt.date | None = None
    nationality: str | None = None
    birth_date: dt.date | None = None
    mrz: str | None = None


@dataclass(slots=True)
class Traveller:
    """A passenger, crew member or infant of one message.

    ``reference`` is the carrier's passenger reference (PAXLST ``RFF+AVF`` booking
    locator, PNR ``TIF`` reference number); ``accompanying`` links an infant to its adult's
    reference."""

    kind: TravellerKind
    surname: str
    given_names: str = ""
    gender: str | None = None
    birth_date: dt.date | None = None
    nationality: str | None = None
    residence: str | None = None
    embarkation: str | None = None
    debarkation: str | None = None
    documents: list[TravelDocument] = field(default_factory=list)
    reference: str | None = None
    seat: str | None = None
    bags: list[str] = field(default_factory=list)
    accompanying: str | None = None

    @property
    def full_name(self) -> str:
        """Given names then surname, as screened."""
        return f"{self.given_names} {self.surname}".strip()

    @property
    def person_key(self) -> str:
        """``SURNAME/GIVEN/BIRTHDATE``: one person across messages and bookings."""
        born = self.birth_date.isoformat() if self.birth_date else "?"
        return f"{self.surname.upper()}/{self.given_names.upper()}/{born}"


@dataclass(slots=True)
class Booking:
    """A passenger name record: locator, when and how it was booked and paid, who booked
    it, its itinerary, bags, travellers (co-travellers of each other) and contacts."""

    locator: str
    owner: str
    booked_at: dt.datetime | None = None
    created_at: dt.datetime | None = None
    payments: list[str] = field(default_factory=list)
    cards: list[str] = field(default_factory=list)
    agency: str | None = None
    itinerary: list[Leg] = field(default_factory=list)
    bags: list[str] = field(default_factory=list)
    travellers: list[Traveller] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    one_way: bool | None = None

    @property
    def key(self) -> str:
        """``OWNER:LOCATOR``: the booking across pushes (record locators are per system)."""
        return f"{self.owner}:{self.locator}"


@dataclass(slots=True)
class Message:
    """One parsed PAXLST or PNRGOV message of an interchange.

    ``content_hash`` is the SHA-256 of the message's normalised segments (separators,
    line breaks and indentation do not change it), so identical pushes are recognised."""

    kind: MessageKind
    location: str
    sender: str
    recipient: str
    interchange_ref: str
    message_ref: str
    prepared_at: dt.datetime | None
    flight: Flight | None
    travellers: list[Traveller]
    bookings: list[Booking]
    content_hash: str
    raw: str
    warnings: list[FieldError] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (dates as ISO strings)."""
        out: dict[str, Any] = _jsonable(asdict(self))
        return out


@dataclass(slots=True)
class Rejected:
    """A fragment of a file that could not be used, where it was and every reason."""

    location: str
    raw: str
    errors: list[FieldError]
    message_ref: str | None = None

    @property
    def reason(self) -> str:
        """All reasons on one line."""
        return "; ".join(str(e) for e in self.errors)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def jsonable(value: Any) -> Any:
    """``value`` (dataclasses as dicts, dates as ISO text) ready for JSON."""
    if hasattr(value, "__dataclass_fields__"):
        value = asdict(value)
    return _jsonable(value)
