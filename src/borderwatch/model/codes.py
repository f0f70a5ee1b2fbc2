"""Validated code types for the declaration model.

Each is an ``Annotated[str, AfterValidator(...)]`` whose error message names the reason, so
that validation reports ``path: reason`` for every field at once. Check digits come from
python-stdnum (IMO ship numbers, CAS registry numbers) and, for ISO 6346 container numbers
(distinct on nearly every declaration, so on the ingest hot path), from the short check in
:func:`iso6346_valid`, held against stdnum by a property test.

Validators of codes that repeat across declarations (countries, currencies, UN/LOCODEs, HS
codes, IMO numbers) are pure functions of their value and remember the values they accepted
(``lru_cache``; a refused value raises and is not remembered), so a bulk ingest validates
each distinct code once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Annotated

from pydantic import AfterValidator
from stdnum import casrn, imo

from borderwatch.reference import hs_exists_any, is_country, is_currency, is_locode

_HS = re.compile(r"^\d{6,10}$")
_FLIGHT = re.compile(r"^[A-Z0-9]{2}[A-Z]?\d{1,4}[A-Z]?$")


def _normalised(check: Callable[[str], str]) -> Callable[[str], str]:
    """``check`` applied to the value stripped, upper-cased and without inner spaces (one
    Python call per field on the validation hot path)."""

    def run(value: str) -> str:
        return check(value.strip().upper().replace(" ", ""))

    run.__name__ = check.__name__
    return run


def _code(check: Callable[[str], str], remember: bool = True) -> AfterValidator:
    """The field validator for a code type; ``remember`` keeps accepted values (for pure
    checks of codes that repeat across declarations)."""
    run = _normalised(check)
    return AfterValidator(lru_cache(maxsize=65536)(run) if remember else run)


def _iso6346_letter_values() -> dict[str, int]:
    # Letters take 10, 12, 13, ... skipping multiples of 11 (ISO 6346 Annex A).
    values, n = {}, 10
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        if n % 11 == 0:
            n += 1
        values[letter] = n
        n += 1
    return values


_ISO6346 = _iso6346_letter_values()
_ISO6346.update({str(d): d for d in range(10)})
# The value of each character at each of the ten positions (its value times 2 ** position),
# so the weighted sum is one ``map`` over the characters, without a Python loop.
_WEIGHTED = [{c: v << i for c, v in _ISO6346.items()} for i in range(10)]
_CONTAINER = re.compile(r"^[A-Z]{3}[UJZR]\d{7}$")


def iso6346_valid(number: str) -> bool:
    """Whether ``number`` is an ISO 6346 container number: owner code, category letter
    (U, J, Z or R), six-digit serial and a check digit that matches."""
    if not _CONTAINER.match(number):
        return False
    total = sum(map(dict.__getitem__, _WEIGHTED, number[:10]))
    return total % 11 % 10 == int(number[10])


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
    if not iso6346_valid(value):
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


CountryCode = Annotated[str, _code(_country)]
CurrencyCode = Annotated[str, _code(_currency)]
LocodeCode = Annotated[str, _code(_locode)]
HsCode = Annotated[str, _code(_hs)]
ContainerNumber = Annotated[str, _code(_container, remember=False)]
ImoNumber = Annotated[str, _code(_imo)]
CasNumber = Annotated[str, _code(_cas)]
FlightNumber = Annotated[str, _code(_flight)]
