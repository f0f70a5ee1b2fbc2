"""The expression validator: good expressions pass, every kind of bad input is refused with
its position and reason, and arbitrary text never crashes it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from borderwatch.errors import InvalidInput
from borderwatch.rules import check, parse_spec
from tests.rules.strategies import bool_exprs


def _reason(expression: str) -> str:
    with pytest.raises(InvalidInput) as info:
        check(expression)
    assert info.value.errors[0].path == "expression"
    return info.value.errors[0].reason


@pytest.mark.parametrize(
    ("expression", "columns"),
    [
        ("precursor_items > 0 AND consignee_days_since_first_seen < 90",
         ("precursor_items", "consignee_days_since_first_seen")),
        ("arrays_overlap(route_countries, ARRAY('IR', 'KP'))", ("route_countries",)),
        ("regexp_like(descriptions, 'rifle|pistol') AND NOT has_licence",
         ("descriptions", "has_licence")),
        ("office IN ('NLRTM001', 'DEHAM001') OR total_value BETWEEN 1 AND 10",
         ("office", "total_value")),
        ("lower(consignee_name) LIKE '%acme%' AND consignee_aeo IS NULL",
         ("consignee_name", "consignee_aeo")),
    ],
)  # fmt: skip
def test_valid_expressions_report_their_columns(expression: str, columns: tuple[str, ...]) -> None:
    assert check(expression).columns == columns


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("total_value > > 1", "line 1, col"),
        ("total_value >", "syntax error"),
        ("consigne_name = 'x'", "unknown column 'consigne_name'; did you mean 'consignee_name'?"),
        ("office = 1", "type mismatch: cannot compare str with int"),
        ("total_value + office > 1", "type mismatch"),
        ("total_value / 0 > 1", "division by zero"),
        ("regexp_like(descriptions, '(')", "invalid regular expression"),
        ("regexp_like(descriptions, '(?=a)b')", "invalid regular expression"),
        ("1=1; DROP TABLE rule_versions", "one expression only"),
        ("office IN (SELECT office FROM declarations)", "subqueries are not allowed"),
        ("EXISTS (SELECT 1)", "not allowed"),
        ("sleep(5) > 0", "function 'sleep' is not allowed"),
        ("pg_read_file('/etc/passwd') = ''", "is not allowed"),
        ("d.office = 'x'", "qualified column"),
        ("total_value", "must be a boolean condition"),
        ("x" * 5000, "at most 4000"),
        ("(" * 200 + "TRUE" + ")" * 200, "nested deeper"),
        (" OR ".join(["total_value > 1"] * 150), "nodes; at most"),
        ("", "empty"),
    ],
)
def test_bad_expressions_are_refused_with_a_clear_reason(expression: str, expected: str) -> None:
    assert expected in _reason(expression)


def test_unknown_column_names_its_position() -> None:
    assert _reason("total_value > 1 AND ofice = 'x'").startswith("line 1, col 25:")


def test_spec_collects_every_problem_at_once() -> None:
    with pytest.raises(InvalidInput) as info:
        parse_spec({"id": "bad id", "title": "", "expression": "nope > 1", "owner": "a"})
    paths = {e.path for e in info.value.errors}
    assert {"rule.id", "rule.title", "rule.description", "rule.expression"} <= paths


def test_min_lane_effect_needs_a_lane() -> None:
    data = {"id": "R-LANE", "title": "t", "description": "d", "expression": "has_licence",
            "owner": "a", "effect": "min_lane"}  # fmt: skip
    with pytest.raises(InvalidInput, match="min_lane"):
        parse_spec(data)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=80))
def test_arbitrary_text_is_accepted_or_refused_never_crashes(text: str) -> None:
    try:
        check(text)
    except InvalidInput as exc:
        assert exc.errors and exc.errors[0].reason


@settings(max_examples=200, deadline=None)
@given(expression=bool_exprs())
def test_generated_well_typed_expressions_are_valid(expression: str) -> None:
    assert check(expression).text == expression
