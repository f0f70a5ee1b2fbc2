"""Countries (ISO 3166-1), currencies (ISO 4217) and UN/LOCODE locations."""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

import pycountry


class Locode(NamedTuple):
    """One UN/LOCODE location: code, name, function string and coordinates."""

    code: str
    name: str
    function: str
    lat: float | None
    lon: float | None

    @property
    def is_seaport(self) -> bool:
        """Function position 1 marks a maritime port."""
        return self.function[:1] == "1"


@cache
def _countries() -> frozenset[str]:
    # XK (Kosovo) is a user-assigned code used by UN/LOCODE and customs.
    return frozenset({c.alpha_2 for c in pycountry.countries} | {"XK"})


@cache
def _currencies() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.currencies)


@cache
def _locodes() -> dict[str, Locode]:
    from borderwatch.reference.files import read_csv

    table: dict[str, Locode] = {}
    for row in read_csv("unlocode.csv.gz"):
        lat = float(row["lat"]) if row["lat"] else None
        lon = float(row["lon"]) if row["lon"] else None
        table[row["locode"]] = Locode(row["locode"], row["name"], row["function"], lat, lon)
    return table


def is_country(code: str) -> bool:
    """Whether ``code`` is an ISO 3166-1 alpha-2 country code."""
    return code in _countries()


def is_currency(code: str) -> bool:
    """Whether ``code`` is an ISO 4217 alphabetic currency code."""
    return code in _currencies()


def is_locode(code: str) -> bool:
    """Whether ``code`` (five characters, no space) is a UN/LOCODE location."""
    return code in _locodes()


def locode_info(code: str) -> Locode | None:
    """The UN/LOCODE entry for ``code``, if any."""
    return _locodes().get(code)


def all_locodes() -> dict[str, Locode]:
    """Every UN/LOCODE location, keyed by code."""
    return _locodes()
