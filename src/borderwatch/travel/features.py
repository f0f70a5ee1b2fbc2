"""The traveller feature row: what a traveller rule reads (see :mod:`.catalogue`)."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from borderwatch.reference import read_csv
from borderwatch.travel.checks import traveller_findings
from borderwatch.travel.fields import airport_country
from borderwatch.travel.types import Booking, Flight, Traveller


@cache
def _call_for_action() -> frozenset[str]:
    rows = read_csv("fatf_lists_2026-06.csv")
    return frozenset(r["iso2"] for r in rows if r["fatf_list"] == "high_risk_call_for_action")


def _age(born: dt.date | None, day: dt.date) -> int | None:
    if born is None:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def traveller_row(
    person: Traveller,
    flight: Flight,
    booking: Booking | None = None,
    versions: int = 1,
    watchlist: tuple[int, float] = (0, 0.0),
    co_traveller_hits: int = 0,
) -> dict[str, Any]:
    """One row of the traveller view for ``person`` on ``flight`` (and ``booking``)."""
    departure = flight.departure or dt.datetime(1970, 1, 1)
    legs = booking.itinerary if booking and booking.itinerary else flight.legs
    airports = list(dict.fromkeys(a for leg in legs for a in (leg.origin, leg.destination) if a))
    countries = sorted({c for a in airports if (c := airport_country(a))})
    findings = traveller_findings(person, departure.date())
    booked = booking.booked_at if booking else None
    return {
        "traveller_kind": person.kind.value,
        "nationality": person.nationality,
        "age": _age(person.birth_date, departure.date()),
        "gender": person.gender,
        "document_types": sorted({d.doc_type for d in person.documents}),
        "document_findings": sorted({f.code for f in findings}),
        "document_expired": any(f.code == "expired" for f in findings),
        "bag_count": len(person.bags) + (len(booking.bags) if booking else 0),
        "booked": booking is not None,
        "one_way": booking.one_way if booking else None,
        "payment_types": list(booking.payments) if booking else [],
        "paid_cash": "CA" in booking.payments if booking else False,
        "hours_booked_before_departure": (
            round((departure - booked).total_seconds() / 3600, 2) if booked else None
        ),
        "co_travellers": len(booking.travellers) - 1 if booking else 0,
        "agency": booking.agency if booking else None,
        "booking_versions": versions,
        "origin": legs[0].origin if legs else None,
        "destination": legs[-1].destination if legs else None,
        "route_airports": airports,
        "route_countries": countries,
        "route_fatf_call_for_action": bool(_call_for_action().intersection(countries)),
        "codeshare": any(leg.marketing for leg in legs),
        "watchlist_hits": watchlist[0],
        "watchlist_score": watchlist[1],
        "co_traveller_hits": co_traveller_hits,
    }
