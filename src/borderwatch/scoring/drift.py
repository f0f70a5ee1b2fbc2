"""Drift monitoring: the population stability index of a score or feature between a
reference sample (training) and a current one."""

from __future__ import annotations

import numpy as np


def psi(reference: np.ndarray, current: np.ndarray, bins: int = 10) -> float:
    """PSI over the reference's quantile bins (0.1: watch, 0.25: act). NaNs are one bin."""
    ref, cur = reference[~np.isnan(reference)], current[~np.isnan(current)]
    if reference.size == 0 or current.size == 0:
        return 0.0
    cuts = np.quantile(ref, np.linspace(0, 1, bins + 1))[1:-1] if ref.size else np.empty(0)
    edges = np.unique(cuts)
    ref_share = np.append(
        np.bincount(np.searchsorted(edges, ref, "right"), minlength=edges.size + 1)
        / reference.size,
        np.isnan(reference).mean(),
    )
    cur_share = np.append(
        np.bincount(np.searchsorted(edges, cur, "right"), minlength=edges.size + 1) / current.size,
        np.isnan(current).mean(),
    )
    ref_share, cur_share = np.clip(ref_share, 1e-6, None), np.clip(cur_share, 1e-6, None)
    return float(np.sum((cur_share - ref_share) * np.log(cur_share / ref_share)))
