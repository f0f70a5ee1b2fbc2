"""Lanes: holds, sanctions, mandatory rules, AEO facilitation, random sample, overflow, and
failed components that never give green."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from borderwatch.errors import InvalidInput
from borderwatch.model.decisions import Basis, Lane, ReasonKind
from borderwatch.rules import RuleSet, load_pack
from borderwatch.screening import default_lists
from borderwatch.selectivity import Assessor, CapacityMode, rules_fingerprint
from tests.factory import decl
from tests.selectivity.conftest import policy_with


def _listed() -> str:
    un = next(lst for lst in default_lists() if lst.name == "un")
    return next(e.caption for e in un.entries.values() if e.schema == "Person")


def _with_party(name: str, **overrides: Any) -> dict[str, Any]:
    data = decl(**overrides)
    data["parties"][1] = {"role": "consignee", "name": name, "schema": "Person"}
    return data


class FailingRules(RuleSet):
    """A rule engine that fails on every call (a broken component, for the fallback)."""

    def evaluate_one(self, row: dict[str, Any]) -> list[Any]:
        raise RuntimeError("rule engine down")

    def evaluate_batch(self, view: Any) -> list[list[Any]]:
        raise RuntimeError("rule engine down")


def test_confirmed_sanctions_hit_holds_an_entry_summary_and_reds_an_import(
    make: Callable[..., Assessor],
) -> None:
    name = _listed()
    held = make().assess(_with_party(name, type="entry_summary", source_id="ENS-1"))
    assert (held.lane, held.basis) == (Lane.HOLD, Basis.HOLD)
    hits = [r for r in held.reasons if r.kind is ReasonKind.SCREENING]
    assert hits and all(r.version for r in hits)
    red = make().assess(_with_party(name, source_id="IMP-1"))
    assert (red.lane, red.basis) == (Lane.RED, Basis.SANCTIONS)


def test_mandatory_selection_ignores_zero_capacity_and_is_counted_as_exceeded(
    make: Callable[..., Assessor],
) -> None:
    none_left = policy_with(capacity={"physical": 0, "documentary": 0})
    result = make(none_left).assess_batch([_with_party(_listed(), source_id="S-1")])
    (d,) = result.decisions
    assert d.lane is Lane.RED
    assert result.overflow == [
        {"office": "NLRTM001", "day": "2024-03-01", "declarations": 1, "overflow": 0,
         "exceeded": 1}
    ]  # fmt: skip


def test_risk_over_capacity_is_reported_as_overflow_not_dropped(
    make: Callable[..., Assessor],
) -> None:
    zero = policy_with(capacity={"physical": 0, "documentary": 0}, random_rate=0.0,
                       target_rate=0.0, thresholds={"red": 0.0, "yellow": 0.0})  # fmt: skip
    d = make(zero).assess(decl())
    assert d.lane is Lane.GREEN and d.risk_lane is Lane.RED and d.overflow
    assert any(r.kind is ReasonKind.CAPACITY for r in d.reasons)


def test_aeo_lowers_risk_selection_but_not_the_random_sample(
    make: Callable[..., Assessor],
) -> None:
    everything = policy_with(random_rate=1.0, target_rate=1.0, max_rate=1.0, aeo_factor=0.01,
                             thresholds={"red": 0.0, "yellow": 0.0})  # fmt: skip
    aeo = decl()
    aeo["parties"][1]["aeo"] = "AEOS"
    d = make(everything).assess(aeo)
    assert d.aeo and d.random and d.lane is Lane.RED and d.basis is Basis.RANDOM
    assert {r.kind for r in d.reasons} >= {ReasonKind.AEO, ReasonKind.RANDOM}
    strict = policy_with(random_rate=0.0, target_rate=0.0, aeo_factor=0.01,
                         thresholds={"red": 0.02, "yellow": 0.02})  # fmt: skip
    plain, facilitated = make(strict).assess(decl()), make(strict).assess(aeo)
    assert plain.score == facilitated.score
    assert facilitated.expected_value < plain.expected_value


@pytest.mark.parametrize("component", ["model", "screening", "rules"])
def test_a_missing_or_failing_component_never_gives_green(
    make: Callable[..., Assessor], tmp_path: Any, component: str
) -> None:
    kwargs: dict[str, Any] = {
        "model": {"model_dir": tmp_path / "no-such-model"},
        "screening": {"lists": []},
        "rules": {"ruleset": FailingRules(RuleSet.from_specs(load_pack("security")).rules)},
    }[component]
    assessor = make(**kwargs)
    one = assessor.assess(decl(source_id="F-1"))
    (batch,) = make(**kwargs).assess_batch([decl(source_id="F-1")]).decisions
    for d in (one, batch):
        assert d.lane.rank >= Lane.YELLOW.rank
        assert component in d.failed
        assert d.basis in (Basis.FALLBACK, Basis.RANDOM, Basis.MANDATORY)
        assert any(r.kind is ReasonKind.COMPONENT and r.code == component for r in d.reasons)


def test_an_invalid_declaration_is_refused_with_every_field_and_gets_no_lane(
    make: Callable[..., Assessor],
) -> None:
    bad = decl(source_id="BAD-1", office="", hs="999999")
    with pytest.raises(InvalidInput) as caught:
        make().assess(bad)
    assert len(caught.value.errors) >= 2
    result = make().assess_batch([bad, decl(source_id="OK-1")], CapacityMode.BUDGET)
    assert [d.source_id for d in result.decisions] == ["OK-1"]
    assert [(r.position, r.source_id) for r in result.refusals] == [(0, "BAD-1")]


def test_policy_rule_selects_vague_parts_under_a_cover_heading_even_for_an_aeo(
    make: Callable[..., Assessor],
) -> None:
    data = decl(hs="848790", source_id="V-1")
    data["goods"][0]["description"] = "hardware"
    data["parties"][1]["aeo"] = "AEOF"
    assessor = make(policy_with(random_rate=0.0, target_rate=0.0))
    assert any(r.spec.id == "POL-VAGUE-PARTS-COVER-HEADING" for r in assessor.ruleset.rules)
    assert assessor.versions.rules == rules_fingerprint(assessor.ruleset)
    d = assessor.assess(data)
    assert d.aeo and d.lane.selected and d.basis is Basis.MANDATORY
    assert any(r.kind is ReasonKind.RULE and r.code == "POL-VAGUE-PARTS-COVER-HEADING"
               for r in d.reasons)  # fmt: skip
    plain = decl(hs="848790", source_id="V-2")
    plain["goods"][0]["description"] = "ball bearings for conveyor drives"
    assert not any(r.code.startswith("POL-") for r in make().assess(plain).reasons)
