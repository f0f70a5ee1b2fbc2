"""Vectorised point-in-time history features: the batch path (training and batch scoring).

The same features as :meth:`History.step` applied row by row, computed per key with sorted
numpy arrays: keys are hashed (Polars, 64 bits) and every match is checked against the key
text, so a hash collision is detected and the batch falls back to the incremental path
rather than mixing two keys. Within a batch, a row's key group is found by a stable sort;
its earlier rows by exclusive cumulative sums, which are exact because counts and the
quantised unit-value sums are integers. Labels: a label of day ``d`` counts for a row of
day ``t`` only when ``d < t - label_delay_days`` (a merge of label events and rows sorted
by key, then time, rows first on ties). Tested against the incremental path on random data.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import numpy as np
import polars as pl

from borderwatch.errors import FieldError, InvalidInput
from borderwatch.scoring.absorb import absorb, log_prices
from borderwatch.scoring.features import Vocabulary, declaration_matrix
from borderwatch.scoring.history import (
    AGED,
    ENTITIES,
    PRICE_SCALE,
    PRICED,
    History,
    Key,
)
from borderwatch.scoring.table import rows as rows_of

SEP = "\x1f"
_NAN = float("nan")
_SNAPSHOTS: weakref.WeakKeyDictionary[History, tuple[int, dict[str, _Known] | None]] = (
    weakref.WeakKeyDictionary()
)


class _Collision(Exception):
    """Two different keys share a 64-bit hash: use the incremental path for this batch."""


@dataclass(frozen=True)
class _Known:
    """One entity's history state: sorted key hashes, their keys, and their statistics
    (columns n, first, labelled, findings, price sum, priced count)."""

    hashes: np.ndarray
    keys: pl.Series
    stats: np.ndarray


def key_expr(fields: tuple[str, ...]) -> pl.Expr:
    """The key over ``fields`` (pairs joined by an unprintable separator); null when a part
    is missing or empty, as in :func:`~borderwatch.scoring.history.key_of`."""
    cols = [pl.col(f) for f in fields]
    ok = pl.lit(True)
    for col in cols:
        ok = ok & col.is_not_null() & (col != "")
    joined = cols[0] if len(cols) == 1 else pl.concat_str([cols[0], pl.lit(SEP), cols[1]])
    return pl.when(ok).then(joined).cast(pl.String)


def _key_text(key: Key) -> str:
    return key if isinstance(key, str) else SEP.join(key)


def _hash(keys: pl.Series) -> np.ndarray:
    return np.asarray(keys.hash(seed=17).to_numpy(), dtype=np.uint64)


def _known(table: dict[Key, list[float]]) -> _Known:
    keys = pl.Series([_key_text(k) for k in table], dtype=pl.String)
    hashes = _hash(keys)
    order = np.argsort(hashes, kind="stable")
    hashes = hashes[order]
    if hashes.size > 1 and (hashes[1:] == hashes[:-1]).any():
        raise _Collision
    stats = np.array(list(table.values()), dtype=np.float64).reshape(-1, 8)[:, [0, 1, 2, 3, 5, 7]]
    return _Known(hashes, keys.gather(order), stats[order])


def snapshot(history: History) -> dict[str, _Known] | None:
    """The history state as sorted arrays per entity (None after a hash collision), cached
    until the history changes."""
    cached = _SNAPSHOTS.get(history)
    if cached is not None and cached[0] == history.revision:
        return cached[1]
    try:
        out: dict[str, _Known] | None = {n: _known(history.stats[n]) for n, _ in ENTITIES}
    except _Collision:
        out = None
    _SNAPSHOTS[history] = (history.revision, out)
    return out


@dataclass(frozen=True)
class _Batch:
    """The batch columns every entity needs."""

    day: np.ndarray
    horizon: np.ndarray
    lup: np.ndarray
    qprice: np.ndarray
    priced: np.ndarray
    label: np.ndarray


def _batch(table: pl.DataFrame, delay: float) -> _Batch:
    lup, priced, qprice = log_prices(table)
    day = table["day"].to_numpy().astype(np.float64)
    label = table["label"].cast(pl.Float64).fill_null(_NAN).to_numpy()
    return _Batch(day, day - delay, lup, qprice, priced.astype(np.float64), label)


def _groups(
    hashes: np.ndarray, keys: pl.Series
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Stable order by hash, each sorted row's group start and rank in the group, each
    row's group number and each group's first row (``hashes`` are of the non-null
    ``keys``). As many distinct key texts as hashes, or a collision."""
    order = np.argsort(hashes, kind="stable")
    sh = hashes[order]
    start = np.r_[True, sh[1:] != sh[:-1]] if sh.size else np.zeros(0, bool)
    gid = np.cumsum(start) - 1
    starts = np.flatnonzero(start)
    if keys.n_unique() - (keys.null_count() > 0) != starts.size:
        raise _Collision
    group = np.empty(sh.size, np.int64)
    group[order] = gid
    first = starts[gid]
    return order, first, np.arange(sh.size) - first, group, order[starts]


