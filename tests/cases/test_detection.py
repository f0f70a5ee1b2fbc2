"""The detection method: validation, score bands, and conversion of a selectivity decision."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from borderwatch.model.cases import DetectionMethod, score_band
from borderwatch.model.decisions import Basis, Decision, DecisionReason, Lane, ReasonKind, Versions


@pytest.mark.parametrize(
    ("score", "band"), [(0.0, "0.0-0.2"), (0.2, "0.2-0.4"), (0.79, "0.6-0.8"), (1.0, "0.8-1.0")]
)
def test_score_bands(score: float, band: str) -> None:
    assert score_band(score) == band


def test_a_detection_method_needs_something() -> None:
    with pytest.raises(ValidationError, match="needs rules"):
        DetectionMethod()


def test_a_selectivity_decision_becomes_a_detection_method() -> None:
    reasons = (
        DecisionReason(ReasonKind.RULE, "R-COCA", "3", "cocaine route"),
        DecisionReason(ReasonKind.SCREENING, "un:QDi.001", "2024-05", "party hit"),
        DecisionReason(ReasonKind.MODEL, "value_per_kg", "m1", "low value"),
    )
    decision = Decision(
        "D-1", "NLRTM001", "import", dt.datetime(2024, 3, 1, tzinfo=dt.UTC), Lane.RED, Lane.RED,
        Basis.RISK, 0.93, 1200.0, False, False, False, reasons, Versions("p1", "r1", "m1"),
    )  # fmt: skip
    method = DetectionMethod.from_decision(decision)
    assert [(r.rule_id, r.version) for r in method.rules] == [("R-COCA", 3)]
    assert method.screening_hits == ["un:QDi.001"]
    assert (method.score, method.score_band, method.random) == (0.93, "0.8-1.0", False)
    assert method.other == "selectivity risk, lane red"
