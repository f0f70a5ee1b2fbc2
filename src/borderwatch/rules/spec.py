"""A rule as data: :class:`RuleSpec`, what an analyst writes (in YAML or through the CLI).

Validation collects every field problem at once, the expression's included, before anything
is stored or activated.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from borderwatch.errors import FieldError, InvalidInput
from borderwatch.model import DeclarationType, TransportMode
from borderwatch.model.rules import MinLane, RuleEffect, Severity
from borderwatch.model.validation import field_errors
from borderwatch.rules.validate import Checked, check

RuleId = Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9_-]{2,47}$")]
Line = Annotated[str, Field(min_length=1, max_length=200)]


class RuleScope(BaseModel):
    """Where a rule applies; an empty list means no restriction."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    declaration_types: list[DeclarationType] = Field(default_factory=list)
    offices: list[Annotated[str, Field(min_length=1, max_length=17)]] = Field(default_factory=list)
    modes_of_transport: list[TransportMode] = Field(default_factory=list)


class RuleSpec(BaseModel):
    """One risk profile: identity, condition, effect, scope, validity and provenance."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    id: RuleId
    title: Line
    description: Annotated[str, Field(min_length=1, max_length=4000)]
    expression: Annotated[str, Field(min_length=1)]
    effect: RuleEffect = RuleEffect.SCORE
    weight: Annotated[float, Field(ge=0, le=100)] = 10.0
    min_lane: MinLane | None = None
    severity: Severity = Severity.MEDIUM
    scope: RuleScope = Field(default_factory=RuleScope)
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    reference: Annotated[str, Field(max_length=500)] = ""
    source: Annotated[str, Field(max_length=1000)] = ""
    owner: Annotated[str, Field(min_length=1, max_length=64)]

    @model_validator(mode="after")
    def _consistent(self) -> RuleSpec:
        if self.effect is RuleEffect.MIN_LANE and self.min_lane is None:
            raise ValueError("effect min_lane needs min_lane (yellow or red)")
        if self.effect is RuleEffect.SCORE and self.min_lane is not None:
            raise ValueError("min_lane is only for effect min_lane")
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValueError("valid_to is before valid_from")
        return self

    def checked(self) -> Checked:
        """The validated expression (raises :class:`InvalidInput` if it is not valid)."""
        return check(self.expression)

    def to_data(self) -> dict[str, Any]:
        """JSON-ready form, as stored with each version."""
        return self.model_dump(mode="json")


def parse_spec(data: Any, where: str = "rule") -> RuleSpec:
    """A valid :class:`RuleSpec` with a valid expression, or :class:`InvalidInput` listing
    every problem (paths prefixed with ``where``)."""
    errors: list[FieldError] = []
    spec: RuleSpec | None = None
    try:
        spec = RuleSpec.model_validate(data)
    except ValidationError as exc:
        errors.extend(FieldError(f"{where}.{e.path}", e.reason) for e in field_errors(exc))
    expression = data.get("expression") if isinstance(data, dict) else None
    if isinstance(expression, str) and expression.strip():
        try:
            check(expression)
        except InvalidInput as exc:
            errors.extend(FieldError(f"{where}.{e.path}", e.reason) for e in exc.errors)
    if errors or spec is None:
        ident = data.get("id") if isinstance(data, dict) else None
        raise InvalidInput(f"rule {ident or '(no id)'} is invalid", errors)
    return spec
