"""The policy: validation names every bad field; per-office overrides; the random draw."""

from __future__ import annotations

import pytest

from borderwatch.errors import InvalidInput
from borderwatch.model.decisions import Lane
from borderwatch.selectivity import load_policy, parse_policy


def _data() -> dict[str, object]:
    return load_policy().model_dump(mode="json")


def test_shipped_policy_loads_and_offices_override_by_locode() -> None:
    policy = load_policy()
    assert policy.for_office("NLRTM001").capacity.physical == 25
    assert policy.for_office("BEANR001") is policy.default


def test_green_safe_lane_and_disordered_rates_are_refused_naming_fields() -> None:
    data = _data()
    data["default"]["safe_lane"] = "green"  # type: ignore[index]
    data["default"]["random_rate"] = 0.2  # type: ignore[index]
    data["default"]["capacity"]["physical"] = -1  # type: ignore[index]
    with pytest.raises(InvalidInput) as caught:
        parse_policy(data)
    paths = {e.path for e in caught.value.errors}
    assert "default.capacity.physical" in paths


def test_a_bad_office_override_names_the_office() -> None:
    data = _data()
    data["offices"] = {"DEHAM": {"max_rate": 2.0}}
    with pytest.raises(InvalidInput) as caught:
        parse_policy(data)
    assert any(e.path.startswith("offices.DEHAM.max_rate") for e in caught.value.errors)


def test_green_safe_lane_is_refused() -> None:
    data = _data()
    data["default"]["safe_lane"] = "green"  # type: ignore[index]
    with pytest.raises(InvalidInput, match="invalid"):
        parse_policy(data)


def test_random_draw_is_a_keyed_hash_of_seed_version_and_id() -> None:
    policy = load_policy()
    draws = [policy.random_draw(f"D{i}") for i in range(20_000)]
    assert draws == [policy.random_draw(f"D{i}") for i in range(20_000)]
    assert all(0.0 <= d < 1.0 for d in draws)
    share = sum(d < 0.005 for d in draws) / len(draws)
    assert 0.003 < share < 0.007
    other = parse_policy({**_data(), "version": "other"})
    assert [other.random_draw(f"D{i}") for i in range(50)] != draws[:50]


def test_lane_order() -> None:
    assert Lane.strongest(Lane.YELLOW, Lane.HOLD, Lane.GREEN) is Lane.HOLD
    assert [lane.rank for lane in Lane] == [0, 1, 2, 3]
    assert not Lane.GREEN.selected and Lane.YELLOW.selected


def test_policy_rules_are_validated_naming_each_bad_field() -> None:
    data = _data()
    data["rules"] = [
        {"id": "POL-OK", "title": "t", "description": "d", "expression": "party_hits > 0",
         "owner": "me"},
        {"id": "POL-BAD", "title": "t", "description": "d", "expression": "no_such_column > 1",
         "owner": "me", "weight": 500},
    ]  # fmt: skip
    with pytest.raises(InvalidInput) as caught:
        parse_policy(data)
    paths = {e.path for e in caught.value.errors}
    assert "rules[1].weight" in paths
    assert any(p.startswith("rules[1].") and p != "rules[1].weight" for p in paths)
    assert not any(p.startswith("rules[0]") for p in paths)


def test_shipped_policy_rules_are_selection_rules_of_the_policy() -> None:
    specs = load_policy().rule_specs()
    assert specs and all(s.id.startswith("POL-") for s in specs)
