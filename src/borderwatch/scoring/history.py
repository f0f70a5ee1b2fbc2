"""Point-in-time history: incremental in-memory aggregates per importer, declarant, seller,
HS6, origin, route and their pairs: the state every scorer keeps, and the one-declaration
path. Training and batch scoring compute the same features vectorised from this state
(:mod:`borderwatch.scoring.columnar`, tested to agree bit for bit).

:meth:`History.step` returns a row's history features computed from *earlier* rows only and
then records the row. Labels are learned with a delay: a label of a row lodged on day ``d``
is used only by rows lodged after ``d + label_delay_days`` (strictly later), so no row ever
sees its own label or a label it could not have known. Scoring never learns labels; they
arrive later through :meth:`History.learn`.
"""

from __future__ import annotations

import math
from collections import deque

from borderwatch.scoring.table import FlatRow

ENTITIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("importer", ("importer",)),
    ("declarant", ("declarant",)),
    ("seller", ("seller",)),
    ("courier", ("courier",)),
    ("hs6", ("hs6",)),
    ("origin", ("origin",)),
    ("route", ("departure", "origin")),
    ("office", ("office",)),
    ("importer_hs6", ("importer", "hs6")),
    ("importer_origin", ("importer", "origin")),
    ("declarant_importer", ("declarant", "importer")),
    ("seller_importer", ("seller", "importer")),
    ("declarant_hs6", ("declarant", "hs6")),
    ("hs6_origin", ("hs6", "origin")),
)
"""Keys whose history is kept: name and the flat-row fields that form the key."""

AGED = ("importer", "declarant", "seller")
PRICED = ("hs6", "hs6_origin")
PRICE_SCALE = 2.0**20
"""Log unit prices are summed as integers in units of 1/2**20 (about 1e-6): exact in any
order, so the incremental and the vectorised paths agree to the bit."""
_N, _FIRST, _NLAB, _NPOS, _REV, _SUM, _SQ, _NP = range(8)
_FIELDS = FlatRow._fields
NAN = math.nan


Key = str | tuple[str, str]


def key_of(row: FlatRow, fields: tuple[int, ...]) -> Key | None:
    """The key of ``row`` over field positions ``fields``; None when a part is missing."""
    first = row[fields[0]]
    if not first:
        return None
    if len(fields) == 1:
        return str(first)
    second = row[fields[1]]
    return (str(first), str(second)) if second else None


def log_unit_price(row: FlatRow) -> float:
    """log of value per kg (mass floored at 0.001 kg, value at 0.01); NaN without mass."""
    if row.net_mass is None or row.value is None:
        return NAN
    return math.log(max(row.value, 0.01) / max(row.net_mass, 0.001))


class History:
    """Aggregates per key: count, first day, labelled count, findings, revenue, the sum of
    quantised log unit prices (see :data:`PRICE_SCALE`), their square sum and count."""

    def __init__(self, prior: float, smoothing: float = 20.0, label_delay_days: float = 0.0):
        self.prior = prior
        self.smoothing = smoothing
        self.label_delay_days = label_delay_days
        self.stats: dict[str, dict[Key, list[float]]] = {name: {} for name, _ in ENTITIES}
        self.pending: deque[tuple[float, list[tuple[str, Key]], int, float]] = deque()
        self.revision = 0
        """Bumped by every change, so cached columnar snapshots know when they are stale."""
        self._positions = [(n, tuple(_FIELDS.index(f) for f in fs)) for n, fs in ENTITIES]
        self._specs = [(self.stats[n], n in AGED, n in PRICED) for n, _ in ENTITIES]

    def keys(self, row: FlatRow) -> list[tuple[str, Key | None]]:
        """(entity, key) of every entity of ``row``."""
        return [(name, key_of(row, pos)) for name, pos in self._positions]

    def step(self, row: FlatRow, learn: bool) -> list[float]:
        """History features of ``row`` from earlier rows, then record ``row`` (and queue its
        label when ``learn`` and the label is known)."""
        self.release(row.day)
        self.revision += 1
        keys = self.keys(row)
        lup = log_unit_price(row)
        out = self._features(row, keys, lup)
        self._observe(row, keys, lup)
        if learn and row.label is not None:
            learnable = [(n, k) for n, k in keys if k is not None]
            self.pending.append((row.day, learnable, int(row.label), row.revenue or 0.0))
        return out

    def peek(self, row: FlatRow) -> list[float]:
        """History features of ``row`` without recording it."""
        self.release(row.day)
        return self._features(row, self.keys(row), log_unit_price(row))

    def _features(
        self, row: FlatRow, keys: list[tuple[str, Key | None]], lup: float
    ) -> list[float]:
        out: list[float] = []
        prior, m, day = self.prior, self.smoothing, row.day
        for (_name, key), (table, aged, priced) in zip(keys, self._specs, strict=True):
            s = None if key is None else table.get(key)
            if s is None:
                out += (0.0, prior, 0.0)
                if aged:
                    out.append(NAN)
                if priced:
                    out.append(NAN)
                continue
            out += (s[_N], (s[_NPOS] + m * prior) / (s[_NLAB] + m), s[_NLAB])
            if aged:
                out.append(day - s[_FIRST])
            if priced:
                out.append(_deviation(s, lup))
        return out

    def _observe(self, row: FlatRow, keys: list[tuple[str, Key | None]], lup: float) -> None:
        has_price = not math.isnan(lup)
        for (_name, key), (table, _aged, priced) in zip(keys, self._specs, strict=True):
            if key is None:
                continue
            s = table.get(key)
            if s is None:
                s = table[key] = [0.0, row.day, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
            s[_N] += 1
            if priced and has_price:
                s[_SUM] += round(lup * PRICE_SCALE)
                s[_SQ] += lup * lup
                s[_NP] += 1

    def learn(self, row: FlatRow) -> None:
        """Queue the label of a row recorded earlier (an inspection result arriving)."""
        if row.label is None:
            return
        self.revision += 1
        learnable = [(n, k) for n, k in self.keys(row) if k is not None]
        self.pending.append((row.day, learnable, int(row.label), row.revenue or 0.0))

    def release(self, now: float) -> None:
        """Apply queued labels of rows lodged before ``now - label_delay_days``."""
        horizon = now - self.label_delay_days
        pending = self.pending
        while pending and pending[0][0] < horizon:
            self._apply(pending.popleft())

    def flush(self) -> None:
        """Apply every queued label (end of training: all its labels are known)."""
        while self.pending:
            self._apply(self.pending.popleft())

    def _apply(self, item: tuple[float, list[tuple[str, Key]], int, float]) -> None:
        _day, keys, label, revenue = item
        self.revision += 1
        for name, key in keys:
            s = self.stats[name].get(key)
            if s is not None:
                s[_NLAB] += 1
                s[_NPOS] += label
                s[_REV] += revenue


def _deviation(s: list[float], lup: float) -> float:
    """Log unit price minus the key's mean log unit price (NaN with fewer than 2 prices)."""
    if s[_NP] < 2 or math.isnan(lup):
        return NAN
    return lup - s[_SUM] / (PRICE_SCALE * s[_NP])
