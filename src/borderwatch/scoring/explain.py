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
    """:func:`reasons` of every row (matrices of one row per declaration), sorted at once and
    the candidates' values gathered at once."""
    raising = np.argsort(-contributions, axis=1, kind="stable")[:, :top]
    lowering = np.argsort(contributions, axis=1, kind="stable")[:, :top]
    columns = [
        a.tolist()
        for order in (raising, lowering)
        for a in (order, np.take_along_axis(contributions, order, 1),
                  np.take_along_axis(values, order, 1))
    ]  # fmt: skip
    return [_chosen(row, top, *(column[i] for column in columns)) for i, row in enumerate(rows)]


def _chosen(
    row: FlatRow,
    top: int,
    up: list[int],
    up_c: list[float],
    up_v: list[float],
    down: list[int],
    down_c: list[float],
    down_v: list[float],
) -> tuple[Reason, ...]:
    """The reasons of :func:`_reasons` from the row's top raising and lowering features, their
    contributions and values."""
    chosen = [(f, c, v) for f, c, v in zip(up, up_c, up_v, strict=True) if c > 0]
    if len(chosen) < top:
        n = top - len(chosen)
        chosen += [(f, c, v) for f, c, v in zip(down[:n], down_c[:n], down_v[:n], strict=True)
                   if c <= 0]  # fmt: skip
    return tuple(Reason(FEATURES[f].name, c, FEATURES[f].sentence(v, row)) for f, c, v in chosen)


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
