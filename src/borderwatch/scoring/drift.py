"""Drift monitoring: the population stability index (PSI) of the score and of every
feature between the training reference, stored with the model, and new declarations.

The reference is binned at training time into up to ten quantile bins plus one bin for
missing values; a profile is the bin edges and the reference share of each bin.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

WATCH, ACT = 0.1, 0.25
"""Usual PSI thresholds: above 0.1 watch the input, above 0.25 act (retrain or investigate)."""


@dataclass(frozen=True)
class Profile:
    """Quantile bin edges of a reference sample and its share per bin (last: missing)."""

    edges: list[float]
    shares: list[float]

    def to_dict(self) -> dict[str, list[float]]:
        """JSON-ready form."""
        return {"edges": self.edges, "shares": self.shares}


def _shares(edges: np.ndarray, values: np.ndarray) -> np.ndarray:
    present = values[~np.isnan(values)]
    counts = np.bincount(np.searchsorted(edges, present, "right"), minlength=edges.size + 1)
    return np.append(counts / values.size, np.isnan(values).mean())


def profile(reference: np.ndarray, bins: int = 10) -> Profile:
    """The reference's quantile bins (NaNs are one bin of their own)."""
    present = reference[~np.isnan(reference)]
    cuts = np.quantile(present, np.linspace(0, 1, bins + 1))[1:-1] if present.size else []
    edges = np.unique(np.asarray(cuts, dtype=np.float64))
    shares = _shares(edges, reference) if reference.size else np.zeros(edges.size + 2)
    return Profile([float(e) for e in edges], [float(s) for s in shares])


def psi_against(reference: Profile, current: np.ndarray) -> float:
    """PSI of ``current`` against a stored reference profile (0 for an empty sample)."""
    if current.size == 0 or not any(reference.shares):
        return 0.0
    ref = np.clip(np.asarray(reference.shares), 1e-6, None)
    cur = np.clip(_shares(np.asarray(reference.edges), current), 1e-6, None)
    return float(np.sum((cur - ref) * np.log(cur / ref)))


def psi(reference: np.ndarray, current: np.ndarray, bins: int = 10) -> float:
    """PSI over the reference's quantile bins (0.1: watch, 0.25: act). NaNs are one bin."""
    return psi_against(profile(reference, bins), current)
