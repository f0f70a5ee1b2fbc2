"""The scorer: a trained model plus its live history state, scoring a batch or one
declaration through the same point-in-time features."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import polars as pl

from borderwatch.model.scores import RiskScore
from borderwatch.scoring.explain import reasons
from borderwatch.scoring.features import declaration_features
from borderwatch.scoring.table import FlatRow, rows
from borderwatch.scoring.train import Progress, Trained, feature_matrix


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-x)))


class Scorer:
    """Scores declarations in lodging order; each scored row joins the history (its label
    only when :meth:`learn` is called, as inspection results arrive)."""

    def __init__(self, trained: Trained, version: str) -> None:
        self.trained = trained
        self.version = version

    def matrix(self, flat: Sequence[FlatRow], progress: Progress | None = None) -> np.ndarray:
        """Point-in-time features of ``flat``, recording each row in the history."""
        t = self.trained
        return feature_matrix(list(flat), t.history, t.vocab, learn=False, progress=progress)

    def predict(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Calibrated probability and expected revenue for feature rows ``x``."""
        t = self.trained
        slope, intercept = t.calibration
        probability = _sigmoid(slope * np.asarray(t.booster.predict(x, raw_score=True)) + intercept)
        if t.revenue is None:
            return probability, np.zeros_like(probability)
        return probability, probability * np.expm1(np.asarray(t.revenue.predict(x)))

    def scores(self, table: pl.DataFrame, progress: Progress | None = None) -> np.ndarray:
        """The calibrated probabilities of a flat table, without reasons (the fast path)."""
        return self.predict(self.matrix(rows(table), progress))[0]

    def score_rows(self, flat: Sequence[FlatRow], top: int = 3) -> list[RiskScore]:
        """Scores with reasons for ``flat`` in order (the batch path)."""
        x = self.matrix(flat)
        probability, revenue = self.predict(x)
        contrib = np.asarray(self.trained.booster.predict(x, pred_contrib=True))[:, :-1]
        return [
            RiskScore(
                row.declaration_id,
                self.version,
                float(probability[i]),
                float(revenue[i]),
                reasons(row, x[i], contrib[i], top),
            )
            for i, row in enumerate(flat)
        ]

    def score_row(self, row: FlatRow, top: int = 3) -> RiskScore:
        """One declaration: features from the live history, score and reasons."""
        t = self.trained
        x = np.array([t.history.step(row, False) + declaration_features(row, t.vocab)])
        probability, revenue = self.predict(x)
        contrib = np.asarray(t.booster.predict(x, pred_contrib=True))[0, :-1]
        return RiskScore(
            row.declaration_id,
            self.version,
            float(probability[0]),
            float(revenue[0]),
            reasons(row, x[0], contrib, top),
        )

    def learn(self, row: FlatRow) -> None:
        """Record the outcome of a row scored earlier (used after the label delay)."""
        self.trained.history.learn(row)
