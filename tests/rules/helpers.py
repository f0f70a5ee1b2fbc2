"""Helpers for rule tests: declarations from the factory, specs from expressions."""

from __future__ import annotations

from typing import Any

from borderwatch.model import Declaration, validate_declaration
from borderwatch.rules import RuleSpec, parse_spec
from tests.factory import decl


def declaration(**overrides: Any) -> Declaration:
    """A validated declaration from ``tests.factory.decl``."""
    return validate_declaration(decl(**overrides))


def spec(expression: str, rule_id: str = "TEST-RULE", **fields: Any) -> RuleSpec:
    """A valid spec around ``expression``."""
    data = {
        "id": rule_id,
        "title": f"test {rule_id}",
        "description": "a test rule",
        "expression": expression,
        "owner": "alice",
        **fields,
    }
    return parse_spec(data)
