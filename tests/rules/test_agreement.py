"""The compiled one-row evaluator and the vectorised Polars path agree on every rule."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from borderwatch.rules import RuleSet, check, compile_rule, load_pack, to_frame
from borderwatch.rules.rowcompile import compile_row
from borderwatch.rules.vector import compile_polars
from tests.rules.helpers import spec
from tests.rules.strategies import bool_exprs, rows

SCOPE_FREE = {"declaration_type": "import", "office": "X", "mode_of_transport": 1}


def _with_scope(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, **SCOPE_FREE, "declared_date": "2024-01-01"}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expression=bool_exprs(), batch=st.lists(rows(), min_size=1, max_size=12))
def test_row_and_vector_agree_on_random_expressions(
    expression: str, batch: list[dict[str, Any]]
) -> None:
    tree = check(expression).tree
    batch = [_with_scope(r) for r in batch]
    frame = to_frame(batch)
    vector = frame.with_columns(compile_polars(tree).alias("v")).get_column("v").to_list()
    row_fn = compile_row(tree)
    for row, expected in zip(batch, vector, strict=True):
        got = row_fn(row)
        assert (got is True) == (expected is True), (expression, row, got, expected)
        assert (got is None) == (expected is None), (expression, row, got, expected)


@settings(max_examples=100, deadline=None)
@given(batch=st.lists(rows(), min_size=1, max_size=20))
def test_every_pack_rule_agrees(batch: list[dict[str, Any]]) -> None:
    rules = RuleSet.from_specs(load_pack("security"))
    batch = [_with_scope(r) for r in batch]
    by_batch = rules.evaluate_batch(to_frame(batch))
    for row, hits in zip(batch, by_batch, strict=True):
        one = rules.evaluate_one(row)
        assert [h.rule_id for h in one] == [h.rule_id for h in hits]
        assert [h.evidence for h in one] == [h.evidence for h in hits]


def test_scope_and_validity_window_apply_on_both_paths() -> None:
    rule = compile_rule(
        spec(
            "total_value > 1",
            scope={"declaration_types": ["export"], "offices": ["NLRTM001"]},
            valid_from="2024-02-01",
            valid_to="2024-02-29",
        )
    )
    rules = RuleSet([rule])
    base = {"total_value": 5.0, "office": "NLRTM001", "mode_of_transport": 1}
    cases = [
        ({"declaration_type": "export", "declared_date": "2024-02-10"}, True),
        ({"declaration_type": "import", "declared_date": "2024-02-10"}, False),
        ({"declaration_type": "export", "declared_date": "2024-03-01"}, False),
        ({"declaration_type": "export", "declared_date": "2024-01-31"}, False),
    ]
    for extra, expected in cases:
        row = {**base, **extra}
        assert bool(rules.evaluate_one(row)) is expected
        full = {**dict.fromkeys(to_frame([]).columns), **row}
        assert bool(rules.evaluate_batch(to_frame([full]))[0]) is expected


def test_division_by_zero_is_null_on_both_paths() -> None:
    tree = check("total_value / total_packages > 1 OR total_value / total_packages IS NULL").tree
    row = _with_scope({"total_value": 5.0, "total_packages": 0})
    full = {**dict.fromkeys(to_frame([]).columns), **row}
    assert compile_row(tree)(full) is True
    frame = to_frame([full])
    assert frame.with_columns(compile_polars(tree).alias("v")).get_column("v").item() is True


def test_coalesce_with_a_literal_first_compares_with_a_constant() -> None:
    """Found by the randomised test: Polars failed on ``constant = coalesce(0, column)``."""
    batch = [_with_scope({"party_count": m}) for m in (1, None)]
    frame = to_frame(batch)
    cases = [
        ("abs(round(0, 0)) = coalesce(0, party_count)", [True, True]),
        ("0.5 = coalesce(-1, party_count)", [False, False]),
        ("coalesce(NULL, party_count, 3) = 3", [False, True]),
    ]
    for text, expected in cases:
        tree = check(text).tree
        vector = frame.with_columns(compile_polars(tree).alias("v")).get_column("v").to_list()
        assert vector == [compile_row(tree)(row) for row in batch] == expected, text
