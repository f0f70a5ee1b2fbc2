"""Where synthetic trade comes from: trading countries, their ports, airports and hubs.

The port lists are real UN/LOCODE codes, checked against the shipped table when first used
(a code that is not a seaport, or not an airport, is dropped), so a change of the reference
data can never make the generator emit an unknown location.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from borderwatch.reference import locode_info

#: Exporting countries: share of import traffic, price level (1.0 = world average), region.
_COUNTRIES: dict[str, tuple[float, float, str]] = {
    "CN": (30, 0.85, "east_asia"),
    "US": (8, 1.25, "americas"),
    "DE": (6, 1.30, "europe"),
    "IN": (5, 0.75, "south_asia"),
    "TR": (4, 0.85, "med"),
    "KR": (4, 1.10, "east_asia"),
    "JP": (4, 1.30, "east_asia"),
    "VN": (4, 0.75, "east_asia"),
    "TW": (3, 1.05, "east_asia"),
    "BR": (3, 0.80, "americas"),
    "GB": (3, 1.20, "europe"),
    "IT": (3, 1.25, "europe"),
    "TH": (2, 0.80, "east_asia"),
    "MY": (2, 0.85, "east_asia"),
    "ID": (2, 0.75, "east_asia"),
    "ES": (2, 1.10, "europe"),
    "FR": (2, 1.25, "europe"),
    "MX": (2, 0.90, "americas"),
    "BD": (2, 0.60, "south_asia"),
    "CA": (2, 1.15, "americas"),
    "AE": (2, 1.00, "middle_east"),
    "PK": (1, 0.65, "south_asia"),
    "EG": (1, 0.70, "med"),
    "ZA": (1, 0.85, "africa"),
    "MA": (1, 0.75, "med"),
    "SA": (1, 1.00, "middle_east"),
    "CL": (1, 0.90, "americas"),
    "AR": (1, 0.85, "americas"),
    "AU": (1, 1.15, "oceania"),
    "SG": (1, 1.10, "east_asia"),
    "LK": (1, 0.70, "south_asia"),
    "PL": (1, 0.95, "europe"),
}

_SEAPORTS: dict[str, str] = {
    "CN": "CNSGH CNNBO CNYTN CNSHK CNQIN CNXAM CNTXG CNDAL",
    "US": "USLAX USLGB USNYC USSAV USHOU USSEA",
    "DE": "DEHAM DEBRV",
    "IN": "INNSA INMUN INMAA",
    "TR": "TRMER TRAMR TRGEM TRIST",
    "KR": "KRPUS KRINC",
    "JP": "JPTYO JPYOK JPOSA JPNGO JPKOB",
    "VN": "VNSGN VNHPH VNTOT",
    "TW": "TWKHH TWKEL",
    "BR": "BRSSZ BRRIG BRPNG",
    "GB": "GBFXT GBSOU GBLGP",
    "IT": "ITGOA ITSPE ITGIT",
    "TH": "THLCH THBKK",
    "MY": "MYPKG MYTPP",
    "ID": "IDJKT IDSUB",
    "ES": "ESVLC ESALG ESBCN",
    "FR": "FRLEH FRMRS",
    "MX": "MXZLO MXMZT",
    "BD": "BDCGP",
    "CA": "CAVAN CAMTR",
    "AE": "AEJEA",
    "PK": "PKKHI PKBQM",
    "EG": "EGPSD EGALY",
    "ZA": "ZADUR ZACPT",
    "MA": "MAPTM MACAS",
    "SA": "SAJED",
    "CL": "CLSAI CLVAP",
    "AR": "ARBUE",
    "AU": "AUMEL AUSYD",
    "SG": "SGSIN",
    "LK": "LKCMB",
    "PL": "PLGDN",
}

_AIRPORTS: dict[str, str] = {
    "CN": "CNPVG CNPEK CNCAN CNSZX",
    "US": "USJFK USLAX USORD USATL",
    "DE": "DEFRA DEMUC",
    "IN": "INDEL INBOM",
    "TR": "TRIST",
    "KR": "KRICN",
    "JP": "JPNRT",
    "VN": "VNSGN VNHAN",
    "TW": "TWTPE",
    "BR": "BRGRU",
    "GB": "GBLHR",
    "IT": "ITMXP",
    "TH": "THBKK",
    "MY": "MYKUL",
    "ID": "IDJKT",
    "ES": "ESMAD",
    "FR": "FRCDG",
    "MX": "MXMEX",
    "BD": "BDDAC",
    "CA": "CAYYZ",
    "AE": "AEDXB",
    "PK": "PKKHI",
    "EG": "EGCAI",
    "ZA": "ZAJNB",
    "MA": "MACMN",
    "SA": "SARUH",
    "CL": "CLSCL",
    "AR": "AREZE",
    "AU": "AUSYD",
    "SG": "SGSIN",
    "LK": "LKCMB",
    "PL": "PLWAW",
}

#: Sea transshipment hubs by region of loading, and how often a route calls at one.
SEA_HUBS: dict[str, tuple[float, tuple[str, ...]]] = {
    "east_asia": (0.45, ("SGSIN", "LKCMB", "MYPKG", "EGPSD")),
    "south_asia": (0.55, ("LKCMB", "AEJEA", "SGSIN")),
    "middle_east": (0.30, ("AEJEA", "EGPSD")),
    "med": (0.20, ("MAPTM", "EGPSD", "ESALG")),
    "africa": (0.45, ("MAPTM", "ESALG", "LKCMB")),
    "americas": (0.15, ("MAPTM", "ESALG")),
    "oceania": (0.60, ("SGSIN", "LKCMB")),
    "europe": (0.05, ("MAPTM",)),
}
AIR_HUBS: tuple[str, ...] = ("AEDXB", "QADOH", "TRIST", "SGSIN", "HKHKG")
#: Hubs favoured by diversion: the ones planted precursor routes call at.
RISK_HUBS: tuple[str, ...] = ("AEJEA", "MAPTM", "EGPSD", "LKCMB", "SGSIN")

EU = frozenset(
    {
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
    }
)
#: Partners with a preferential trade agreement: an origin worth claiming falsely.
PREFERENTIAL = ("KR", "VN", "MX", "MA", "EG", "ZA", "CL", "TR")
_CURRENCIES = {"US": "USD", "CN": "USD", "GB": "GBP", "JP": "JPY", "KR": "USD", "CA": "CAD"}


@dataclass(frozen=True, slots=True)
class Country:
    """A trading country as the generator sees it."""

    code: str
    weight: float
    price_level: float
    region: str
    seaports: tuple[str, ...]
    airports: tuple[str, ...]
    currency: str


def _checked(codes: str, position: int) -> tuple[str, ...]:
    """The codes that exist and carry function ``position`` (0 seaport, 3 airport)."""
    out = []
    for code in codes.split():
        info = locode_info(code)
        if info is not None and info.function[position : position + 1] != "-":
            out.append(code)
    return tuple(out)


@cache
def countries() -> tuple[Country, ...]:
    """Every exporting country with at least one checked seaport and airport."""
    out = []
    for code, (weight, price, region) in _COUNTRIES.items():
        sea, air = _checked(_SEAPORTS[code], 0), _checked(_AIRPORTS[code], 3)
        if sea and air:
            currency = "EUR" if code in EU else _CURRENCIES.get(code, "USD")
            out.append(Country(code, weight, price, region, sea, air, currency))
    return tuple(out)


def country_index() -> dict[str, int]:
    """Position of each country code in :func:`countries`."""
    return {c.code: i for i, c in enumerate(countries())}


def is_airport(code: str) -> bool:
    """Whether UN/LOCODE ``code`` has an airport function."""
    info = locode_info(code)
    return info is not None and info.function[3:4] == "4"


def is_seaport(code: str) -> bool:
    """Whether UN/LOCODE ``code`` has a maritime port function."""
    info = locode_info(code)
    return info is not None and info.is_seaport
