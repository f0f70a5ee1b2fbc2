"""The derived columns of the feature view, by catalogue group: one function per group
builds the values of one declaration (from the declaration, its history facts and the history
before it), shared by the one-declaration row and the batch frame of
:mod:`borderwatch.rules.features`."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from borderwatch.model import Declaration, GoodsItem, PartyRole
from borderwatch.rules import lists
from borderwatch.rules.history import Facts, History

Row = dict[str, Any]
# A description is vague when every word in it is generic: it names no product
# ("machine parts", "steel parts", "metal components", "hardware", "said to contain").
GENERIC_WORDS = frozenset(
    {"parts", "part", "spare", "spares", "machine", "machined", "machinery", "metal", "steel",
     "iron", "components", "component", "hardware", "goods", "samples", "sample", "accessories",
     "equipment", "various", "misc", "miscellaneous", "tools", "general", "cargo", "freight",
     "of", "all", "kinds", "fak", "said", "to", "contain", "items", "articles", "assorted",
     "mixed", "stc", "and", "for"}
)  # fmt: skip
_WORD = re.compile(r"[a-z]+")


def _distinct(values: list[str | None]) -> list[str]:
    """The distinct non-empty values, sorted."""
    if len(values) < 2:
        return [v for v in values if v]
    return sorted({v for v in values if v})


@lru_cache(maxsize=65536)
def _is_vague(description: str) -> bool:
    """Shorter than ten characters, or made only of generic words."""
    text = description.lower()
    words = _WORD.findall(text)
    return len(text.strip()) < 10 or all(w in GENERIC_WORDS for w in words)


@lru_cache(maxsize=65536)
def _folded(description: str) -> str:
    """A description lower-cased with its runs of white space as one space."""
    return " ".join(description.lower().split())


@lru_cache(maxsize=4096)
def _document_facts(codes: tuple[str, ...]) -> tuple[tuple[str, ...], bool]:
    """Of the document codes of a declaration: the distinct ones, sorted, and whether one is
    a licence (a handful of combinations recur on every declaration)."""
    distinct = tuple(_distinct(list(codes)))
    return distinct, any(c.startswith("X") for c in distinct)


def _declaration(d: Declaration, facts: Facts, history: History) -> Row:
    codes, licence = _document_facts(tuple([doc.code for doc in d.documents]))
    at = d.declared_at
    return {
        "declaration_id": d.source_id,
        "declaration_type": d.type.value,
        "office": d.office,
        "mode_of_transport": int(d.mode_of_transport.value),
        "declared_date": at.date().isoformat(),
        "declared_hour": at.hour,
        "declared_weekday": at.isoweekday(),
        "document_codes": list(codes),
        "has_licence": licence,
        "container_count": len(d.equipment),
    }


@lru_cache(maxsize=65536)
def _route_columns(
    loading_place: str | None,
    discharge_place: str | None,
    transshipment: tuple[str, ...],
    dispatch: str | None,
    destination: str | None,
    en_route: tuple[str, ...],
    item_origins: tuple[str | None, ...],
) -> Row:
    """The route columns of a route and the origins of its items (a pure function of values
    that repeat, as traders keep their routes), list columns as tuples: each row gets lists
    of its own (:func:`_route`)."""
    loading = loading_place[:2] if loading_place else None
    via = _distinct([p[:2] for p in transshipment]) if transshipment else []
    route = _distinct([loading, dispatch, *via, *en_route])
    origins = _distinct(list(item_origins))
    cfa, embargo = lists.fatf("high_risk_call_for_action"), lists.un_arms_embargo()
    return {
        "place_of_loading": loading_place,
        "place_of_discharge": discharge_place,
        "country_of_loading": loading,
        "country_of_dispatch": dispatch,
        "country_of_destination": destination,
        "transshipment_places": transshipment,
        "transshipment_countries": tuple(via),
        "transshipment_count": len(transshipment),
        "route_countries": tuple(route),
        "route_fatf_call_for_action": not cfa.isdisjoint(route),
        "route_fatf_monitored": not lists.fatf("increased_monitoring").isdisjoint(route),
        "route_un_arms_embargo": not embargo.isdisjoint(route),
        "origin_countries": tuple(origins),
        "origin_not_on_route": bool(route) and any(o not in route for o in origins),
        "origin_fatf_call_for_action": not cfa.isdisjoint(origins),
        "origin_un_arms_embargo": not embargo.isdisjoint(origins),
    }


def _route(d: Declaration, facts: Facts, history: History) -> Row:
    r = d.route
    columns = _route_columns(
        r.place_of_loading, r.place_of_discharge, tuple(r.transshipment), r.country_of_dispatch,
        r.country_of_destination, tuple(r.countries_en_route),
        tuple([g.origin_country for g in d.goods]),
    )  # fmt: skip
    return {k: list(v) if type(v) is tuple else v for k, v in columns.items()}


def _parties(d: Declaration, facts: Facts, history: History) -> Row:
    consignor, consignee = d.party(PartyRole.CONSIGNOR), d.party(PartyRole.CONSIGNEE)
    return {
        "consignor_name": consignor.name if consignor else None,
        "consignor_country": consignor.country if consignor else None,
        "consignee_name": consignee.name if consignee else None,
        "consignee_country": consignee.country if consignee else None,
        "consignee_aeo": consignee.aeo.value if consignee and consignee.aeo else None,
        "any_party_aeo": any(p.aeo is not None for p in d.parties),
        "party_count": len(d.parties),
    }


@lru_cache(maxsize=65536)
def _hs_facts(code: str) -> tuple[str, bool, bool, bool, bool]:
    """Of an HS code: its subheading, whether that is a precursor's, and whether the code is
    in arms (chapter 93), explosives (3601-3603) or radioactive material (2844-2845)."""
    return (
        code[:6],
        code[:6] in lists.precursor_hs6(),
        code.startswith("93"),
        code.startswith(("3601", "3602", "3603")),
        code.startswith(("2844", "2845")),
    )


@lru_cache(maxsize=65536)
def _hs_levels(subheadings: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The distinct subheadings, headings and chapters of a declaration's HS subheadings
    (in any order), each sorted."""
    codes = sorted(c for c in set(subheadings) if c)
    return (
        tuple(codes),
        tuple(_distinct([c[:4] for c in codes])),
        tuple(_distinct([c[:2] for c in codes])),
    )


