"""Training: point-in-time features over a labelled flat table, a LightGBM classifier with
Platt calibration fitted out of time, and a revenue regressor where revenue labels exist."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any

import lightgbm as lgb
import numpy as np
import polars as pl
from sklearn.linear_model import LogisticRegression

from borderwatch.errors import FieldError, InvalidInput
from borderwatch.scoring.columnar import matrix
from borderwatch.scoring.drift import Profile, profile
from borderwatch.scoring.features import (
    FEATURES,
    NAMES,
    Vocabulary,
    build_vocabulary,
    declaration_features,
)
from borderwatch.scoring.history import History
from borderwatch.scoring.table import FlatRow, rows


@dataclass(frozen=True)
class TrainConfig:
    """Choices made on a validation split carved out of 2020 (see docs/scoring.md)."""

    smoothing: float = 20.0
    label_delay_days: float = 30.0
    rounds: int = 400
    calibration_fraction: float = 0.15
    seed: int = 7
    params: dict[str, Any] = field(
        default_factory=lambda: {
            "learning_rate": 0.05,
            "num_leaves": 31,
            "min_data_in_leaf": 20,
            "feature_fraction": 0.8,
            "bagging_fraction": 0.8,
            "bagging_freq": 1,
            "cat_smooth": 10,
        }
    )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready parameters, as stored in the model manifest."""
        return asdict(self)


@dataclass
class Trained:
    """What training produces: boosters, calibration, vocabulary and the history state."""

    booster: lgb.Booster
    revenue: lgb.Booster | None
    calibration: tuple[float, float]
    vocab: Vocabulary
    history: History
    config: TrainConfig
    reference: dict[str, Profile] = field(default_factory=dict)
    """Drift reference: profiles of every feature and of ``score`` on the calibration
    window (the latest training rows, scored out of sample by the early model)."""


def feature_matrix(
    flat: list[FlatRow],
    history: History,
    vocab: Vocabulary,
    learn: bool,
) -> np.ndarray:
    """Features of ``flat`` in order, each from earlier rows only, row by row through
    :meth:`History.step` (the reference the vectorised batch path is tested against)."""
    out = np.empty((len(flat), len(NAMES)), dtype=np.float64)
    for i, row in enumerate(flat):
        out[i] = history.step(row, learn) + declaration_features(row, vocab)
    return out


def _labels(flat: list[FlatRow]) -> np.ndarray:
    missing = [i for i, r in enumerate(flat) if r.label is None]
    if missing:
        errors = [FieldError(f"row {i + 1}:label", "is missing") for i in missing[:20]]
        raise InvalidInput(f"{len(missing)} training row(s) have no label", errors)
    y = np.array([r.label for r in flat], dtype=np.float64)
    if y.min() == y.max():
        raise InvalidInput("training needs both outcomes", [FieldError("label", "is constant")])
    return y


def _booster(x: np.ndarray, y: np.ndarray, config: TrainConfig, objective: str) -> lgb.Booster:
    categorical = [f.name for f in FEATURES if f.categorical]
    data = lgb.Dataset(x, y, feature_name=NAMES, categorical_feature=categorical)
    params = {"objective": objective, "verbose": -1, "num_threads": 1, "seed": config.seed}
    return lgb.train({**params, **config.params}, data, config.rounds)


def _platt(raw: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Slope and intercept mapping the booster's log-odds to calibrated log-odds."""
    fit = LogisticRegression(C=1e6).fit(raw.reshape(-1, 1), y)
    return float(fit.coef_[0][0]), float(fit.intercept_[0])


def train(table: pl.DataFrame, config: TrainConfig | None = None) -> Trained:
    """Fit a model on a labelled flat table (rows in lodging order)."""
    config = config or TrainConfig()
    flat = rows(table)
    y = _labels(flat)
    history = History(float(y.mean()), config.smoothing, config.label_delay_days)
    vocab = build_vocabulary(flat)
    x = matrix(table, history, vocab, learn=True, keep=True)
    history.flush()
    cut = int(len(flat) * (1 - config.calibration_fraction))
    if y[cut:].min() == y[cut:].max():
        window = f"label (the latest {len(flat) - cut} rows, kept for calibration)"
        raise InvalidInput(
            "calibration needs both outcomes: add history or raise calibration_fraction",
            [FieldError(window, "is constant")],
        )
    early = _booster(x[:cut], y[:cut], config, "binary")
    raw = np.asarray(early.predict(x[cut:], raw_score=True))
    calibration = _platt(raw, y[cut:])
    booster = _booster(x, y, config, "binary")
    revenue = _revenue(flat, x, config)
    trained = Trained(booster, revenue, calibration, vocab, history, config)
    score = 1.0 / (1.0 + np.exp(-(calibration[0] * raw + calibration[1])))
    trained.reference = {n: profile(x[cut:, i]) for i, n in enumerate(NAMES)}
    trained.reference["score"] = profile(score)
    return trained


def _revenue(flat: list[FlatRow], x: np.ndarray, config: TrainConfig) -> lgb.Booster | None:
    """log1p(revenue) of rows with a finding, where revenue labels exist."""
    idx = [i for i, r in enumerate(flat) if r.label == 1 and r.revenue is not None]
    if len(idx) < 50:
        return None
    target = np.array([math.log1p(max(flat[i].revenue or 0.0, 0.0)) for i in idx])
    small = TrainConfig(**{**config.to_dict(), "rounds": min(config.rounds, 200)})
    return _booster(x[idx], target, small, "regression")
