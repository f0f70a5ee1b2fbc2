"""The built-in security pack: well formed, portable to Spark SQL, and it catches the planted
risk patterns of the synthetic generator."""

from __future__ import annotations

from typing import Any

import pytest
import sqlglot

from borderwatch.errors import InvalidInput, NotFound
from borderwatch.model import Declaration
from borderwatch.rules import RuleSet, feature_row, feature_rows, load_pack, load_yaml, pack_names
from tests.rules.helpers import declaration


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return RuleSet.from_specs(load_pack("security"))


def _fired(rules: RuleSet, decl: Declaration, **screening: Any) -> set[str]:
    return {h.rule_id for h in rules.evaluate_one(feature_row(decl, screening=screening))}


def test_every_rule_has_description_source_and_reference() -> None:
    specs = load_pack("security")
    assert "security" in pack_names()
    assert len(specs) >= 15
    for s in specs:
        assert s.description and s.source and s.reference and s.owner, s.id


@pytest.mark.parametrize("pack", pack_names())
def test_every_pack_rule_transpiles_and_parses_in_spark(pack: str) -> None:
    for s in load_pack(pack):
        spark = sqlglot.transpile(s.expression, write="spark")
        assert len(spark) == 1
        tree = sqlglot.parse_one(spark[0], read="spark")
        assert tree.find(sqlglot.exp.Column) is not None or "TRUE" in spark[0], s.id


def test_unknown_pack_is_not_found() -> None:
    with pytest.raises(NotFound):
        load_pack("nope")


def test_yaml_file_reports_every_bad_rule() -> None:
    text = (
        "owner: alice\nrules:\n"
        "  - {id: R-OK1, title: t, description: d, expression: has_licence}\n"
        "  - {id: R-BAD, title: t, description: d, expression: 'nope > 1'}\n"
        "  - {id: R-OK1, title: t, description: d, expression: 'sleep(1) > 0'}\n"
    )
    with pytest.raises(InvalidInput) as info:
        load_yaml(text)
    reasons = [str(e) for e in info.value.errors]
    assert any("rules[1].expression" in r and "unknown column 'nope'" in r for r in reasons)
    assert any("rules[2].expression" in r and "sleep" in r for r in reasons)


def test_clean_declaration_fires_nothing(rules: RuleSet) -> None:
    assert _fired(rules, declaration()) == set()


def test_sanctioned_party_under_a_name_variant(rules: RuleSet) -> None:
    fired = _fired(rules, declaration(), party_hits=1, party_hit_score=0.91)
    assert "SEC-SANCTIONED-PARTY" in fired


def test_precursor_to_new_consignee_via_transshipment(rules: RuleSet) -> None:
    fired = _fired(rules, declaration(hs="310230"))
    assert {"SEC-PRECURSOR-NEW-CONSIGNEE", "SEC-PRECURSOR-NEW-VIA-TRANSSHIPMENT"} <= fired


def test_precursor_to_long_known_consignee_is_quiet(rules: RuleSet) -> None:
    old = declaration(source_id="OLD", declared_at="2023-01-01T00:00:00Z")
    new = declaration(hs="310230", declared_at="2024-03-01T00:00:00Z")
    rows = feature_rows([old, new])
    fired = {h.rule_id for h in rules.evaluate_one(rows[1])}
    assert "SEC-PRECURSOR-NEW-CONSIGNEE" not in fired


def test_weapons_parts_under_vague_description(rules: RuleSet) -> None:
    goods = [{"hs_code": "930599", "description": "machine parts", "value": 900.0,
              "currency": "EUR", "net_mass_kg": 40.0, "origin_country": "CN"}]  # fmt: skip
    fired = _fired(rules, declaration(goods=goods))
    assert {"SEC-ARMS-VAGUE-DESCRIPTION", "SEC-ARMS-NO-LICENCE"} <= fired


def test_arms_wording_under_another_heading(rules: RuleSet) -> None:
    goods = [{"hs_code": "847130", "description": "hunting rifles, bolt action", "value": 900.0,
              "currency": "EUR", "net_mass_kg": 40.0, "origin_country": "CN"}]  # fmt: skip
    assert "SEC-ARMS-KEYWORDS-MISCLASSIFIED" in _fired(rules, declaration(goods=goods))


def test_undervaluation_against_history(rules: RuleSet) -> None:
    history = [declaration(source_id=f"H{i}", declared_at=f"2024-01-0{i}T00:00:00Z")
               for i in range(1, 6)]  # fmt: skip
    cheap = declaration(source_id="CHEAP", declared_at="2024-02-01T00:00:00Z", value=4000.0)
    row = feature_rows([*history, cheap])[-1]
    assert "SEC-UNDERVALUATION" in {h.rule_id for h in rules.evaluate_one(row)}


def test_origin_inconsistent_with_route(rules: RuleSet) -> None:
    assert "SEC-ORIGIN-NOT-ON-ROUTE" in _fired(rules, declaration(origin="VN"))


def test_arms_through_embargoed_jurisdiction(rules: RuleSet) -> None:
    route = {"place_of_loading": "CNSHA", "transshipment": ["AEJEA"], "country_of_dispatch": "CN",
             "countries_en_route": ["YE"]}  # fmt: skip
    fired = _fired(rules, declaration(hs="930200", route=route))
    assert "SEC-ARMS-EMBARGO-ROUTE" in fired


def test_radioactive_without_licence_and_with(rules: RuleSet) -> None:
    assert "SEC-RADIOACTIVE-NO-LICENCE" in _fired(rules, declaration(hs="284410"))
    docs = [{"code": "X002", "reference": "LIC-1"}]
    licensed = _fired(rules, declaration(hs="284410", documents=docs))
    assert "SEC-RADIOACTIVE-NO-LICENCE" not in licensed


def test_hits_carry_reasons(rules: RuleSet) -> None:
    hit = rules.evaluate_one(feature_row(declaration(hs="284410")))[0]
    assert hit.version == 1 and hit.title and hit.rule_id in hit.explanation
    assert hit.evidence == {"radioactive_items": 1, "has_licence": False}
