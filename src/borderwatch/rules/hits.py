"""Hits of a batch, kept sparse: per rule, the rows where it is TRUE.

A batch of a million declarations can produce millions of hits; :class:`BatchHits` holds
them as row-index arrays and builds :class:`RuleHit` objects (with their evidence) only for
the rows and rules asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import polars as pl

from borderwatch.model.rules import RuleHit

if TYPE_CHECKING:
    from borderwatch.rules.ruleset import Compiled


class BatchHits:
    """Sparse hits of ``rules`` on ``view``: ``rows[i]`` are the sorted row indices where
    rule ``i`` hits."""

    def __init__(self, rules: Sequence[Compiled], view: pl.DataFrame, rows: list[np.ndarray]):
        self.rules = list(rules)
        self.view = view
        self.rows = rows

    @property
    def count(self) -> int:
        """Number of (declaration, rule) hits."""
        return sum(int(r.size) for r in self.rows)

    def rows_of(self, key: str) -> np.ndarray:
        """Rows hit by the rule ``ID@version``."""
        for rule, rows in zip(self.rules, self.rows, strict=True):
            if rule.key == key:
                return rows
        raise KeyError(key)

    def pairs(self) -> tuple[np.ndarray, np.ndarray]:
        """All hits as (row index, rule index) arrays, by row then rule."""
        if not self.rows:
            empty = np.empty(0, dtype=np.int64)
            return empty, empty
        rows = np.concatenate(self.rows)
        rules = np.repeat(np.arange(len(self.rows)), [r.size for r in self.rows])
        order = np.lexsort((rules, rows))
        return rows[order], rules[order]

    def for_row(self, index: int) -> list[RuleHit]:
        """The hits of one row, with evidence, in rule order."""
        out = []
        for rule, rows in zip(self.rules, self.rows, strict=True):
            at = np.searchsorted(rows, index)
            if at < rows.size and rows[at] == index:
                evidence = self.view.select(rule.columns).row(index, named=True)
                out.append(rule.hit(evidence))
        return out

    def per_row(self) -> list[list[RuleHit]]:
        """Hits per row of the view (every hit built, with evidence), in rule order."""
        out: list[list[RuleHit]] = [[] for _ in range(self.view.height)]
        for rule, rows in zip(self.rules, self.rows, strict=True):
            if not rows.size:
                continue
            if rule.columns:
                evidence = self.view.select(rule.columns)[rows].to_dicts()
            else:
                evidence = [{}] * rows.size
            for index, values in zip(rows.tolist(), evidence, strict=True):
                out[index].append(rule.hit(values))
        return out
