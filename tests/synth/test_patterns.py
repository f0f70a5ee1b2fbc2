"""Each planted pattern shows in the data the way docs/synth.md says, with its truth."""

from __future__ import annotations

from collections import Counter
from difflib import SequenceMatcher
from typing import Any

from borderwatch.reference import is_country
from borderwatch.synth import PATTERNS, generate
from borderwatch.synth.geography import PREFERENTIAL, RISK_HUBS
from borderwatch.synth.goods import COVER_CODES, VAGUE_DESCRIPTIONS, WEAPON_CODES, precursors
from borderwatch.synth.names import drop_legal_form

from .conftest import WATCHLIST, detail, labelled


def _resembles(variant: str, name: str) -> bool:
    """Shares a word with ``name``, or is close to it character by character."""
    words = {w for w in name.lower().split() if len(w) >= 3}
    if words & set(variant.lower().split()):
        return True
    return SequenceMatcher(None, variant.lower(), name.lower()).ratio() >= 0.7


def _party(record: dict[str, Any], role: str) -> dict[str, Any]:
    return next(p for p in record["parties"] if p["role"] == role)


def test_every_pattern_is_planted_and_marked_illicit(sample: list[dict[str, Any]]) -> None:
    for pattern in PATTERNS:
        found = labelled(sample, pattern)
        assert len(found) >= 15, pattern
        for record in found:
            outcome = record["outcome"]
            assert outcome["illicit"] and outcome["inspected"]
            assert outcome["finding"] in ("seizure", "irregularity")
            assert outcome["labels"][0] == pattern


def test_sanctioned_party_is_a_variant_of_a_listed_name(sample: list[dict[str, Any]]) -> None:
    by_id = {e.list_id: e for e in WATCHLIST}
    kinds = Counter()
    for record in labelled(sample, "sanctioned_party"):
        entry = by_id[detail(record, "list_id")]
        role = detail(record, "role")
        kinds[detail(record, "variant")] += 1
        shown = (
            record["conveyance"]["vessel_name"]
            if role == "vessel"
            else _party(record, role)["name"]
        )
        assert shown != entry.name
        assert _resembles(shown, entry.name), (shown, entry.name)
        if role != "vessel":
            assert _party(record, role)["schema"] == entry.schema
            assert is_country(_party(record, role)["country"])
    assert len(kinds) >= 4


def test_precursors_go_to_newcomers_via_hubs(sample: list[dict[str, Any]]) -> None:
    consignees = Counter(_party(r, "consignee").get("identifiers", {}).get("eori") for r in sample)
    substances = {p.hs: p for p in precursors()}
    for record in labelled(sample, "precursor_transshipment"):
        item = record["goods"][0]
        assert item["hs_code"] in substances
        assert (
            detail(record, "cas") == substances[item["hs_code"]].cas or item["hs_code"] == "282990"
        )
        assert record["route"]["transshipment"]
        if record["mode_of_transport"] == 1:
            assert set(record["route"]["transshipment"]) <= set(RISK_HUBS)
        eori = _party(record, "consignee")["identifiers"]["eori"]
        assert consignees[eori] == 1, "a consignee never seen before or after"
        assert "Chemicals" not in _party(record, "consignee")["name"]


def test_weapons_parts_hide_under_vague_descriptions(sample: list[dict[str, Any]]) -> None:
    found = labelled(sample, "weapons_vague")
    for record in found:
        item = record["goods"][0]
        assert item["description"] in VAGUE_DESCRIPTIONS
        assert detail(record, "true_hs") in WEAPON_CODES
        assert item["hs_code"] in (*COVER_CODES, detail(record, "true_hs"))
    assert sum(r["goods"][0]["hs_code"] in COVER_CODES for r in found) > len(found) / 2


def test_undervaluation_is_far_below_the_true_value(sample: list[dict[str, Any]]) -> None:
    for record in labelled(sample, "undervaluation"):
        declared = sum(item["value"] for item in record["goods"])
        assert declared <= 0.31 * float(detail(record, "true_value")) + 0.05
        assert record["outcome"]["revenue_recovered"] > 0


def test_misclassification_keeps_the_true_description(sample: list[dict[str, Any]]) -> None:
    for record in labelled(sample, "misclassification"):
        true_hs = detail(record, "true_hs")
        assert record["goods"][0]["hs_code"][:2] != true_hs[:2]


def test_origin_claimed_away_from_the_route(sample: list[dict[str, Any]]) -> None:
    for record in labelled(sample, "origin_route_mismatch"):
        route = record["route"]
        origin = record["goods"][0]["origin_country"]
        assert origin in PREFERENTIAL and origin == detail(record, "claimed_origin")
        assert route["country_of_dispatch"] == detail(record, "true_origin") != origin
        assert route["place_of_loading"][:2] != origin
        assert origin not in route["countries_en_route"]


def test_ordinary_traffic_carries_no_labels(sample: list[dict[str, Any]]) -> None:
    plain = [r for r in sample if not r["outcome"]["labels"]]
    assert len(plain) > 0.9 * len(sample)
    assert all(not r["outcome"]["illicit"] for r in plain)


def test_without_watchlist_the_sanctions_pattern_is_skipped() -> None:
    records = list(generate(1500, seed=4, threat_rate=0.1))
    assert not labelled(records, "sanctioned_party")
    assert sum(bool(r["outcome"]["labels"]) for r in records) > 60


def test_drop_legal_form() -> None:
    assert drop_legal_form("Jinlong Trading Co., Ltd") == "Jinlong Trading"
    assert drop_legal_form("Rheinwerk GmbH") == "Rheinwerk"
    assert drop_legal_form("GmbH") == "GmbH"
