"""Harmonized System nomenclatures and which edition is in force on a date.

HS 2017 is in force until 31 December 2021 and HS 2022 from 1 January 2022.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from functools import cache

from borderwatch.reference.files import read_csv

HS_2022_START = dt.date(2022, 1, 1)


class HsEdition(StrEnum):
    """An edition of the WCO Harmonized System."""

    HS2017 = "HS2017"
    HS2022 = "HS2022"


_FILES = {HsEdition.HS2017: "hs2017.csv.gz", HsEdition.HS2022: "hs2022.csv.gz"}


@cache
def _table(edition: HsEdition) -> dict[str, str]:
    """Code (2, 4 or 6 digits) to description, for one edition."""
    return {
        row["hscode"]: row["description"]
        for row in read_csv(_FILES[edition])
        if row["hscode"].isdigit() and not row["hscode"].startswith("99")
    }


def hs_edition_for(day: dt.date) -> HsEdition:
    """The HS edition in force on ``day``."""
    return HsEdition.HS2022 if day >= HS_2022_START else HsEdition.HS2017


def hs_exists(code: str, edition: HsEdition) -> bool:
    """Whether the first six digits of ``code`` are a subheading of ``edition``."""
    return len(code) >= 6 and code[:6] in _table(edition)


def hs_exists_any(code: str) -> bool:
    """Whether the first six digits of ``code`` are a subheading of any known edition."""
    return any(hs_exists(code, edition) for edition in HsEdition)


def hs_description(code: str, edition: HsEdition = HsEdition.HS2022) -> str | None:
    """Description of the most specific known level of ``code`` (6, 4 or 2 digits)."""
    table = _table(edition)
    for size in (6, 4, 2):
        if code[:size] in table:
            return table[code[:size]]
    return None


def hs_codes(edition: HsEdition, level: int = 6) -> list[str]:
    """All codes of ``edition`` at ``level`` digits, sorted."""
    return sorted(code for code in _table(edition) if len(code) == level)
