"""Risk scores: the result type of the scoring engine, read by selectivity and the pipeline.

Light ``__slots__`` objects, quick to create in the millions; each score carries the model
version that produced it and its reasons (the largest TreeSHAP contributions as sentences).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


class Reason(NamedTuple):
    """One reason for a score: a stable code (the feature name), the signed contribution in
    log-odds (positive raises the risk) and a readable sentence (an immutable named tuple:
    cheap to make for every row of a batch)."""

    code: str
    contribution: float
    text: str


@dataclass(frozen=True, slots=True)
class RiskScore:
    """The model's view of one declaration.

    ``probability`` is the calibrated probability of a finding; ``expected_revenue`` the
    probability times the predicted revenue if found; ``reasons`` the top contributions,
    strongest first; ``warnings`` what the score could not use as given (a code never seen
    in training, scored as missing).
    """

    declaration_id: str
    model_version: str
    probability: float
    expected_revenue: float
    reasons: tuple[Reason, ...] = field(default_factory=tuple)
    warnings: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dictionary."""
        return {
            "declaration_id": self.declaration_id,
            "model_version": self.model_version,
            "probability": self.probability,
            "expected_revenue": self.expected_revenue,
            "reasons": [
                {"code": r.code, "contribution": r.contribution, "text": r.text}
                for r in self.reasons
            ],
            "warnings": list(self.warnings),
        }
