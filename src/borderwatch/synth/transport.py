"""Means of transport: shipping lines and their fleets (valid IMO numbers), container numbers
with ISO 6346 check digits drawn in bulk, airlines and flights, seals."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt
from stdnum import imo

#: Shipping lines: name, country, ISO 6346 owner code, vessel name prefix, seal prefix.
CARRIERS: tuple[tuple[str, str, str, str, str], ...] = (
    ("Mediterranean Shipping Company S.A.", "CH", "MSCU", "MSC", "MS"),
    ("A.P. Moller - Maersk A/S", "DK", "MAEU", "MAERSK", "ML"),
    ("CMA CGM S.A.", "FR", "CMAU", "CMA CGM", "CM"),
    ("COSCO Shipping Lines Co., Ltd", "CN", "CSQU", "COSCO", "CS"),
    ("Hapag-Lloyd AG", "DE", "HLXU", "HL", "HL"),
    ("Ocean Network Express Pte. Ltd", "SG", "ONEU", "ONE", "ON"),
    ("Evergreen Marine Corp.", "TW", "EGHU", "EVER", "EG"),
    ("HMM Co., Ltd", "KR", "HDMU", "HMM", "HM"),
    ("Yang Ming Marine Transport Corp.", "TW", "YMLU", "YM", "YM"),
    ("ZIM Integrated Shipping Services Ltd", "IL", "ZIMU", "ZIM", "ZM"),
)
#: Leasing companies' owner codes: boxes on any line.
LESSORS = ("TGHU", "TCLU", "TEMU", "SEGU", "FCIU", "CAIU", "BEAU", "TRHU")
AIRLINES = ("LH", "KL", "AF", "EK", "QR", "TK", "CX", "CA", "SQ", "CV", "5X", "FX")
_VESSEL_WORDS = (
    "AURORA",
    "GENEVA",
    "ELBA",
    "TAGE",
    "HARMONY",
    "PRIDE",
    "GLORY",
    "MILANO",
    "TRIUMPH",
    "ORION",
    "VEGA",
    "ATLAS",
    "LIBRA",
    "HORIZON",
    "SPIRIT",
    "CRYSTAL",
    "DIAMOND",
    "EMERALD",
    "FORTUNE",
    "VICTORY",
    "UNITY",
    "PIONEER",
    "OCEAN",
    "STAR",
)
#: ISO 6346 letter values: A=10 upwards, skipping multiples of 11.
_LETTERS = dict(
    zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", [v for v in range(10, 39) if v % 11], strict=True)
)
_WEIGHTS = 2 ** np.arange(10, dtype=np.int64)
VESSELS_PER_CARRIER = 24


@dataclass(frozen=True, slots=True)
class Fleet:
    """Every vessel the generator uses: carrier index, IMO number and name."""

    carrier: npt.NDArray[np.int64]
    imo: list[str]
    names: list[str]
    carrier_parties: list[dict[str, Any]]


@cache
def _prefix_sum(owner: str) -> int:
    return sum(_LETTERS[c] * 2**i for i, c in enumerate(owner))


def container_numbers(owners: list[str], serials: npt.NDArray[np.int64]) -> list[str]:
    """ISO 6346 numbers for owner codes (four letters ending in U) and six-digit serials,
    with the check digit computed for the whole batch at once."""
    digits = (serials[:, None] // 10 ** np.arange(5, -1, -1)) % 10
    total = np.array([_prefix_sum(o) for o in owners], np.int64) + digits @ _WEIGHTS[4:]
    check = (total % 11) % 10
    return [
        f"{o}{s:06d}{c}" for o, s, c in zip(owners, serials.tolist(), check.tolist(), strict=True)
    ]


def _imo_number(rng: np.random.Generator, used: set[str]) -> str:
    while True:
        body = f"9{int(rng.integers(0, 100_000)):05d}"
        number = body + str(imo.calc_check_digit(body))
        if number not in used:
            used.add(number)
            return number


def build_fleet(rng: np.random.Generator) -> Fleet:
    """Twenty-odd vessels per shipping line, each with a unique valid IMO number."""
    used: set[str] = set()
    carrier, numbers, names = [], [], []
    for k, (_, _, _, prefix, _) in enumerate(CARRIERS):
        words = rng.permutation(len(_VESSEL_WORDS))[:VESSELS_PER_CARRIER]
        for w in words:
            carrier.append(k)
            numbers.append(_imo_number(rng, used))
            names.append(f"{prefix} {_VESSEL_WORDS[int(w)]}")
    parties = [
        {"role": "carrier", "name": name, "schema": "Company", "country": country}
        for name, country, _, _, _ in CARRIERS
    ]
    return Fleet(np.array(carrier, np.int64), numbers, names, parties)


def flight_numbers(rng: np.random.Generator, size: int) -> list[str]:
    """``size`` cargo flight numbers: an airline code and three or four digits."""
    lines = rng.integers(len(AIRLINES), size=size).tolist()
    numbers = rng.integers(100, 9999, size=size).tolist()
    return [f"{AIRLINES[a]}{n}" for a, n in zip(lines, numbers, strict=True)]
