"""Traveller targeting: API (PAXLST) and PNR (PNRGOV) messages parsed, stored with their
versions, checked, screened, evaluated by traveller rules and linked.

- :func:`parse_bytes` ``(data, name, strict=True)``: messages and rejected fragments.
- :func:`store` ``(engine, items, source)``: duplicates by hash, booking versions, quarantine.
- :func:`document_findings`, :func:`check_digit`: ICAO 9303 document checks.
- :func:`check_traveller`: traveller rules in the rule language of :mod:`borderwatch.rules`.

The package imports ``screening``, ``rules``, ``audit``, ``store``, ``model`` and
``reference``; never ``selectivity``, ``cases`` or anything above.
"""

from borderwatch.travel.catalogue import COLUMNS, check_traveller
from borderwatch.travel.checks import check_digit, document_findings, traveller_findings
from borderwatch.travel.ingest import TravelReport, store
from borderwatch.travel.parse import parse_bytes
from borderwatch.travel.types import (
    Booking,
    Flight,
    Leg,
    Message,
    MessageKind,
    Rejected,
    TravelDocument,
    Traveller,
    TravellerKind,
)

__all__ = [
    "COLUMNS",
    "Booking",
    "Flight",
    "Leg",
    "Message",
    "MessageKind",
    "Rejected",
    "TravelDocument",
    "TravelReport",
    "Traveller",
    "TravellerKind",
    "check_digit",
    "check_traveller",
    "document_findings",
    "parse_bytes",
    "store",
    "traveller_findings",
]
