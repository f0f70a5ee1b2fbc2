"""What synthetic trade carries: HS subheadings by chapter with realistic weights, values per
kilogram and duty rates, and the controlled goods the planted patterns use.

Codes come from the shipped nomenclatures (HS 2017 before 2022, HS 2022 from 2022). A product
is kept as a chapter and a position within it, so a trader's range maps onto either edition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

from borderwatch.reference import HsEdition, hs_codes, hs_description, hs_exists, read_csv

#: Chapter groups: (first, last, share of traffic per chapter, USD per kg median, duty rate).
_GROUPS: tuple[tuple[int, int, float, float, float], ...] = (
    (1, 5, 0.4, 4.0, 0.08),
    (6, 14, 0.8, 2.5, 0.07),
    (15, 24, 0.9, 2.2, 0.09),
    (25, 26, 0.6, 0.15, 0.0),
    (27, 27, 2.0, 0.6, 0.0),
    (28, 29, 1.5, 2.5, 0.04),
    (30, 30, 2.0, 60.0, 0.0),
    (31, 38, 0.8, 3.0, 0.05),
    (39, 40, 2.2, 3.0, 0.06),
    (41, 43, 0.4, 15.0, 0.04),
    (44, 49, 0.9, 1.5, 0.03),
    (50, 60, 0.6, 6.0, 0.08),
    (61, 63, 2.6, 18.0, 0.12),
    (64, 67, 1.4, 16.0, 0.10),
    (68, 71, 0.8, 2.5, 0.04),
    (72, 83, 1.3, 2.8, 0.03),
    (84, 84, 9.0, 28.0, 0.02),
    (85, 85, 9.0, 35.0, 0.03),
    (86, 89, 1.8, 12.0, 0.06),
    (90, 92, 1.8, 70.0, 0.03),
    (94, 96, 1.6, 7.0, 0.04),
)
#: Chapters ordinary traffic leaves out: arms (planted only), works of art, special codes.
_EXCLUDED = frozenset({"77", "93", "97", "98", "99"})
_CN = re.compile(r"(\d{4}) ?(\d{2})")

PRECURSOR_DESCRIPTIONS = ("{name}", "{name}, technical grade", "{name} solution", "chemicals")
VAGUE_DESCRIPTIONS = (
    "machine parts",
    "spare parts",
    "metal components",
    "steel parts",
    "machined parts",
    "hardware",
)
WEAPON_CODES = ("930510", "930520", "930591", "930599")
#: Innocuous headings weapons parts hide under: machine-tool parts, machinery parts, steel.
COVER_CODES = ("846693", "848790", "732690")


@dataclass(frozen=True, slots=True)
class Chapter:
    """One HS chapter: its share of traffic, value per kg and duty rate."""

    code: str
    weight: float
    usd_per_kg: float
    duty: float


@dataclass(frozen=True, slots=True)
class Precursor:
    """An explosives precursor from ``explosives_precursors.csv``: name, CAS, HS subheading."""

    name: str
    cas: str
    hs: str


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The subheadings of one HS edition, grouped by chapter, with short descriptions."""

    codes: tuple[str, ...]
    descriptions: tuple[str, ...]
    starts: npt.NDArray[np.int64]
    sizes: npt.NDArray[np.int64]

    def pick(
        self, chapter: npt.NDArray[np.int64], position: npt.NDArray[np.float64]
    ) -> npt.NDArray[np.int64]:
        """Indices into ``codes`` for chapter indices and positions in ``[0, 1)``."""
        return self.starts[chapter] + (position * self.sizes[chapter]).astype(np.int64)


@cache
def chapters() -> tuple[Chapter, ...]:
    """The chapters ordinary traffic draws from, present in both editions."""
    present = {code[:2] for code in hs_codes(HsEdition.HS2017)} & {
        code[:2] for code in hs_codes(HsEdition.HS2022)
    }
    out = []
    for first, last, weight, usd, duty in _GROUPS:
        for number in range(first, last + 1):
            code = f"{number:02d}"
            if code in present and code not in _EXCLUDED:
                out.append(Chapter(code, weight, usd, duty))
    return tuple(out)


def short_description(code: str, edition: HsEdition) -> str:
    """A declarant-style description: the nomenclature text, lower case, cut at a word."""
    text = (hs_description(code, edition) or "goods").lower()
    if len(text) <= 70:
        return text
    return text[:70].rsplit(" ", 1)[0].rstrip(",;")


@cache
def catalogue(edition: HsEdition) -> Catalogue:
    """The subheadings of ``edition`` for the chapters in :func:`chapters`."""
    codes: list[str] = []
    starts, sizes = [], []
    by_chapter: dict[str, list[str]] = {}
    for code in hs_codes(edition):
        by_chapter.setdefault(code[:2], []).append(code)
    for chapter in chapters():
        starts.append(len(codes))
        sizes.append(len(by_chapter[chapter.code]))
        codes.extend(by_chapter[chapter.code])
    descriptions = tuple(short_description(code, edition) for code in codes)
    return Catalogue(
        tuple(codes), descriptions, np.array(starts, np.int64), np.array(sizes, np.int64)
    )


def _cn_to_hs(cn: str) -> str | None:
    match = _CN.search(cn)
    return match.group(1) + match.group(2) if match else None


@cache
def precursors() -> tuple[Precursor, ...]:
    """Restricted explosives precursors with a CAS number and an HS subheading in both
    editions (EU Regulation 2019/1148 Annex I), one per substance."""
    out: dict[str, Precursor] = {}
    for row in read_csv("explosives_precursors.csv"):
        hs = _cn_to_hs(row["cn_code_substance"])
        cas = row["cas"].split(" ")[0]
        if "Annex I (" not in row["list"] or not hs or not cas:
            continue
        if all(hs_exists(hs, edition) for edition in HsEdition):
            out.setdefault(row["substance"], Precursor(row["substance"], cas, hs))
    return tuple(out.values())


@cache
def precursor_by_hs() -> dict[str, Precursor]:
    """Precursors keyed by HS subheading, for CAS numbers on ordinary chemical imports."""
    return {p.hs: p for p in precursors()}
