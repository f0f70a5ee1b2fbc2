"""Validated code types for the declaration model.

Each is an ``Annotated[str, AfterValidator(...)]`` whose error message names the reason, so
that validation reports ``path: reason`` for every field at once. Check digits come from
python-stdnum (ISO 6346 containers, IMO ship numbers, CAS registry numbers).
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator
from stdnum import casrn, imo, iso6346

from borderwatch.reference import hs_exists_any, is_country, is_currency, is_locode

_HS = re.compile(r"^\d{6,10}$")
_FLIGHT = re.compile(r"^[A-Z0-9]{2}[A-Z]?\d{1,4}[A-Z]?$")


def _strip_upper(value: object) -> object:
    return value.strip().upper().replace(" ", "") if isinstance(value, str) else value


def _country(value: str) -> str:
    if not is_country(value):
        raise ValueError(f"unknown ISO 3166 country code {value!r}")
    return value


def _currency(value: str) -> str:
    if not is_currency(value):
        raise ValueError(f"unknown ISO 4217 currency code {value!r}")
    return value


def _locode(value: str) -> str:
    if not is_locode(value):
        raise ValueError(f"unknown UN/LOCODE {value!r}")
    return value


def _hs(value: str) -> str:
    value = value.replace(".", "")
    if not _HS.match(value):
        raise ValueError(f"HS code must be 6 to 10 digits, got {value!r}")
    if not hs_exists_any(value):
        raise ValueError(f"unknown HS subheading {value[:6]!r}")
    return value


def _container(value: str) -> str:
    if not iso6346.is_valid(value):
        if len(value) == 11 and value[:4].isalpha() and value[4:].isdigit():
            raise ValueError(f"container number {value!r} fails the ISO 6346 check digit")
        raise ValueError(f"container number {value!r} is not 4 letters and 7 digits (ISO 6346)")
    return value


def _imo(value: str) -> str:
    digits = value.removeprefix("IMO")
    if not imo.is_valid(digits):
        raise ValueError(f"IMO number {value!r} fails the IMO check digit")
    return digits


def _cas(value: str) -> str:
    if not casrn.is_valid(value):
        raise ValueError(f"CAS number {value!r} fails the CAS check digit")
    return str(casrn.compact(value))


def _flight(value: str) -> str:
    if not _FLIGHT.match(value):
        raise ValueError(f"flight number {value!r} is not an airline code and 1-4 digits")
    return value


_Norm = BeforeValidator(_strip_upper)
CountryCode = Annotated[str, _Norm, AfterValidator(_country)]
CurrencyCode = Annotated[str, _Norm, AfterValidator(_currency)]
LocodeCode = Annotated[str, _Norm, AfterValidator(_locode)]
HsCode = Annotated[str, _Norm, AfterValidator(_hs)]
ContainerNumber = Annotated[str, _Norm, AfterValidator(_container)]
ImoNumber = Annotated[str, _Norm, AfterValidator(_imo)]
CasNumber = Annotated[str, _Norm, AfterValidator(_cas)]
FlightNumber = Annotated[str, _Norm, AfterValidator(_flight)]
