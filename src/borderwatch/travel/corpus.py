"""A deterministic generator of synthetic API and PNR traffic (same seed, same bytes).

Each flight gets a PAXLST message of its passengers (some infants, one in ten files with
custom ``UNA`` separators and indented lines) and a PNRGOV push of its bookings (groups of
co-travellers sharing phones, e-mails and cards, codeshare legs, cash and card payments);
one booking in ten is pushed again changed (a version) and one PNR file in twenty is sent
twice identically (a duplicate). The ``planted`` persons, typically taken from a watchlist,
travel on random flights.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from borderwatch.travel.edifact import Separators
from borderwatch.travel.synth import paxlst, pnrgov
from borderwatch.travel.types import Booking, Flight, Leg, TravelDocument, Traveller, TravellerKind

SURNAMES = [
    "SMITH",
    "JONES",
    "GARCIA",
    "MULLER",
    "ROSSI",
    "DUBOIS",
    "NOVAK",
    "KOWALSKI",
    "IVANOV",
    "SATO",
    "KIM",
    "NGUYEN",
    "SILVA",
    "HANSEN",
    "JANSEN",
    "OKAFOR",
    "MENDES",
    "PETROV",
    "YILMAZ",
    "HASSAN",
]
GIVEN = [
    "ANNA",
    "JOHN",
    "MARIA",
    "PETER",
    "SOFIA",
    "LUCAS",
    "EMMA",
    "NOAH",
    "AMIR",
    "LEILA",
    "YUKI",
    "CHEN",
    "IVAN",
    "OLGA",
]
AIRPORTS = ("AMS", "CDG", "FRA", "LHR", "JFK", "IST", "DXB", "SIN", "BOG", "MEX", "THR", "DAM")
COUNTRIES = ("NL", "FR", "DE", "GB", "US", "TR", "AE", "SG", "CO", "MX", "IR", "SY")
CARRIERS = ("BW", "KL", "AF", "LH", "BA", "TK")
ODD = Separators(":", "*", ".", "?", " ", "$")


@dataclass(frozen=True, slots=True)
class Planted:
    """A listed person to plant in the traffic."""

    surname: str
    given_names: str
    birth_date: dt.date
    nationality: str


def _person(rng: random.Random, depart: dt.datetime, leg: Leg, i: int) -> Traveller:
    nat = rng.choice(COUNTRIES)
    infant = rng.random() < 0.03
    days = rng.randint(30, 700) if infant else rng.randint(18 * 365, 80 * 365)
    born = (depart - dt.timedelta(days=days)).date()
    expiry = (depart + dt.timedelta(days=rng.randint(-200, 3000))).date()
    number = f"{rng.choice('XYZ')}{rng.randint(10_000_000, 99_999_999)}"
    doc = TravelDocument("P", number, nat, expiry, nat, born)
    kind = TravellerKind.INFANT if infant else TravellerKind.PASSENGER
    return Traveller(
        kind,
        rng.choice(SURNAMES),
        rng.choice(GIVEN),
        rng.choice("MF"),
        born,
        nat,
        nat,
        leg.origin,
        leg.destination,
        [doc],
        f"R{i:05d}",
        f"{rng.randint(1, 40)}{rng.choice('ABCDEF')}",
    )


def _flight(rng: random.Random, n: int, base: dt.datetime) -> Flight:
    origin, destination = rng.sample(AIRPORTS, 2)
    depart = base + dt.timedelta(hours=n * 3 + rng.randint(0, 2))
    leg = Leg(
        rng.choice(CARRIERS),
        str(100 + n % 9000),
        origin,
        destination,
        depart,
        depart + dt.timedelta(hours=rng.randint(1, 12)),
    )
    if rng.random() < 0.2:
        leg.marketing.append(f"{rng.choice(CARRIERS)}{rng.randint(1000, 9999)}")
    return Flight(leg.carrier, leg.number, [leg])


def _bookings(rng: random.Random, people: list[Traveller], flight: Flight, n: int) -> list[Booking]:
    out: list[Booking] = []
    depart = flight.departure or dt.datetime(2025, 1, 1)
    i = 0
    while i < len(people):
        group = people[i : i + rng.choice((1, 1, 1, 2, 3))]
        i += len(group)
        booked = depart - dt.timedelta(hours=rng.choice((2, 12, 20, 48, 200, 900)))
        cash = rng.random() < 0.15
        leg = flight.legs[0]
        back = Leg(
            leg.carrier,
            leg.number,
            leg.destination,
            leg.origin,
            depart + dt.timedelta(days=7),
            depart + dt.timedelta(days=7, hours=3),
        )
        b = Booking(
            f"{rng.randint(0, 36**6 - 1):06X}"[:6],
            leg.carrier,
            booked,
            booked,
            ["CA"] if cash else ["CC"],
            [] if cash else [f"VI:XXXXXXXXXXXX{rng.randint(0, 50):04d}"],
            f"{leg.carrier}/{rng.randint(10_000_000, 10_000_040)}",
            [leg] if rng.random() < 0.3 else [leg, back],
            [f"{leg.carrier}{n:03d}{i:05d}"],
            group,
            [f"00{rng.randint(1, 60):09d}"],
            [f"p{rng.randint(1, 60)}@mail.example"],
        )
        b.one_way = len(b.itinerary) == 1
        out.append(b)
    return out


def corpus(
    seed: int, passengers: int, planted: Sequence[Planted] = (), per_flight: int = 150
) -> Iterator[tuple[str, bytes]]:
    """``(file name, bytes)`` of PAXLST and PNRGOV files for about ``passengers`` people."""
    rng = random.Random(seed)
    base = dt.datetime(2025, 3, 1, 6, 0)
    n = 0
    while n * per_flight < passengers:
        flight = _flight(rng, n, base)
        depart, leg = flight.departure or base, flight.legs[0]
        size = min(per_flight, passengers - n * per_flight)
        people = [_person(rng, depart, leg, i) for i in range(size)]
        for p in planted:
            if rng.random() < 0.05 and people:
                doc = replace(
                    people[0].documents[0], nationality=p.nationality, birth_date=p.birth_date
                )
                people[0] = replace(
                    people[0],
                    surname=p.surname,
                    given_names=p.given_names,
                    birth_date=p.birth_date,
                    nationality=p.nationality,
                    documents=[doc],
                )
        seps = ODD if n % 10 == 9 else Separators()
        ref = f"{seed:03d}{n:07d}"
        yield f"api-{ref}.edi", paxlst(flight, people, ref, seps=seps, pretty=n % 10 == 9).encode()
        bookings = _bookings(rng, people, flight, n)
        pnr = pnrgov(flight, bookings, ref, pretty=True).encode()
        yield f"pnr-{ref}.edi", pnr
        if n % 20 == 7:
            yield f"pnr-{ref}-again.edi", pnr
        if bookings and n % 10 == 3:
            changed = replace(bookings[0], phones=[*bookings[0].phones, "0031000000000"])
            yield f"pnr-{ref}-v2.edi", pnrgov(flight, [changed], ref + "2").encode()
        n += 1
