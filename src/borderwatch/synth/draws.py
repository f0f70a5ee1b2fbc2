"""Vectorised draws for one chunk of declarations: every random number of the chunk comes
from a few numpy calls, then is handed to the record builder as plain Python lists."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from borderwatch.synth.traders import PRODUCTS, SUPPLIERS
from borderwatch.synth.world import World

_ITEMS = np.array([1, 2, 3, 4])
_ITEM_P = np.array([0.72, 0.16, 0.08, 0.04])
#: Chapters that travel by air more often: pharmaceuticals, electronics, optics, jewellery.
_AIR_CHAPTERS = frozenset({"30", "71", "85", "90"})
INSPECTION_RATE = 0.05
INSPECTION_RATE_AEO = 0.02
BACKGROUND_IRREGULAR = 0.04


@dataclass(frozen=True, slots=True)
class Chunk:
    """Per-declaration and per-item draws of one chunk (items are flat, ``first_item[k]`` is
    declaration ``k``'s first item)."""

    day: list[int]
    second: list[int]
    office: list[int]
    importer: list[int]
    exporter: list[int]
    country: list[int]
    air: list[bool]
    hub: list[float]
    port: list[float]
    vessel: list[int]
    uniform: list[float]
    inspected: list[bool]
    irregular: list[bool]
    declarant: list[int]
    true_value: list[float]
    first_item: list[int]
    chapter: list[int]
    code_2017: list[int]
    code_2022: list[int]
    net_mass: list[float]
    gross_mass: list[float]
    quantity: list[float]
    packages: list[int]
    value: list[float]
    duty: list[float]


def _items(
    world: World, rng: np.random.Generator, imp: npt.NDArray[np.int64], count: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.int64], ...]:
    owner = np.repeat(imp, count)
    slot = rng.integers(PRODUCTS, size=owner.size)
    chapter = world.population.product_chapter[owner, slot]
    position = world.population.product_position[owner, slot]
    position = (position + rng.random(owner.size) * 0.02) % 1.0  # neighbouring codes
    old, new = world.catalogues
    return chapter, old.pick(chapter, position), new.pick(chapter, position)


def _air(
    world: World,
    rng: np.random.Generator,
    office: npt.NDArray[np.int64],
    main_chapter: npt.NDArray[np.int64],
) -> npt.NDArray[np.bool_]:
    air_goods = np.array([c.code in _AIR_CHAPTERS for c in world.chapters])[main_chapter]
    p_air = np.where(air_goods, 0.35, 0.08)
    sea_ok = np.array([o.sea for o in world.offices])[office]
    air_ok = np.array([o.air for o in world.offices])[office]
    wants_air = rng.random(office.size) < p_air
    result: npt.NDArray[np.bool_] = ~sea_ok | (wants_air & air_ok)
    return result


def _masses(
    world: World,
    rng: np.random.Generator,
    chapter: npt.NDArray[np.int64],
    air: npt.NDArray[np.bool_],
    country: npt.NDArray[np.int64],
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Net mass in kg and value in the invoice currency of each item."""
    median = np.where(air, 180.0, 4500.0).astype(np.float64)
    drawn = median * rng.lognormal(0.0, 1.0, chapter.size)
    net = np.asarray(np.round(np.clip(drawn, 0.5, 26_000.0), 1), dtype=np.float64)
    unit = world.usd_per_kg[chapter] * world.price_level[country] * world.rate[country]
    return net, net * unit * rng.lognormal(0.0, 0.35, chapter.size)


def _packing(
    world: World,
    rng: np.random.Generator,
    chapter: npt.NDArray[np.int64],
    net: npt.NDArray[np.float64],
    air: npt.NDArray[np.bool_],
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.int64]]:
    """Gross mass, quantity (kg for bulk chapters, pieces otherwise) and packages."""
    gross = np.round(net * rng.uniform(1.03, 1.15, net.size), 1)
    pieces = np.maximum(1.0, np.round(net / 2.5))
    quantity = np.where(world.kg_unit[chapter], net, pieces)
    packages = np.maximum(1, np.ceil(gross / np.where(air, 25.0, 400.0))).astype(np.int64)
    return gross, quantity, packages


def draw_chunk(
    world: World, rng: np.random.Generator, first: int, size: int, planted: npt.NDArray[np.bool_]
) -> Chunk:
    """Draws for declarations ``first`` to ``first + size - 1`` of the run; ``planted`` marks
    the ones a pattern will take over (they carry no background irregularity)."""
    total = world.options.count
    positions = (first + np.arange(size) + rng.random(size)) / total
    day, second = world.calendar.place(positions)
    pop = world.population
    imp = pop.draw_importers(rng, size)
    exp = pop.suppliers[imp, rng.integers(SUPPLIERS, size=size)]
    country = pop.exporter_country[exp]
    office = rng.integers(len(world.offices), size=size)
    count = rng.choice(_ITEMS, size=size, p=_ITEM_P)
    chapter, code_2017, code_2022 = _items(world, rng, imp, count)
    starts = np.concatenate(([0], np.cumsum(count)[:-1]))
    air = _air(world, rng, office, chapter[starts])
    item_air = np.repeat(air, count)
    net, value = _masses(world, rng, chapter, item_air, np.repeat(country, count))
    gross, quantity, packages = _packing(world, rng, chapter, net, item_air)
    irregular = (rng.random(size) < BACKGROUND_IRREGULAR) & ~planted
    shave = np.where(irregular, rng.uniform(0.55, 0.85, size), 1.0)
    p_inspect = np.where(pop.importer_aeo[imp], INSPECTION_RATE_AEO, INSPECTION_RATE)
    self_declared = pop.importer_aeo[imp] & (rng.random(size) < 0.4)
    broker = rng.integers(len(pop.declarants), size=size)
    return Chunk(
        day=day.tolist(),
        second=second.tolist(),
        office=office.tolist(),
        importer=imp.tolist(),
        exporter=exp.tolist(),
        country=country.tolist(),
        air=air.tolist(),
        hub=rng.random(size).tolist(),
        port=pop.exporter_port[exp].tolist(),
        vessel=rng.integers(len(world.fleet.imo), size=size).tolist(),
        uniform=rng.random(size).tolist(),
        inspected=(rng.random(size) < p_inspect).tolist(),
        irregular=irregular.tolist(),
        declarant=np.where(self_declared, -1, broker).tolist(),
        true_value=np.round(np.add.reduceat(value, starts), 2).tolist(),
        first_item=np.append(starts, chapter.size).tolist(),
        chapter=chapter.tolist(),
        code_2017=code_2017.tolist(),
        code_2022=code_2022.tolist(),
        net_mass=net.tolist(),
        gross_mass=gross.tolist(),
        quantity=quantity.tolist(),
        packages=packages.tolist(),
        value=np.round(value * np.repeat(shave, count), 2).tolist(),
        duty=world.duty[chapter].tolist(),
    )
