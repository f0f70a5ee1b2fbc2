"""Assembling canonical declaration dicts (the fields of :class:`~borderwatch.model.Declaration`)
from a chunk of draws. This is the hot loop: plain lists and dicts, no validation."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from borderwatch.synth.draws import Chunk
from borderwatch.synth.geography import AIR_HUBS, EU, PREFERENTIAL, SEA_HUBS
from borderwatch.synth.goods import precursor_by_hs
from borderwatch.synth.transport import CARRIERS, LESSORS, container_numbers, flight_numbers
from borderwatch.synth.world import World

_CONTAINER_KG = 20_000.0
_INCOTERMS = ("FOB", "CIF", "EXW", "FCA", "DAP", "CFR")
_CITES_CHAPTERS = frozenset({"01", "03", "06", "41", "43", "44"})
#: Re-export hubs and where goods dispatched from them are made: a plausible origin mismatch.
_REEXPORT = {"SG": ("MY", "ID", "TH", "VN", "CN"), "AE": ("IN", "CN", "PK", "TR")}


def _origin(dispatch: str, u: float) -> str:
    """Country of origin: the dispatch country, or for goods re-exported from a trading hub
    (Singapore, Dubai) often a neighbouring producer."""
    makers = _REEXPORT.get(dispatch)
    if makers is None or u > 0.7:
        return dispatch
    return makers[int(u / 0.7 * len(makers))]


class RecordBuilder:
    """Turns chunks into declaration dicts for one :class:`World`."""

    def __init__(self, world: World, rng: np.random.Generator) -> None:
        self.world = world
        self.rng = rng
        self.units = ["KGM" if kg else "PCE" for kg in world.kg_unit.tolist()]
        self.cites = [c.code in _CITES_CHAPTERS for c in world.chapters]
        self.precursors = precursor_by_hs()
        self.vessel_carrier: list[int] = world.fleet.carrier.tolist()
        self.routes: dict[tuple[str, str | None, int], dict[str, Any]] = {}

    def build(self, chunk: Chunk, first: int) -> list[dict[str, Any]]:
        """Declaration dicts for ``chunk``, numbered from ``first``."""
        size = len(chunk.day)
        boxes = self._containers(size * 4)
        flights = flight_numbers(self.rng, size)
        seals = self.rng.integers(1_000_000, 9_999_999, size=size * 4).tolist()
        out = []
        for k in range(size):
            record = self._record(chunk, k, first + k)
            if chunk.air[k]:
                record["conveyance"] = {"flight_number": flights[k]}
            else:
                self._sea(record, chunk, k, boxes, seals)
            out.append(record)
        return out

    def _containers(self, size: int) -> list[str]:
        owners = [c[2] for c in CARRIERS] + list(LESSORS)
        picks = self.rng.integers(len(owners), size=size).tolist()
        serials = self.rng.integers(0, 1_000_000, size=size)
        return container_numbers([owners[p] for p in picks], serials)

    def _record(self, chunk: Chunk, k: int, index: int) -> dict[str, Any]:
        world = self.world
        office = world.offices[chunk.office[k]]
        day = chunk.day[k]
        goods = self._goods(chunk, k, day)
        record: dict[str, Any] = {
            "source_id": f"BWS{world.options.seed}-{index:08d}",
            "type": "import",
            "declared_at": world.calendar.timestamp(day, chunk.second[k]),
            "office": office.code,
            "mode_of_transport": 4 if chunk.air[k] else 1,
            "conveyance": None,
            "equipment": [],
            "route": self._route(chunk, k, chunk.office[k]),
            "parties": self._parties(chunk, k),
            "goods": goods,
            "documents": self._documents(chunk, k, index, office.country),
            "outcome": self._outcome(chunk, k, goods),
            "attributes": {"incoterm": _INCOTERMS[int(chunk.uniform[k] * 6)]},
        }
        return record

    def _goods(self, chunk: Chunk, k: int, day: int) -> list[dict[str, Any]]:
        hs2022 = day >= self.world.first_hs2022_day
        cat = self.world.catalogues[1 if hs2022 else 0]
        codes = chunk.code_2022 if hs2022 else chunk.code_2017
        country = self.world.countries[chunk.country[k]]
        origin = _origin(country.code, chunk.hub[k])
        currency = country.currency
        items = []
        for n, j in enumerate(range(chunk.first_item[k], chunk.first_item[k + 1]), start=1):
            code = cat.codes[codes[j]]
            item = {
                "item_number": n,
                "hs_code": code,
                "description": cat.descriptions[codes[j]],
                "quantity": chunk.quantity[j],
                "unit": self.units[chunk.chapter[j]],
                "gross_mass_kg": chunk.gross_mass[j],
                "net_mass_kg": chunk.net_mass[j],
                "value": chunk.value[j],
                "currency": currency,
                "origin_country": origin,
                "packages": chunk.packages[j],
                "duty_rate": chunk.duty[j],
            }
            if code in self.precursors:
                item["cas_number"] = self.precursors[code].cas
                item["description"] = self.precursors[code].name.lower()
            items.append(item)
        return items

    def _route(self, chunk: Chunk, k: int, office: int) -> dict[str, Any]:
        """The route, shared between declarations that travel the same way (read-only)."""
        country = self.world.countries[chunk.country[k]]
        air = chunk.air[k]
        ports = country.airports if air else country.seaports
        loading = ports[int(chunk.port[k] * len(ports))]
        share, options = (0.3, AIR_HUBS) if air else SEA_HUBS[country.region]
        hub = chunk.hub[k]
        via = options[int(hub / share * len(options))] if hub < share else None
        key = (loading, via, office)
        route = self.routes.get(key)
        if route is None:
            home = self.world.offices[office].country
            hubs = [h for h in (via,) if h and h[:2] not in (country.code, home)]
            route = self.routes[key] = {
                "place_of_loading": loading,
                "transshipment": hubs,
                "place_of_discharge": self.world.offices[office].port,
                "country_of_dispatch": country.code,
                "country_of_destination": home,
                "countries_en_route": [h[:2] for h in hubs],
            }
        return route

    def _parties(self, chunk: Chunk, k: int) -> list[dict[str, Any]]:
        pop = self.world.population
        importer = pop.importers[chunk.importer[k]]
        who = chunk.declarant[k]
        declarant = importer if who < 0 else pop.declarants[who]
        return [
            _with_role("consignor", pop.exporters[chunk.exporter[k]]),
            _with_role("consignee", importer),
            _with_role("declarant", declarant),
        ]

    def _documents(self, chunk: Chunk, k: int, index: int, home: str) -> list[dict[str, str]]:
        invoice = f"INV-{chunk.day[k] % 997:03d}-{index:08d}"
        docs = [{"code": "N380", "reference": invoice}, {"code": "N935", "reference": invoice}]
        transport = (
            ("N740", f"176-{index % 100_000_000:08d}")
            if chunk.air[k]
            else ("N705", f"BL{index:010d}")
        )
        docs.append({"code": transport[0], "reference": transport[1]})
        country = self.world.countries[chunk.country[k]].code
        if home in EU and country in PREFERENTIAL and chunk.uniform[k] < 0.6:
            docs.append({"code": "N954", "reference": f"EUR1-{country}-{index:08d}"})
        if self.cites[chunk.chapter[chunk.first_item[k]]] and chunk.hub[k] > 0.8:
            docs.append({"code": "C400", "reference": f"CITES-{country}-{index:07d}"})
        return docs

    def _outcome(self, chunk: Chunk, k: int, goods: list[dict[str, Any]]) -> dict[str, Any]:
        if not chunk.inspected[k]:
            return {
                "inspected": False,
                "finding": "none",
                "illicit": False,
                "revenue_recovered": 0.0,
                "labels": [],
            }
        if not chunk.irregular[k]:
            return {
                "inspected": True,
                "finding": "none",
                "illicit": False,
                "revenue_recovered": 0.0,
                "labels": [],
            }
        declared = sum(item["value"] for item in goods)
        rate = goods[0]["duty_rate"] + 0.2
        return {
            "inspected": True,
            "finding": "irregularity",
            "illicit": False,
            "revenue_recovered": round((chunk.true_value[k] - declared) * rate, 2),
            "labels": [],
        }

    def _sea(
        self, record: dict[str, Any], chunk: Chunk, k: int, boxes: list[str], seals: list[int]
    ) -> None:
        fleet = self.world.fleet
        vessel = chunk.vessel[k]
        first, last = chunk.first_item[k], chunk.first_item[k + 1]
        gross = sum(chunk.gross_mass[first:last])
        count = min(4, max(1, math.ceil(gross / _CONTAINER_KG)))
        prefix = CARRIERS[self.vessel_carrier[vessel]][4]
        record["conveyance"] = {
            "imo_number": fleet.imo[vessel],
            "vessel_name": fleet.names[vessel],
            "voyage": f"{chunk.day[k] // 7 % 52 + 1:02d}{vessel % 9}W",
        }
        record["equipment"] = [
            {"container_number": boxes[4 * k + b], "seals": [f"{prefix}{seals[4 * k + b]}"]}
            for b in range(count)
        ]
        record["parties"].append(dict(fleet.carrier_parties[self.vessel_carrier[vessel]]))


def _with_role(role: str, party: dict[str, Any]) -> dict[str, Any]:
    """A party dict with ``role`` (its ``identifiers`` dict is shared, read-only)."""
    return {"role": role, **party}
