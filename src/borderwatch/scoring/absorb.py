"""Recording a scored batch in the history state, grouped by key rather than row by row.

:func:`absorb` leaves a :class:`~borderwatch.scoring.history.History` exactly as
``history.step(row, learn=False)`` over the rows of the batch would: the same statistics, the
same new keys in the same (first appearance) order, the same labels released. Counts and the
quantised price sums are integers, so summing them per key is exact; the square sums, which
are floats, are added one by one in row order. Tested against the row-by-row path.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from borderwatch.scoring.features import log_unit_price_expr
from borderwatch.scoring.history import ENTITIES, PRICE_SCALE, PRICED, History, Key

_N, _SUM, _SQ, _NP = 0, 5, 6, 7


def log_prices(table: pl.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per row: the log unit price (NaN unpriced), whether it is priced, and the price
    quantised in units of 1 / :data:`PRICE_SCALE` (rounded half to even, as Python's
    ``round`` in :meth:`History.step`; 0 when unpriced)."""
    lup = table.select(log_unit_price_expr()).to_series().to_numpy().astype(np.float64)
    priced = ~np.isnan(lup)
    return lup, priced, np.where(priced, np.rint(np.where(priced, lup, 0.0) * PRICE_SCALE), 0.0)


def _parts(table: pl.DataFrame) -> pl.DataFrame:
    """Per row: its day, whether it is priced, its quantised log unit price and the square of
    its log unit price."""
    lup, priced, q = log_prices(table)
    return table.with_columns(
        _day=pl.col("day").cast(pl.Float64),
        _priced=pl.Series(priced),
        _q=pl.Series(q),
        _sq=pl.Series(lup * lup),
    )


def absorb(table: pl.DataFrame, history: History) -> None:
    """Record every row of ``table`` in ``history``, as scoring does; the rows must be in
    lodging order (the caller has checked it, see :func:`~borderwatch.scoring.columnar.matrix`)."""
    if table.height == 0:
        return
    history.release(float(table["day"][-1]))
    history.revision += table.height
    parts = _parts(table)
    for name, fields in ENTITIES:
        _absorb_entity(parts, fields, history.stats[name], name in PRICED)


def _absorb_entity(
    parts: pl.DataFrame, fields: tuple[str, ...], stats: dict[Key, list[float]], priced: bool
) -> None:
    present = pl.all_horizontal(pl.col(f).is_not_null() & (pl.col(f) != "") for f in fields)
    rows = parts.filter(present)
    if rows.height == 0:
        return
    price = pl.col("_priced")
    groups = rows.group_by(list(fields), maintain_order=True).agg(
        n=pl.len(),
        first=pl.col("_day").first(),
        q=pl.col("_q").filter(price).sum(),
        np=price.sum(),
        sq=pl.col("_sq").filter(price),
    )
    pair = len(fields) == 2
    for g in groups.iter_rows(named=True):
        key = (g[fields[0]], g[fields[1]]) if pair else g[fields[0]]
        s = stats.get(key)
        if s is None:
            s = stats[key] = [0.0, g["first"], 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
        s[_N] += g["n"]
        if priced and g["np"]:
            s[_SUM] += g["q"]
            for v in g["sq"]:
                s[_SQ] += v
            s[_NP] += g["np"]
