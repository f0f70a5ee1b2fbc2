"""Everything a run draws from, built once per run from the seed: offices, countries, goods
catalogues, traders, fleet and calendar."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from borderwatch.reference import HS_2022_START, HsEdition
from borderwatch.synth.calendar import Calendar, build_calendar
from borderwatch.synth.geography import Country, countries, is_airport, is_seaport
from borderwatch.synth.goods import Catalogue, Chapter, catalogue, chapters
from borderwatch.synth.traders import Population, build_population
from borderwatch.synth.transport import Fleet, build_fleet
from borderwatch.synth.types import Options

#: Units of one US dollar, for invoices in other currencies.
RATES = {"USD": 1.0, "EUR": 0.92, "GBP": 0.79, "JPY": 150.0, "CAD": 1.36}


@dataclass(frozen=True, slots=True)
class Office:
    """A declaring office: its code, its port's UN/LOCODE and country, and modes served."""

    code: str
    port: str
    country: str
    sea: bool
    air: bool


@dataclass(frozen=True, slots=True)
class World:
    """The fixed material of a run; chunks of declarations are drawn against it."""

    options: Options
    offices: tuple[Office, ...]
    countries: tuple[Country, ...]
    chapters: tuple[Chapter, ...]
    catalogues: tuple[Catalogue, Catalogue]
    population: Population
    fleet: Fleet
    calendar: Calendar
    usd_per_kg: npt.NDArray[np.float64]
    duty: npt.NDArray[np.float64]
    price_level: npt.NDArray[np.float64]
    rate: npt.NDArray[np.float64]
    kg_unit: npt.NDArray[np.bool_]
    first_hs2022_day: int

    def edition(self, day: int) -> HsEdition:
        """The HS edition in force on day index ``day``."""
        return HsEdition.HS2022 if day >= self.first_hs2022_day else HsEdition.HS2017


def office(code: str) -> Office:
    """An :class:`Office` for ``code``; its port must be a seaport or an airport (else it is
    treated as a seaport-less inland office served by air)."""
    port = code[:5].upper()
    sea, air = is_seaport(port), is_airport(port)
    return Office(code.upper(), port, port[:2], sea, air or not sea)


def build_world(options: Options, rng: np.random.Generator) -> World:
    """The world of one run; every random choice comes from ``rng``."""
    offices = tuple(office(code) for code in options.offices)
    table = chapters()
    first = (HS_2022_START - options.start).days
    return World(
        options=options,
        offices=offices,
        countries=countries(),
        chapters=table,
        catalogues=(catalogue(HsEdition.HS2017), catalogue(HsEdition.HS2022)),
        population=build_population(rng, offices[0].country, options.count),
        fleet=build_fleet(rng),
        calendar=build_calendar(options.start, options.days),
        usd_per_kg=np.array([c.usd_per_kg for c in table]),
        duty=np.array([c.duty for c in table]),
        price_level=np.array([c.price_level for c in countries()]),
        rate=np.array([RATES[c.currency] for c in countries()]),
        kg_unit=np.array([int(c.code) < 41 or 72 <= int(c.code) <= 81 for c in table]),
        first_hs2022_day=first,
    )
