"""What led to a case: the detection method, as data that crosses from selectivity to cases.

The selectivity engine (or an officer) opens a case with a :class:`DetectionMethod` naming
the rule versions that fired, the screening hits, the risk score and its band, or the random
selection. It is stored with the case and later tells the hit statistics which rule, band or
sample a finding belongs to.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from borderwatch.model.decisions import Decision, ReasonKind

Name = Annotated[str, Field(min_length=1, max_length=64)]

#: Upper bounds of the default score bands; a score falls into the first band it is below.
SCORE_BANDS: tuple[float, ...] = (0.2, 0.4, 0.6, 0.8, 1.0000001)


def score_band(score: float) -> str:
    """The default band of a probability score, such as ``0.4-0.6``."""
    lower = 0.0
    for upper in SCORE_BANDS:
        if score < upper:
            return f"{lower:.1f}-{min(upper, 1.0):.1f}"
        lower = upper
    return f"{lower:.1f}-1.0"


class RuleRef(BaseModel):
    """One rule version that fired on the declaration."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rule_id: Annotated[str, Field(min_length=1, max_length=48)]
    version: Annotated[int, Field(ge=1)]


class DetectionMethod(BaseModel):
    """Why the declaration was selected. At least one element must be given.

    ``rules``: rule versions that fired; ``screening_hits``: ids of screening hits (list entry
    ids); ``score`` and ``score_band``: the model's probability and its band (derived from
    :data:`SCORE_BANDS` when not given); ``random``: selected by the random control sample;
    ``other``: intelligence or officer initiative, described in words.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    rules: list[RuleRef] = Field(default_factory=list)
    screening_hits: list[Name] = Field(default_factory=list)
    score: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)] | None = None
    score_band: Annotated[str, Field(min_length=1, max_length=32)] | None = None
    random: bool = False
    other: Annotated[str, Field(min_length=1, max_length=512)] | None = None

    @model_validator(mode="after")
    def _something_detected(self) -> DetectionMethod:
        found = self.rules or self.screening_hits or self.score is not None
        if not (found or self.random or self.other):
            raise ValueError(
                "a detection method needs rules, screening hits, a score, random or other"
            )
        if self.score is not None and self.score_band is None:
            object.__setattr__(self, "score_band", score_band(self.score))
        return self

    @classmethod
    def from_decision(cls, decision: Decision) -> DetectionMethod:
        """The detection method of a selectivity decision: its rule reasons (with their
        versions), screening and goods reasons, score (when a probability) and random draw."""
        rules, hits = [], []
        for r in decision.reasons:
            if r.kind is ReasonKind.RULE and r.version.isdigit() and int(r.version) > 0:
                rules.append(RuleRef(rule_id=r.code, version=int(r.version)))
            elif r.kind in (ReasonKind.SCREENING, ReasonKind.GOODS):
                hits.append(r.code[:64])
        score = decision.score if 0.0 <= decision.score <= 1.0 else None
        other = f"selectivity {decision.basis.value}, lane {decision.lane.value}"
        return cls(rules=rules, screening_hits=hits, score=score, random=decision.random,
                   other=other)  # fmt: skip

    def summary(self) -> str:
        """One line for reports: what led to the selection."""
        parts = [f"rule {r.rule_id} v{r.version}" for r in self.rules]
        parts += [f"screening hit {h}" for h in self.screening_hits]
        if self.score is not None:
            parts.append(f"score {self.score:.3f} (band {self.score_band})")
        if self.random:
            parts.append("random selection")
        if self.other:
            parts.append(self.other)
        return "; ".join(parts)
