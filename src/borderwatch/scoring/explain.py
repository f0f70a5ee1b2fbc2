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
    orders = (raising, lowering)
    return _chosen(
        row, top, *(a.tolist() for o in orders for a in (o, contributions[o], values[o]))
    )


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
    """The ``top`` reasons of one row from its top raising and lowering features (indices,
    contributions, values): the raising ones with a positive contribution, then, when fewer
    raise it, the lowering ones."""
    chosen = [(f, c, v) for f, c, v in zip(up, up_c, up_v, strict=True) if c > 0]
    if len(chosen) < top:
        n = top - len(chosen)
        chosen += [(f, c, v) for f, c, v in zip(down[:n], down_c[:n], down_v[:n], strict=True)
                   if c <= 0]  # fmt: skip
    return tuple(Reason(FEATURES[f].name, c, FEATURES[f].sentence(v, row)) for f, c, v in chosen)
