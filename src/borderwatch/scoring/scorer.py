"""The scorer: a trained model plus its live history state, scoring a batch (vectorised
features, a compiled tree walk parallel over rows) or one declaration (incremental history,
lookup tables) through the same point-in-time features and the same trees."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import polars as pl

from borderwatch.model.scores import RiskScore
from borderwatch.scoring.absorb import absorb
from borderwatch.scoring.columnar import check_order, matrix
from borderwatch.scoring.explain import reasons, reasons_batch
from borderwatch.scoring.features import declaration_features, unseen_codes
from borderwatch.scoring.table import SCHEMA, FlatRow
from borderwatch.scoring.train import Trained
from borderwatch.scoring.trees import Forest


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-x)))


class Scorer:
    """Scores declarations in lodging order; scored rows join the history when asked to
    (their labels only through :meth:`learn`, as inspection results arrive)."""

    def __init__(self, trained: Trained, version: str) -> None:
        self.trained = trained
        self.version = version
        both = [trained.booster] + ([] if trained.revenue is None else [trained.revenue])
        self.forest = Forest(*both)

    def matrix(self, table: pl.DataFrame, keep: bool = True) -> np.ndarray:
        """Point-in-time features of a flat table; with ``keep`` its rows join the history."""
        t = self.trained
        return matrix(table, t.history, t.vocab, learn=False, keep=keep)

    def calibrate(self, raw: np.ndarray) -> np.ndarray:
        """Calibrated probabilities of the booster's raw log-odds."""
        slope, intercept = self.trained.calibration
        return _sigmoid(slope * raw + intercept)

    def predict(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Calibrated probability and expected revenue for feature rows ``x``."""
        probability = self.calibrate(self.forest.raw_batch(x))
        if self.trained.revenue is None:
            return probability, np.zeros_like(probability)
        log_rev = self.forest.raw_batch(x, 1)
        return probability, probability * np.expm1(log_rev)

    def scores(
        self, table: pl.DataFrame, keep: bool = False, by: str = "probability"
    ) -> np.ndarray:
        """Calibrated probabilities (or, with ``by="expected-revenue"``, probability times
        predicted revenue) of a flat table, no reasons: the fast batch path."""
        x = self.matrix(table, keep)
        if by == "expected-revenue":
            return self.predict(x)[1]
        return self.calibrate(self.forest.raw_batch(x))

    def score_rows(self, flat: Sequence[FlatRow], top: int = 3) -> list[RiskScore]:
        """Scores with reasons for ``flat`` in lodging order (the batch path); the rows join
        the history."""
        x = self.matrix(pl.DataFrame(list(flat), schema=SCHEMA, orient="row"))
        probability, revenue = self.predict(x)
        contributions = self.forest.contributions_batch(x)
        why = reasons_batch(flat, x, contributions, top)
        p, r, vocab = probability.tolist(), revenue.tolist(), self.trained.vocab
        return [
            RiskScore(row.declaration_id, self.version, p[i], r[i], why[i],
                      unseen_codes(row, vocab))
            for i, row in enumerate(flat)
        ]  # fmt: skip

    def score_row(self, row: FlatRow, top: int = 3) -> RiskScore:
        """One declaration: features from the live history, compiled trees, reasons."""
        t = self.trained
        x = np.array(t.history.step(row, False) + declaration_features(row, t.vocab))
        raws, contributions = self.forest.explain(x)
        probability = float(self.calibrate(np.array([raws[0]]))[0])
        revenue = probability * float(np.expm1(raws[1])) if len(raws) > 1 else 0.0
        return RiskScore(
            row.declaration_id,
            self.version,
            probability,
            revenue,
            reasons(row, x, contributions, top),
            unseen_codes(row, t.vocab),
        )

    def record(self, flat: Sequence[FlatRow]) -> None:
        """Join ``flat`` (lodging order) to the history without scoring it, as scoring with
        the rows kept would (what another process scored)."""
        if flat:
            table = pl.DataFrame(list(flat), schema=SCHEMA, orient="row")
            check_order(table)
            absorb(table, self.trained.history)

    def learn(self, row: FlatRow) -> None:
        """Record the outcome of a row scored earlier (used after the label delay)."""
        self.trained.history.learn(row)
