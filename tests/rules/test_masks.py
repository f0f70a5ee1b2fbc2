"""Conditions evaluated in numpy (:mod:`borderwatch.rules.masks`) agree with the row path,
NULLs and three-valued logic included."""

from __future__ import annotations

from typing import Any

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from borderwatch.rules import RuleSet, compile_rule, to_frame
from borderwatch.rules.masks import Masks
from borderwatch.rules.sparse import SparseBatch, conjuncts
from borderwatch.rules.validate import check
from tests.rules.helpers import spec
from tests.rules.strategies import BOOL_COLS, NUM_COLS, rows
from tests.rules.test_sparse import _expected, _with_scope


def simple_leaves() -> st.SearchStrategy[str]:
    """Leaves the numpy path evaluates: booleans, a number against a literal, and
    conditions on one dictionary-encoded column."""
    cmp = st.sampled_from(["=", "<>", "<", "<=", ">", ">="])
    value = st.one_of(st.integers(0, 60).map(str), st.sampled_from(["0.5", "2.25", "0"]))
    return st.one_of(
        st.sampled_from(BOOL_COLS),
        st.tuples(st.sampled_from(NUM_COLS), cmp, value).map(" ".join),
        st.sampled_from(
            ["office IN ('a', 'IR')", "consignee_aeo IS NULL", "array_contains(hs_chapters, '93')"]
        ),
    )


def simple_exprs() -> st.SearchStrategy[str]:
    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            inner.map(lambda e: f"NOT ({e})"),
            st.tuples(inner, st.sampled_from(["AND", "OR"]), inner).map(
                lambda t: f"({t[0]} {t[1]} {t[2]})"
            ),
        )

    return st.recursive(simple_leaves(), extend, max_leaves=6)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expression=simple_exprs(), batch=st.lists(rows(), min_size=1, max_size=12))
def test_numpy_conditions_agree_with_the_row_path(
    expression: str, batch: list[dict[str, Any]]
) -> None:
    batch = [_with_scope(r) for r in batch]
    frame = to_frame(batch)
    sparse = SparseBatch(frame)
    assert all(sparse.masks.supports(p) for p in conjuncts(check(expression).tree))
    rules = RuleSet([compile_rule(spec(expression, "R-NP"))])
    got = [r.tolist() for r in rules.hit_rows(frame)]
    assert got == _expected(rules, batch), expression


def test_floats_holding_nan_are_left_to_polars() -> None:
    frame = pl.DataFrame({"total_value": [1.0, float("nan")], "has_licence": [True, None]})
    masks = Masks(frame, lambda node, want: None, lambda node: False)
    assert masks.column("total_value") is None
    assert masks.column("has_licence") is not None
    assert not masks.supports(check("total_value > 0").tree)