def _before(values: np.ndarray, first: np.ndarray) -> np.ndarray:
    """Exclusive cumulative sum within groups (values sorted by group; exact for integers)."""
    excl = np.cumsum(values) - values
    return np.asarray(excl - excl[first])


def _labels_before(
    hashes: np.ndarray, horizon: np.ndarray, events: tuple[np.ndarray, np.ndarray, np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """Per row: labelled count and findings among events of its key with day < horizon."""
    ev_h, ev_t, ev_lab = events
    if ev_h.size == 0:
        return np.zeros(hashes.size), np.zeros(hashes.size)
    h = np.concatenate([hashes, ev_h])
    t = np.concatenate([horizon, ev_t])
    kind = np.r_[np.zeros(hashes.size), np.ones(ev_h.size)]
    lab = np.r_[np.zeros(hashes.size), ev_lab]
    order = np.lexsort((kind, t, h))
    sh = h[order]
    start = np.r_[True, sh[1:] != sh[:-1]]
    first = np.flatnonzero(start)[np.cumsum(start) - 1]
    n_before, pos_before = _before(kind[order], first), _before(lab[order], first)
    out_n, out_pos = np.empty(h.size), np.empty(h.size)
    out_n[order], out_pos[order] = n_before, pos_before
    return out_n[: hashes.size], out_pos[: hashes.size]


def _entity(
    keys: pl.Series,
    b: _Batch,
    known: _Known,
    events: tuple[np.ndarray, np.ndarray, np.ndarray],
    h: History,
) -> np.ndarray:
    """count, rate, labelled, age, deviation of every batch row for one entity."""
    n = keys.len()
    out = np.full((n, 5), _NAN)
    out[:, 0], out[:, 1], out[:, 2] = 0.0, h.prior, 0.0
    vi = np.flatnonzero(keys.is_not_null().to_numpy())
    hv = _hash(keys)[vi]
    order, first, rank, group, one = _groups(hv, keys)
    found = np.zeros(vi.size, bool)
    base = np.zeros((vi.size, 6))
    if known.hashes.size:
        # one row per group: all its rows share the key text (checked by _groups)
        pos = np.clip(np.searchsorted(known.hashes, hv[one]), 0, known.hashes.size - 1)
        text = (known.keys.gather(pos) == keys.gather(vi[one])).to_numpy()
        same = (known.hashes[pos] == hv[one]) & text
        found, at_known = same[group], pos[group]
        base[found] = known.stats[at_known[found]]
    sorted_at = np.empty(vi.size, np.int64)
    sorted_at[order] = np.arange(vi.size)
    at = sorted_at
    count = base[:, 0] + rank[at]
    first_day = np.where(found, base[:, 1], b.day[vi][order][first][at])
    psum = base[:, 4] + _before(b.qprice[vi][order], first)[at]
    pnp = base[:, 5] + _before(b.priced[vi][order], first)[at]
    ev_n, ev_pos = _labels_before(hv, b.horizon[vi], events)
    nlab, npos = base[:, 2] + ev_n, base[:, 3] + ev_pos
    seen = count > 0
    rows = vi[seen]
    out[rows, 0] = count[seen]
    out[rows, 1] = ((npos + h.smoothing * h.prior) / (nlab + h.smoothing))[seen]
    out[rows, 2] = nlab[seen]
    out[rows, 3] = (b.day[vi] - first_day)[seen]
    lup = b.lup[vi]
    ok = seen & (pnp >= 2) & ~np.isnan(lup)
    out[vi[ok], 4] = lup[ok] - psum[ok] / (PRICE_SCALE * pnp[ok])
    return out


def _events(
    history: History, name: str, keys: pl.Series, b: _Batch, learn: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Label events (key hash, day, label) of entity ``name``: queued ones and, when
    ``learn``, the batch's own labelled rows."""
    if not learn and not history.pending:
        return np.zeros(0, np.uint64), np.zeros(0), np.zeros(0)
    queued = [
        (_key_text(k), d, float(lab))
        for d, ks, lab, _ in history.pending
        for n, k in ks
        if n == name
    ]
    ev_keys = pl.Series([q[0] for q in queued], dtype=pl.String)
    ev_h, ev_t = _hash(ev_keys), np.array([q[1] for q in queued], dtype=np.float64)
    ev_lab = np.array([q[2] for q in queued], dtype=np.float64)
    if learn:
        own = keys.is_not_null().to_numpy() & ~np.isnan(b.label)
        ev_h = np.concatenate([ev_h, _hash(keys.filter(pl.Series(own)))])
        ev_t, ev_lab = np.concatenate([ev_t, b.day[own]]), np.concatenate([ev_lab, b.label[own]])
    return ev_h, ev_t, ev_lab


def _columns() -> list[tuple[int, int]]:
    """(entity, output column) of every history feature, in feature order."""
    out = []
    for ent, (name, _) in enumerate(ENTITIES):
        out += [(ent, 0), (ent, 1), (ent, 2)]
        out += [(ent, 3)] if name in AGED else []
        out += [(ent, 4)] if name in PRICED else []
    return out


def check_order(table: pl.DataFrame) -> None:
    """The batch path needs rows in lodging order, as the incremental path does."""
    if not table["day"].is_sorted():
        first = int((table["day"].diff() < 0).arg_true()[0])
        raise InvalidInput(
            "declarations must be in lodging order",
            [FieldError(f"row {first + 1}:day", "is earlier than the row before")],
        )


def history_features(table: pl.DataFrame, history: History, learn: bool) -> np.ndarray | None:
    """History features of every row of ``table`` (lodging order) given ``history``, each
    from strictly earlier rows; with ``learn`` the table's own labels become known after the
    label delay, as in training. None after a hash collision. ``history`` is not changed."""
    check_order(table)
    known = snapshot(history)
    if known is None:
        return None
    b = _batch(table, history.label_delay_days)
    keys = table.select(key_expr(f).alias(n) for n, f in ENTITIES)
    try:
        parts = [
            _entity(keys[n], b, known[n], _events(history, n, keys[n], b, learn), history)
            for n, _ in ENTITIES
        ]
    except _Collision:
        return None
    return np.column_stack([parts[e][:, c] for e, c in _columns()])


def matrix(
    table: pl.DataFrame, history: History, vocab: Vocabulary, learn: bool, keep: bool
) -> np.ndarray:
    """The feature matrix of ``table`` (history then declaration features, in
    :data:`~borderwatch.scoring.features.NAMES` order). With ``keep`` the rows then join
    ``history`` (grouped by key, see :mod:`~borderwatch.scoring.absorb`; with ``learn``, or
    after a hash collision, through the incremental path, which also learns their labels)."""
    hist = history_features(table, history, learn)
    if hist is not None and keep and not learn:
        absorb(table, history)
    elif hist is None or keep:
        steps = [history.step(row, learn) for row in rows_of(table)]
        hist = hist if hist is not None else np.array(steps, dtype=np.float64)
    return np.hstack([hist.reshape(table.height, -1), declaration_matrix(table, vocab)])
