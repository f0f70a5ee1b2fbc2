"""The column catalogue: every column of the feature view, its type and its meaning.

One row per declaration. Goods-level features are aggregated over the goods items (counts,
minimum or maximum, or lists of distinct values), so a rule reads one flat record. The
catalogue is the single source for the validator, both evaluators, the Arrow schema and the
generated rule-language reference (``docs/rules.md``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import polars as pl

ColumnType = Literal["bool", "int", "float", "str", "list"]

POLARS_TYPES: dict[str, pl.DataType] = {
    "bool": pl.Boolean(),
    "int": pl.Int64(),
    "float": pl.Float64(),
    "str": pl.String(),
    "list": pl.List(pl.String()),
}


@dataclass(frozen=True, slots=True)
class Column:
    """One feature-view column: name, type (``bool``, ``int``, ``float``, ``str`` or
    ``list`` of strings), group, and meaning. ``caller`` columns are supplied by the caller
    (screening results), not derived from the declaration."""

    name: str
    type: ColumnType
    group: str
    meaning: str
    caller: bool = False


def _c(name: str, type_: ColumnType, group: str, meaning: str, caller: bool = False) -> Column:
    return Column(name, type_, group, meaning, caller)


_D, _R, _P, _G, _H, _S = "declaration", "route", "parties", "goods", "history", "screening"

COLUMNS: tuple[Column, ...] = (
    _c("declaration_id", "str", _D, "Source identifier of the declaration (`source_id`)."),
    _c("declaration_type", "str", _D, "`import`, `export`, `transit` or `entry_summary`."),
    _c("office", "str", _D, "Customs office of declaration."),
    _c(
        "mode_of_transport", "int", _D, "UN/ECE Rec. 19 mode: 1 sea, 2 rail, 3 road, 4 air, 5 post."
    ),
    _c("declared_date", "str", _D, "Date (UTC) the declaration was lodged, ISO `YYYY-MM-DD`."),
    _c("declared_hour", "int", _D, "Hour of the day (UTC) the declaration was lodged, 0-23."),
    _c(
        "declared_weekday",
        "int",
        _D,
        "ISO weekday the declaration was lodged, 1 Monday - 7 Sunday.",
    ),
    _c("document_codes", "list", _D, "Codes of the documents produced (e.g. `N380`, `X002`)."),
    _c("has_licence", "bool", _D, "A document with a code starting `X` (licence) is produced."),
    _c("container_count", "int", _D, "Number of containers (equipment)."),
    _c("place_of_loading", "str", _R, "UN/LOCODE of the place of loading."),
    _c("place_of_discharge", "str", _R, "UN/LOCODE of the place of discharge."),
    _c("country_of_loading", "str", _R, "Country of the place of loading (its LOCODE prefix)."),
    _c("country_of_dispatch", "str", _R, "Country of dispatch."),
    _c("country_of_destination", "str", _R, "Country of destination."),
    _c("transshipment_places", "list", _R, "UN/LOCODEs of the transshipment places."),
    _c("transshipment_countries", "list", _R, "Countries of the transshipment places."),
    _c("transshipment_count", "int", _R, "Number of transshipment places."),
    _c(
        "route_countries", "list", _R, "Countries of loading, dispatch, transshipment and en route."
    ),
    _c(
        "route_fatf_call_for_action",
        "bool",
        _R,
        "A route country is on the FATF call-for-action list.",
    ),
    _c("route_fatf_monitored", "bool", _R, "A route country is under FATF increased monitoring."),
    _c("route_un_arms_embargo", "bool", _R, "A route country is under an active UN arms embargo."),
    _c("origin_countries", "list", _R, "Distinct declared countries of origin of the goods."),
    _c(
        "origin_not_on_route",
        "bool",
        _R,
        "A declared origin is neither a route country nor the country of loading.",
    ),
    _c(
        "origin_fatf_call_for_action",
        "bool",
        _R,
        "A declared origin is on the FATF call-for-action list.",
    ),
    _c(
        "origin_un_arms_embargo",
        "bool",
        _R,
        "A declared origin is under an active UN arms embargo.",
    ),
    _c("consignor_name", "str", _P, "Name of the consignor."),
    _c("consignor_country", "str", _P, "Country of the consignor."),
    _c("consignee_name", "str", _P, "Name of the consignee."),
    _c("consignee_country", "str", _P, "Country of the consignee."),
    _c(
        "consignee_aeo",
        "str",
        _P,
        "AEO certificate of the consignee (`AEOC`, `AEOS`, `AEOF`), NULL if none.",
    ),
    _c("any_party_aeo", "bool", _P, "Any party holds an AEO certificate."),
    _c("party_count", "int", _P, "Number of parties."),
    _c("item_count", "int", _G, "Number of goods items."),
    _c("hs_codes", "list", _G, "Distinct 6-digit HS subheadings of the goods."),
    _c("hs_headings", "list", _G, "Distinct 4-digit HS headings of the goods."),
    _c("hs_chapters", "list", _G, "Distinct 2-digit HS chapters of the goods."),
    _c("cas_numbers", "list", _G, "Distinct CAS registry numbers declared."),
    _c("descriptions", "str", _G, "Goods descriptions, lower-cased, joined with ` | `."),
    _c(
        "vague_description",
        "bool",
        _G,
        "An item description is empty, under 10 characters or generic ('parts', 'goods', ...).",
    ),
    _c("total_value", "float", _G, "Sum of item values (declared currency, not converted)."),
    _c("total_net_mass_kg", "float", _G, "Sum of item net masses in kg."),
    _c("total_gross_mass_kg", "float", _G, "Sum of item gross masses in kg."),
    _c("total_packages", "int", _G, "Sum of item packages."),
    _c("net_exceeds_gross", "bool", _G, "An item's net mass exceeds its gross mass."),
    _c(
        "unit_value_per_kg_min",
        "float",
        _G,
        "Lowest item value per kg of net mass (NULL without mass).",
    ),
    _c(
        "unit_value_per_kg_max",
        "float",
        _G,
        "Highest item value per kg of net mass (NULL without mass).",
    ),
    _c(
        "precursor_items",
        "int",
        _G,
        "Items that are explosives precursors (EU 2019/1148 by CAS or HS).",
    ),
    _c("cwc_items", "int", _G, "Items whose CAS number is a CWC scheduled chemical."),
    _c("arms_items", "int", _G, "Items in HS chapter 93 (arms and ammunition)."),
    _c("explosives_items", "int", _G, "Items in HS headings 3601-3603 (explosives, detonators)."),
    _c("radioactive_items", "int", _G, "Items in HS headings 2844-2845 (radioactive, isotopes)."),
    _c(
        "value_to_median_min",
        "float",
        _H,
        "Lowest item ratio of value per kg to the median for the same HS6 and origin "
        "in earlier declarations (NULL without history).",
    ),
    _c("value_to_median_max", "float", _H, "Highest such ratio over the items."),
    _c(
        "consignee_days_since_first_seen",
        "int",
        _H,
        "Days since the consignee first appeared (0 on a first appearance; NULL without one).",
    ),
    _c("consignee_prior_declarations", "int", _H, "Earlier declarations of the consignee."),
    _c("consignor_days_since_first_seen", "int", _H, "Days since the consignor first appeared."),
    _c(
        "party_hits",
        "int",
        _S,
        "Party screening hits (sanctions, watchlists), from the screening engine.",
        True,
    ),
    _c(
        "party_hit_score",
        "float",
        _S,
        "Best party screening match score, 0-1 (0 without hits).",
        True,
    ),
    _c(
        "goods_flags",
        "list",
        _S,
        "Goods screening flags (controlled-list entry ids) from the screening engine.",
        True,
    ),
    _c(
        "goods_flag_groups",
        "list",
        _S,
        "Groups of the goods flags (`precursor`, `arms`, `dual_use`, ...).",
        True,
    ),
)

BY_NAME: dict[str, Column] = {c.name: c for c in COLUMNS}
CALLER_DEFAULTS: dict[str, object] = {
    "party_hits": 0,
    "party_hit_score": 0.0,
    "goods_flags": [],
    "goods_flag_groups": [],
}


def polars_schema() -> dict[str, pl.DataType]:
    """The Polars schema of the feature view, in catalogue order."""
    return {c.name: POLARS_TYPES[c.type] for c in COLUMNS}
