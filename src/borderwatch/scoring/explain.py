"""Reason codes: the largest per-feature contributions of a score (path-based Saabas
contributions from :mod:`borderwatch.scoring.trees`), turned into the features' readable
sentences."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from borderwatch.model.scores import Reason
from borderwatch.scoring.features import FEATURES
from borderwatch.scoring.table import FlatRow


def reasons(
    row: FlatRow, values: np.ndarray, contributions: np.ndarray, top: int = 3
) -> tuple[Reason, ...]:
    """The ``top`` strongest risk-raising contributions (or, when fewer raise it, the
    strongest lowering ones), strongest first. ``contributions`` excludes the bias term."""
    raising = np.argsort(-contributions, kind="stable")[:top]
    lowering = np.argsort(contributions, kind="stable")[:top]
    return _reasons(row, values, contributions, raising, lowering, top)


def reasons_batch(
    rows: Sequence[FlatRow], values: np.ndarray, contributions: np.ndarray, top: int = 3
) -> list[tuple[Reason, ...]]:
    """:func:`reasons` of every row (matrices of one row per declaration), sorted at once."""
    raising = np.argsort(-contributions, axis=1, kind="stable")[:, :top]
    lowering = np.argsort(contributions, axis=1, kind="stable")[:, :top]
    return [
        _reasons(row, values[i], contributions[i], raising[i], lowering[i], top)
        for i, row in enumerate(rows)
    ]


def _reasons(
    row: FlatRow,
    values: np.ndarray,
    contributions: np.ndarray,
    raising: np.ndarray,
    lowering: np.ndarray,
    top: int,
) -> tuple[Reason, ...]:
    c = contributions
    chosen = [i for i in raising.tolist() if c[i] > 0]
    if len(chosen) < top:
        chosen += [i for i in lowering[: top - len(chosen)].tolist() if c[i] <= 0]
    out = []
    for i in chosen:
        feature = FEATURES[i]
        out.append(Reason(feature.name, float(c[i]), feature.sentence(float(values[i]), row)))
    return tuple(out)
