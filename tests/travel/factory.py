"""Tiny factories for travel tests: a flight, a traveller, a booking, overridable by keyword."""

from __future__ import annotations

import datetime as dt
from typing import Any

from borderwatch.travel import Booking, Flight, Leg, TravelDocument, Traveller, TravellerKind

DEPART = dt.datetime(2025, 3, 1, 8, 0)


def leg(**kw: Any) -> Leg:
    base: dict[str, Any] = {
        "carrier": "BW",
        "number": "101",
        "origin": "AMS",
        "destination": "IST",
        "departure": DEPART,
        "arrival": DEPART + dt.timedelta(hours=4),
    }
    return Leg(**{**base, **kw})


def flight(**kw: Any) -> Flight:
    return Flight(kw.pop("carrier", "BW"), kw.pop("number", "101"), kw.pop("legs", [leg()]))


def traveller(surname: str = "DOE", **kw: Any) -> Traveller:
    born = kw.pop("birth_date", dt.date(1980, 5, 17))
    nat = kw.pop("nationality", "NL")
    doc = TravelDocument(
        "P", kw.pop("number", "NW1234567"), nat, kw.pop("expiry", dt.date(2030, 1, 1)), nat, born
    )
    base: dict[str, Any] = {
        "kind": TravellerKind.PASSENGER,
        "surname": surname,
        "given_names": "JANE",
        "gender": "F",
        "birth_date": born,
        "nationality": nat,
        "documents": [doc],
    }
    return Traveller(**{**base, **kw})


def booking(locator: str = "ABC123", **kw: Any) -> Booking:
    base: dict[str, Any] = {
        "locator": locator,
        "owner": "BW",
        "booked_at": DEPART - dt.timedelta(hours=10),
        "payments": ["CA"],
        "itinerary": [leg()],
        "travellers": [traveller()],
        "phones": ["0031201234567"],
        "emails": ["a@example.org"],
        "one_way": True,
    }
    return Booking(**{**base, **kw})
