"""The trader population: repeat importers and exporters with stable identities and habits.

Importers are ranked and drawn with Zipf-like weights, so a few large importers file most
declarations while a long tail files a handful. Each importer keeps its country, name,
EORI or TIN, AEO status, a range of products (chapters and positions in them) and a short list
of suppliers, so its history is consistent across the file. Parties are prepared once as
dicts and copied with a role per declaration.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from borderwatch.synth.geography import EU, countries
from borderwatch.synth.goods import chapters
from borderwatch.synth.names import broker_name, trader_name

_SYLLABLES = (
    "ka",
    "ro",
    "ven",
    "tal",
    "mer",
    "dor",
    "li",
    "san",
    "bel",
    "tor",
    "nix",
    "vel",
    "ar",
    "mon",
    "ter",
    "sil",
    "ra",
    "den",
    "lux",
    "qua",
    "zen",
    "fa",
    "gor",
    "ple",
)
_EORI_DIGITS = {"NL": 9, "FR": 14, "DE": 12}
PRODUCTS = 6
SUPPLIERS = 4
#: Digit that starts the EORI or TIN of a newcomer: ordinary traders never use it.
_NEWCOMER_DIGIT = "9"


@dataclass(frozen=True, slots=True)
class Population:
    """Importers, exporters and declarants, with the arrays the chunk draws index into."""

    importers: list[dict[str, Any]]
    exporters: list[dict[str, Any]]
    declarants: list[dict[str, Any]]
    importer_cdf: npt.NDArray[np.float64]
    importer_aeo: npt.NDArray[np.bool_]
    product_chapter: npt.NDArray[np.int64]
    product_position: npt.NDArray[np.float64]
    suppliers: npt.NDArray[np.int64]
    exporter_country: npt.NDArray[np.int64]
    exporter_port: npt.NDArray[np.float64]
    names: frozenset[str]

    def draw_importers(self, rng: np.random.Generator, size: int) -> npt.NDArray[np.int64]:
        """``size`` importer indices, Zipf-weighted by rank."""
        found = np.searchsorted(self.importer_cdf, rng.random(size), side="right")
        return np.minimum(found, len(self.importers) - 1).astype(np.int64)


def _identifier(rng: np.random.Generator, country: str, first: str | None = None) -> str:
    size = _EORI_DIGITS.get(country, 10)
    digits = "".join(str(d) for d in rng.integers(0, 10, size))
    lead = first or str(int(rng.integers(1, 9)))
    return f"{country}{lead}{digits[1:]}"


def party(
    rng: np.random.Generator, country: str, name: str, aeo: bool, first_digit: str | None = None
) -> dict[str, Any]:
    """A party dict (no role yet): EU traders carry an EORI, others a TIN."""
    ident = _identifier(rng, country, first_digit)
    ids = {"eori": ident} if country in EU else {"tin": ident}
    out: dict[str, Any] = {
        "name": name,
        "schema": "Company",
        "country": country,
        "identifiers": ids,
    }
    if aeo:
        out["aeo"] = "AEOF"
    return out


def _coined(rng: np.random.Generator) -> str:
    count = int(rng.integers(2, 4))
    return "".join(_SYLLABLES[int(i)] for i in rng.integers(len(_SYLLABLES), size=count))


def _unique_name(rng: np.random.Generator, country: str, seen: set[str]) -> str:
    for _ in range(20):
        name = trader_name(rng, country)
        if rng.random() < 0.6:
            name = f"{_coined(rng).capitalize()} {name}"
        if name not in seen:
            seen.add(name)
            return name
    name = f"{_coined(rng).capitalize()} {_coined(rng).capitalize()} {trader_name(rng, country)}"
    seen.add(name)
    return name


def _importer_countries(rng: np.random.Generator, home: str, size: int) -> list[str]:
    if home not in EU:
        return [home] * size
    others = sorted(EU - {home})
    picks = rng.integers(len(others), size=size)
    local = rng.random(size) < 0.7
    return [home if keep else others[int(k)] for keep, k in zip(local, picks, strict=True)]


def _zipf_cdf(size: int, exponent: float) -> npt.NDArray[np.float64]:
    weights = 1.0 / np.arange(1, size + 1, dtype=np.float64) ** exponent
    cdf: npt.NDArray[np.float64] = np.cumsum(weights) / weights.sum()
    return cdf


def _products(rng: np.random.Generator, size: int) -> npt.NDArray[np.int64]:
    weights = np.array([c.weight for c in chapters()])
    own = rng.choice(len(weights), size=(size, 3), p=weights / weights.sum())
    columns = rng.choice(3, size=(size, PRODUCTS), p=[0.6, 0.25, 0.15])
    return np.take_along_axis(own, columns, axis=1).astype(np.int64)


def _importers(
    rng: np.random.Generator, home: str, size: int, seen: set[str]
) -> tuple[list[dict[str, Any]], npt.NDArray[np.bool_]]:
    ranks = np.arange(size)
    aeo = rng.random(size) < np.where(ranks < max(1, size // 20), 0.4, 0.06)
    homes = _importer_countries(rng, home, size)
    people = [
        party(rng, c, _unique_name(rng, c, seen), bool(a)) for c, a in zip(homes, aeo, strict=True)
    ]
    return people, aeo


def _exporters(
    rng: np.random.Generator, size: int, seen: set[str]
) -> tuple[list[dict[str, Any]], npt.NDArray[np.int64]]:
    table = countries()
    weights = np.array([c.weight for c in table])
    where = rng.choice(len(table), size=size, p=weights / weights.sum()).astype(np.int64)
    people = []
    for k in where:
        code = table[int(k)].code
        people.append(party(rng, code, _unique_name(rng, code, seen), rng.random() < 0.05))
    return people, where


def _declarants(rng: np.random.Generator, home: str, seen: set[str]) -> list[dict[str, Any]]:
    out = []
    for _ in range(25):
        name = broker_name(rng, home)
        while name in seen:
            name = f"{_coined(rng).capitalize()} {name}"
        seen.add(name)
        out.append(party(rng, home, name, rng.random() < 0.5))
    return out


def build_population(rng: np.random.Generator, home: str, count: int) -> Population:
    """A population scaled to ``count`` declarations for an office in country ``home``."""
    n_imp = int(np.clip(count // 40, 150, 60_000))
    n_exp = int(np.clip(count // 25, 300, 100_000))
    seen: set[str] = set()
    importers, aeo = _importers(rng, home, n_imp, seen)
    exporters, where = _exporters(rng, n_exp, seen)
    declarants = _declarants(rng, home, seen)
    suppliers = np.searchsorted(_zipf_cdf(n_exp, 0.9), rng.random((n_imp, SUPPLIERS)), side="right")
    return Population(
        importers=importers,
        exporters=exporters,
        declarants=declarants,
        importer_cdf=_zipf_cdf(n_imp, 1.05),
        importer_aeo=aeo,
        product_chapter=_products(rng, n_imp),
        product_position=rng.random((n_imp, PRODUCTS)),
        suppliers=np.minimum(suppliers, n_exp - 1).astype(np.int64),
        exporter_country=where,
        exporter_port=rng.random(n_exp),
        names=frozenset(seen),
    )


def newcomer(rng: np.random.Generator, country: str, population: Population) -> dict[str, Any]:
    """A trader never seen before: fresh name outside the population, fresh identifier (its
    first digit is one ordinary traders never use), no AEO, a trade other than chemicals."""
    name = trader_name(rng, country).replace("Chemicals", "Furniture")
    while name in population.names:
        name = f"{_coined(rng).capitalize()} {name}"
    return party(rng, country, name, False, first_digit=_NEWCOMER_DIGIT)
