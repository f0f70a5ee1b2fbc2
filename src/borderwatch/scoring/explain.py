"""Reason codes: the largest per-feature contributions of a score (path-based Saabas
contributions from :mod:`borderwatch.scoring.trees`), turned into the features' readable
sentences."""

from __future__ import annotations

import numpy as np

from borderwatch.model.scores import Reason
from borderwatch.scoring.features import FEATURES
from borderwatch.scoring.table import FlatRow


def reasons(
    row: FlatRow, values: np.ndarray, contributions: np.ndarray, top: int = 3
) -> tuple[Reason, ...]:
    """The ``top`` strongest risk-raising contributions (or, when fewer raise it, the
    strongest lowering ones), strongest first. ``contributions`` excludes the bias term."""
    order = np.argsort(-contributions, kind="stable")
    chosen = [int(i) for i in order[:top] if contributions[i] > 0]
    if len(chosen) < top:
        lowering = np.argsort(contributions, kind="stable")
        chosen += [int(i) for i in lowering[: top - len(chosen)] if contributions[i] <= 0]
    out = []
    for i in chosen:
        feature = FEATURES[i]
        out.append(
            Reason(feature.name, float(contributions[i]), feature.sentence(float(values[i]), row))
        )
    return tuple(out)
