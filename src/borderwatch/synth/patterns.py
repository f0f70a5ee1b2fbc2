"""Planted risk patterns: each turns an ordinary declaration into a labelled threat.

A planter sets ``outcome`` to the ground truth an inspection would find (``inspected`` true,
``illicit`` true, the finding, revenue at stake) and ``outcome.labels`` to the pattern name
followed by ``key:value`` details of the truth (``true_hs:930599``, ``variant:typo``...).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from borderwatch.reference import is_country
from borderwatch.synth import types as t
from borderwatch.synth.geography import AIR_HUBS, EU, PREFERENTIAL, RISK_HUBS
from borderwatch.synth.goods import (
    COVER_CODES,
    PRECURSOR_DESCRIPTIONS,
    VAGUE_DESCRIPTIONS,
    WEAPON_CODES,
    precursors,
)
from borderwatch.synth.names import name_variant
from borderwatch.synth.traders import newcomer
from borderwatch.synth.types import WatchlistEntry
from borderwatch.synth.world import World

Record = dict[str, Any]
_PARTY_SCHEMAS = frozenset({"Person", "Company", "Organization", "LegalEntity"})


def _pick(rng: np.random.Generator, options: Sequence[Any]) -> Any:
    return options[int(rng.integers(len(options)))]


def _truth(record: Record, finding: str, labels: list[str], revenue: float = 0.0) -> None:
    record["outcome"] = {
        "inspected": True,
        "finding": finding,
        "illicit": True,
        "revenue_recovered": round(max(revenue, 0.0), 2),
        "labels": labels,
    }


def _use_broker(world: World, rng: np.random.Generator, record: Record) -> None:
    """Replace the declarant by a customs broker (a new or listed party files through one)."""
    broker = _pick(rng, world.population.declarants)
    parties = [p for p in record["parties"] if p["role"] != "declarant"]
    parties.append({"role": "declarant", **broker, "identifiers": dict(broker["identifiers"])})
    record["parties"] = parties


def _replace_party(record: Record, party: dict[str, Any]) -> None:
    others = [p for p in record["parties"] if p["role"] != party["role"]]
    record["parties"] = [party, *others]


class Planter:
    """Chooses which declarations carry a pattern and plants it."""

    def __init__(
        self, world: World, rng: np.random.Generator, watchlist: Sequence[WatchlistEntry]
    ) -> None:
        self.world = world
        self.rng = rng
        self.watchlist = [e for e in watchlist if e.name.strip()]
        self.not_vessels = [e for e in self.watchlist if e.schema != "Vessel"] or self.watchlist
        self.active = [p for p in t.PATTERNS if p != t.SANCTIONED_PARTY or self.watchlist]
        self.planters: dict[str, Callable[[Record], None]] = {
            t.SANCTIONED_PARTY: self.sanctioned_party,
            t.PRECURSOR_TRANSSHIPMENT: self.precursor_transshipment,
            t.WEAPONS_VAGUE: self.weapons_vague,
            t.UNDERVALUATION: self.undervaluation,
            t.MISCLASSIFICATION: self.misclassification,
            t.ORIGIN_ROUTE_MISMATCH: self.origin_route_mismatch,
        }

    def plan(self, size: int) -> list[tuple[int, str]]:
        """Positions in a chunk of ``size`` that carry a pattern, and which pattern."""
        hits = np.flatnonzero(self.rng.random(size) < self.world.options.threat_rate)
        kinds = self.rng.integers(len(self.active), size=hits.size)
        return [(int(k), self.active[int(p)]) for k, p in zip(hits, kinds, strict=True)]

    def plant(self, pattern: str, record: Record) -> None:
        """Turn ``record`` into an instance of ``pattern``."""
        self.planters[pattern](record)

    def sanctioned_party(self, record: Record) -> None:
        """A listed party under a name variant, as consignor, consignee or notify party (a
        listed vessel renames the carrying vessel)."""
        sea = record["mode_of_transport"] == 1
        entry: WatchlistEntry = _pick(self.rng, self.watchlist if sea else self.not_vessels)
        variant, kind = name_variant(self.rng, entry.name)
        labels = [t.SANCTIONED_PARTY, f"variant:{kind}"]
        if entry.list_id:
            labels.append(f"list_id:{entry.list_id}")
        if entry.schema == "Vessel" and sea:
            record["conveyance"] = {**record["conveyance"], "vessel_name": variant}
            labels.append("role:vessel")
        else:
            role = _pick(self.rng, ("consignor", "consignor", "consignee", "notify"))
            country = (entry.country or "").upper()
            if not is_country(country):
                country = record["route"]["country_of_dispatch"]
            schema = entry.schema if entry.schema in _PARTY_SCHEMAS else "LegalEntity"
            _replace_party(
                record,
                {
                    "role": role,
                    "name": variant,
                    "schema": schema,
                    "country": country,
                    "identifiers": {},
                },
            )
            if role == "consignee":
                _use_broker(self.world, self.rng, record)
            labels.append(f"role:{role}")
        _truth(record, "seizure", labels)

    def precursor_transshipment(self, record: Record) -> None:
        """An explosives precursor for a consignee never seen before and outside the chemicals
        trade, routed through one or two transshipment hubs."""
        substance = _pick(self.rng, precursors())
        air = record["mode_of_transport"] == 4
        net = float(round(self.rng.uniform(40, 400) if air else self.rng.uniform(2000, 22000)))
        item = {
            **record["goods"][0],
            "hs_code": substance.hs,
            "net_mass_kg": net,
            "gross_mass_kg": round(net * 1.05, 1),
            "quantity": net,
            "unit": "KGM",
            "value": round(net * self.rng.uniform(0.3, 1.2), 2),
            "packages": 1 + int(net // 1000),
            "duty_rate": 0.05,
            "description": _pick(self.rng, PRECURSOR_DESCRIPTIONS).format(
                name=substance.name.lower()
            ),
        }
        if self.rng.random() < 0.5:
            item["cas_number"] = substance.cas
        else:
            item.pop("cas_number", None)
        record["goods"] = [item]
        self._via_hubs(record, AIR_HUBS if air else RISK_HUBS)
        home = record["route"]["country_of_destination"]
        _replace_party(
            record, {"role": "consignee", **newcomer(self.rng, home, self.world.population)}
        )
        _use_broker(self.world, self.rng, record)
        _truth(
            record,
            "seizure",
            [
                t.PRECURSOR_TRANSSHIPMENT,
                f"substance:{substance.name}",
                f"cas:{substance.cas}",
                "consignee:new",
            ],
        )

    def _via_hubs(self, record: Record, hubs: Sequence[str]) -> None:
        route = record["route"]
        skip = {route["country_of_dispatch"], route["country_of_destination"]}
        options = [h for h in hubs if h[:2] not in skip]
        count = 1 + int(self.rng.random() < 0.4)
        chosen = list(dict.fromkeys(_pick(self.rng, options) for _ in range(count)))
        record["route"] = {
            **route,
            "transshipment": chosen,
            "countries_en_route": [h[:2] for h in chosen],
        }

    def weapons_vague(self, record: Record) -> None:
        """Weapons parts (chapter 93) under a vague description, usually under an innocuous
        machinery or steel heading."""
        true = _pick(self.rng, WEAPON_CODES)
        declared = true if self.rng.random() < 0.3 else _pick(self.rng, COVER_CODES)
        net = float(round(self.rng.uniform(20, 800), 1))
        item = {
            **record["goods"][0],
            "hs_code": declared,
            "net_mass_kg": net,
            "gross_mass_kg": round(net * 1.1, 1),
            "quantity": float(round(net / 0.8)),
            "unit": "PCE",
            "value": round(net * self.rng.uniform(15, 60), 2),
            "description": _pick(self.rng, VAGUE_DESCRIPTIONS),
            "duty_rate": 0.02,
            "packages": 1 + int(net // 100),
        }
        item.pop("cas_number", None)
        record["goods"] = [item, *record["goods"][1:]]
        _truth(record, "seizure", [t.WEAPONS_VAGUE, f"true_hs:{true}"])

    def undervaluation(self, record: Record) -> None:
        """Every item declared at a small fraction of its value."""
        factor = self.rng.uniform(0.08, 0.3)
        true = sum(item["value"] for item in record["goods"])
        goods = [{**item, "value": round(item["value"] * factor, 2)} for item in record["goods"]]
        record["goods"] = goods
        rate = goods[0].get("duty_rate", 0.0) + 0.2
        _truth(
            record,
            "irregularity",
            [t.UNDERVALUATION, f"true_value:{true:.2f}"],
            (true - sum(i["value"] for i in goods)) * rate,
        )

    def misclassification(self, record: Record) -> None:
        """The first item under a subheading of another, lower-duty chapter; the description
        still names the true goods."""
        item = record["goods"][0]
        world = self.world
        cat = world.catalogues[1 if record["declared_at"] >= "2022-01-01" else 0]
        numbers = [c.code for c in world.chapters]
        true_duty = world.chapters[numbers.index(item["hs_code"][:2])].duty
        cheaper = [i for i, c in enumerate(world.chapters) if c.duty < true_duty] or [
            i for i, c in enumerate(numbers) if c != item["hs_code"][:2]
        ]
        chapter = int(_pick(self.rng, cheaper))
        code = cat.codes[int(cat.starts[chapter] + self.rng.integers(cat.sizes[chapter]))]
        duty = world.chapters[chapter].duty
        rate = max(true_duty - duty, 0.02)
        record["goods"] = [{**item, "hs_code": code, "duty_rate": duty}, *record["goods"][1:]]
        _truth(
            record,
            "irregularity",
            [t.MISCLASSIFICATION, f"true_hs:{item['hs_code']}"],
            item["value"] * rate,
        )

    def origin_route_mismatch(self, record: Record) -> None:
        """A preferential origin claimed for goods loaded, and made, in a third country."""
        route = record["route"]
        dispatch = route["country_of_dispatch"]
        claimed = _pick(self.rng, [c for c in PREFERENTIAL if c != dispatch])
        record["goods"] = [{**item, "origin_country": claimed} for item in record["goods"]]
        hubs = [h for h in route["transshipment"] if h[:2] != claimed]
        record["route"] = {
            **route,
            "transshipment": hubs,
            "countries_en_route": [h[:2] for h in hubs],
        }
        docs = [d for d in record["documents"] if d["code"] != "N954"]
        if route["country_of_destination"] in EU:
            docs.append({"code": "N954", "reference": f"EUR1-{claimed}-{record['source_id']}"})
        record["documents"] = docs
        value = sum(item["value"] for item in record["goods"])
        _truth(
            record,
            "irregularity",
            [t.ORIGIN_ROUTE_MISMATCH, f"true_origin:{dispatch}", f"claimed_origin:{claimed}"],
            value * 0.1,
        )
