"""The sparse batch path (dictionaries, lookup tables, selective conjunct first) agrees with
the compiled one-row path on every rule, NULLs included."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from borderwatch.rules import RuleSet, compile_rule, to_frame
from borderwatch.rules.sparse import Dictionary, conjuncts
from tests.rules.helpers import spec
from tests.rules.strategies import bool_exprs, rows

SCOPE_FREE = {"declaration_type": "import", "office": "X", "mode_of_transport": 1}


def _with_scope(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, **SCOPE_FREE, "declared_date": "2024-01-01"}


def _expected(rules: RuleSet, batch: list[dict[str, Any]]) -> list[list[int]]:
    return [[i for i, row in enumerate(batch) if r.scope_fn(row) and r.row_fn(row) is True]
            for r in rules.rules]  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    expressions=st.lists(bool_exprs(), min_size=1, max_size=3),
    batch=st.lists(rows(), min_size=1, max_size=12),
)
def test_sparse_rows_agree_with_the_row_path(
    expressions: list[str], batch: list[dict[str, Any]]
) -> None:
    conj = " AND ".join(f"({e})" for e in expressions)
    rules = RuleSet([compile_rule(spec(conj, "R-AND")), compile_rule(spec(expressions[0], "R-1"))])
    batch = [_with_scope(r) for r in batch]
    got = [r.tolist() for r in rules.hit_rows(to_frame(batch))]
    assert got == _expected(rules, batch), conj


def test_mostly_distinct_columns_are_not_dictionary_encoded_and_still_agree() -> None:
    batch = [
        _with_scope({"consignee_name": f"name {i}", "total_value": float(i % 7),
                     "hs_chapters": ["93"] if i % 5 == 0 else []})
        for i in range(400)
    ]  # fmt: skip
    frame = to_frame([{**dict.fromkeys(to_frame([]).columns), **r} for r in batch])
    assert Dictionary.encode(frame, "consignee_name") is None
    assert Dictionary.encode(frame, "hs_chapters") is not None
    rules = RuleSet([
        compile_rule(spec("consignee_name LIKE 'name 1%' AND total_value > 3", "R-NAME")),
        compile_rule(spec("array_contains(hs_chapters, '93') AND total_value < 2", "R-HS")),
        compile_rule(spec("total_value = 6 OR consignee_name IS NULL", "R-OR")),
    ])  # fmt: skip
    full = frame.to_dicts()
    assert [r.tolist() for r in rules.hit_rows(frame)] == _expected(rules, full)


def test_scope_applies_on_the_sparse_path() -> None:
    rule = compile_rule(spec("office IN ('A', 'B')", "R-SCOPED",
                             scope={"declaration_types": ["export"]}))  # fmt: skip
    rows_ = [{"office": o, "declaration_type": t} for o in "ABC" for t in ("import", "export")]
    frame = to_frame([{**dict.fromkeys(to_frame([]).columns), **r, "mode_of_transport": 1,
                       "declared_date": "2024-01-01"} for r in rows_])  # fmt: skip
    assert RuleSet([rule]).hit_rows(frame)[0].tolist() == [1, 3]


def test_batch_hits_are_sparse_and_built_on_demand() -> None:
    rules = RuleSet([compile_rule(spec("office = 'A'", "R-A")),
                     compile_rule(spec("total_value > 1", "R-V"))])  # fmt: skip
    data = [{"office": "A", "total_value": 2.0}, {"office": "B", "total_value": 0.0},
            {"office": "A", "total_value": None}]  # fmt: skip
    frame = to_frame([{**dict.fromkeys(to_frame([]).columns), **r} for r in data])
    hits = rules.batch_hits(frame)
    assert hits.count == 3
    row_idx, rule_idx = hits.pairs()
    assert row_idx.tolist() == [0, 0, 2] and rule_idx.tolist() == [0, 1, 0]
    assert [h.rule_id for h in hits.for_row(0)] == ["R-A", "R-V"]
    assert hits.for_row(1) == []
    assert hits.for_row(2)[0].evidence == {"office": "A"}
    assert np.array_equal(hits.rows_of("R-V@1"), [0])
    assert [[h.rule_id for h in hs] for hs in hits.per_row()] == [["R-A", "R-V"], [], ["R-A"]]


def test_conjuncts_split_top_level_and_through_parentheses() -> None:
    from borderwatch.rules import check

    expression = "(has_licence AND (any_party_aeo OR net_exceeds_gross)) AND NOT vague_description"
    tree = check(expression).tree
    assert [p.sql() for p in conjuncts(tree)] == [
        "has_licence", "any_party_aeo OR net_exceeds_gross", "NOT vague_description"
    ]  # fmt: skip
