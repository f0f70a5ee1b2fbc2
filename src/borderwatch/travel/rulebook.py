"""Traveller rules: rules as data in the rule language of :mod:`borderwatch.rules`, over
the traveller view, compiled once into the rule engine's row closures; every hit carries
the values it read. The built-in pack is ``travel/rules.yaml``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from borderwatch.errors import FieldError, InvalidInput
from borderwatch.model.rules import RuleEffect, RuleHit, Severity
from borderwatch.model.validation import field_errors
from borderwatch.rules.rowcompile import compile_row
from borderwatch.travel.catalogue import check_traveller


class TravellerRule(BaseModel):
    """One traveller risk profile: identity, condition, weight, severity and source."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    id: Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9_-]{2,47}$")]
    title: Annotated[str, Field(min_length=1, max_length=200)]
    description: Annotated[str, Field(min_length=1, max_length=4000)]
    expression: Annotated[str, Field(min_length=1)]
    weight: Annotated[float, Field(ge=0, le=100)] = 10.0
    severity: Severity = Severity.MEDIUM
    reference: str = ""


@dataclass(frozen=True, slots=True)
class _Compiled:
    rule: TravellerRule
    columns: tuple[str, ...]
    fn: Callable[[dict[str, Any]], Any]

    def hit(self, row: dict[str, Any]) -> RuleHit:
        r = self.rule
        evidence = {c: row.get(c) for c in self.columns}
        return RuleHit(
            r.id,
            1,
            r.title,
            RuleEffect.SCORE,
            r.weight,
            None,
            r.severity,
            False,
            r.expression,
            evidence,
        )


def parse_rules(data: Any, where: str = "rules") -> list[TravellerRule]:
    """Valid rules of a ``{rules: [...]}`` document, or :class:`InvalidInput` listing every
    problem of every rule."""
    items = data.get("rules") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise InvalidInput(f"{where} is not a rule file", [FieldError("rules", "a list is needed")])
    rules, errors = [], []
    for i, item in enumerate(items):
        try:
            rules.append(TravellerRule.model_validate(item))
        except ValidationError as exc:
            errors += [FieldError(f"rules[{i}].{e.path}", e.reason) for e in field_errors(exc)]
        expression = item.get("expression") if isinstance(item, dict) else None
        if isinstance(expression, str) and expression.strip():
            try:
                check_traveller(expression, f"rules[{i}].expression")
            except InvalidInput as exc:
                errors += exc.errors
    if errors:
        raise InvalidInput(f"{where} has invalid rules", errors)
    return rules


def builtin_rules() -> list[TravellerRule]:
    """The built-in traveller pack (``travel/rules.yaml``)."""
    text = (resources.files("borderwatch.travel") / "rules.yaml").read_text(encoding="utf-8")
    return parse_rules(yaml.safe_load(text), "travel/rules.yaml")


class TravellerRules:
    """Traveller rules compiled once; :meth:`evaluate` gives the hits on one row."""

    def __init__(self, rules: Iterable[TravellerRule]) -> None:
        self.compiled = []
        for rule in rules:
            checked = check_traveller(rule.expression)
            self.compiled.append(_Compiled(rule, checked.columns, compile_row(checked.tree)))

    def evaluate(self, row: dict[str, Any]) -> list[RuleHit]:
        """Hits of every rule whose condition is true on ``row``."""
        return [c.hit(row) for c in self.compiled if c.fn(row) is True]