def _goods(d: Declaration, facts: Facts, history: History) -> Row:
    """The goods columns, in one pass over the items."""
    goods: list[GoodsItem] = d.goods
    cas_pre, cwc = lists.precursor_cas(), lists.cwc_cas()
    hs6: set[str] = set()
    cas: set[str] = set()
    value, net, gross, packages = 0.0, 0.0, 0.0, 0
    vague = heavier = False
    precursor = cwc_items = arms = explosives = radioactive = 0
    for g in goods:
        number, mass, heavy = g.cas_number, g.net_mass_kg, g.gross_mass_kg
        sub, pre_hs, in_arms, in_explosives, in_radioactive = _hs_facts(g.hs_code)
        hs6.add(sub)
        if number:
            cas.add(number)
        vague = vague or _is_vague(g.description)
        value += g.value
        net += mass or 0.0
        gross += heavy or 0.0
        packages += g.packages or 0
        if mass is not None and heavy is not None and mass > heavy:
            heavier = True
        precursor += pre_hs or number in cas_pre
        cwc_items += number in cwc
        arms += in_arms
        explosives += in_explosives
        radioactive += in_radioactive
    codes, headings, chapters = _hs_levels(tuple(hs6))
    prices = [price for _, price in facts[3]]  # value per kg of the items with a mass
    return {
        "item_count": len(goods),
        "hs_codes": list(codes),
        "hs_headings": list(headings),
        "hs_chapters": list(chapters),
        "cas_numbers": sorted(cas),
        "descriptions": " | ".join([_folded(g.description) for g in goods]),
        "vague_description": vague,
        "total_value": float(value),
        "total_net_mass_kg": float(net),
        "total_gross_mass_kg": float(gross),
        "total_packages": packages,
        "net_exceeds_gross": heavier,
        "unit_value_per_kg_min": min(prices) if prices else None,
        "unit_value_per_kg_max": max(prices) if prices else None,
        "precursor_items": precursor,
        "cwc_items": cwc_items,
        "arms_items": arms,
        "explosives_items": explosives,
        "radioactive_items": radioactive,
    }


def _history(d: Declaration, facts: Facts, history: History) -> Row:
    """Point-in-time columns from the declaration's history facts (its parties' keys and
    its items' prices, as :func:`~borderwatch.rules.history.facts_of` reads them)."""
    at, consignee, consignor, prices = facts
    ratios = [
        price / median
        for (hs6, origin), price in prices
        if (median := history.median_price(hs6, origin))
    ]
    return {
        "value_to_median_min": min(ratios) if ratios else None,
        "value_to_median_max": max(ratios) if ratios else None,
        "consignee_days_since_first_seen": history.days_since_key(consignee, at),
        "consignee_prior_declarations": history.prior_declarations_of(consignee),
        "consignor_days_since_first_seen": history.days_since_key(consignor, at),
    }


Group = Callable[[Declaration, Facts, History], Row]
GROUPS: dict[str, Group] = {
    "declaration": _declaration,
    "route": _route,
    "parties": _parties,
    "goods": _goods,
    "history": _history,
}
"""The group functions building the derived columns of a catalogue group."""
