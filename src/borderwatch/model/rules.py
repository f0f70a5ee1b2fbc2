"""Result and definition types of the rule engine that cross engine boundaries.

:class:`RuleHit` is what the assessment pipeline, selectivity and cases see of a rule that
fired; it is a light ``__slots__`` object because batches produce them in the millions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class RuleEffect(StrEnum):
    """What a hit does: ``score`` adds the rule's weight to the risk score; ``min_lane``
    forces at least the rule's lane, whatever the score."""

    SCORE = "score"
    MIN_LANE = "min_lane"


class MinLane(StrEnum):
    """The least control a ``min_lane`` rule imposes: ``yellow`` (documentary check) or
    ``red`` (physical inspection)."""

    YELLOW = "yellow"
    RED = "red"


class Severity(StrEnum):
    """How serious the risk a rule describes is, for analysts and reporting."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class RuleState(StrEnum):
    """Lifecycle of a rule version: ``draft`` (being written), ``approved`` (checked by a
    second user), ``active`` (evaluated on live traffic), ``retired`` (no longer evaluated)."""

    DRAFT = "draft"
    APPROVED = "approved"
    ACTIVE = "active"
    RETIRED = "retired"


@dataclass(frozen=True, slots=True)
class RuleHit:
    """One rule that fired on one declaration, with the evidence that made it true.

    ``shadow`` hits are reported but must not influence selection. ``evidence`` holds the
    values of the feature-view columns the rule's expression reads.
    """

    rule_id: str
    version: int
    title: str
    effect: RuleEffect
    weight: float
    min_lane: MinLane | None
    severity: Severity
    shadow: bool
    expression: str
    evidence: dict[str, Any] = field(default_factory=dict)

    @property
    def explanation(self) -> str:
        """One line: which rule, which version, and the feature values that made it true."""
        values = ", ".join(f"{k}={v!r}" for k, v in self.evidence.items())
        mode = " [shadow]" if self.shadow else ""
        return f"{self.rule_id} v{self.version} {self.title!r}{mode}: {self.expression} ({values})"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form for persistence and APIs."""
        return {
            "rule_id": self.rule_id,
            "version": self.version,
            "title": self.title,
            "effect": self.effect.value,
            "weight": self.weight,
            "min_lane": self.min_lane.value if self.min_lane else None,
            "severity": self.severity.value,
            "shadow": self.shadow,
            "expression": self.expression,
            "evidence": self.evidence,
            "explanation": self.explanation,
        }
