"""Ranking metrics at an inspection rate: precision, recall and revenue captured among the
top n% by score, and the AUC."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import roc_auc_score

RATES = (0.01, 0.02, 0.05, 0.10)


def top(score: np.ndarray, rate: float) -> np.ndarray:
    """Indices of the top ``rate`` share by score (ties broken by input order)."""
    k = max(1, round(len(score) * rate))
    return np.argsort(-score, kind="stable")[:k]


def at_rate(
    label: np.ndarray, revenue: np.ndarray, score: np.ndarray, rate: float
) -> dict[str, float]:
    """Precision, recall and revenue share among the top ``rate`` by score."""
    chosen = top(score, rate)
    found = float(label[chosen].sum())
    total_rev = float(revenue.sum())
    return {
        "precision": found / len(chosen),
        "recall": found / max(float(label.sum()), 1.0),
        "revenue": float(revenue[chosen].sum()) / total_rev if total_rev > 0 else 0.0,
    }


def evaluate(label: np.ndarray, revenue: np.ndarray, score: np.ndarray) -> dict[str, float]:
    """Every metric: ``precision@5%``, ``recall@5%``, ``revenue@5%`` ... and ``auc``."""
    out: dict[str, float] = {}
    for rate in RATES:
        for name, value in at_rate(label, revenue, score, rate).items():
            out[f"{name}@{rate:.0%}"] = value
    both = 0 < label.sum() < len(label)
    out["auc"] = float(roc_auc_score(label, score)) if both else float("nan")
    return out
