"""Simple conditions evaluated in numpy on chosen rows, with SQL's three-valued logic.

Most conjuncts of analysts' rules compare a number with a literal (``item_count > 95``) or
read a boolean (``NOT has_licence``). :class:`Masks` holds such columns once as numpy arrays
(values and a validity mask) and evaluates these conditions, and ``AND``/``OR``/``NOT`` over
them, on the rows that survived a rule's earlier conjuncts, with no Polars frame gathered.
A node is TRUE where every column it reads is valid and the comparison holds; FALSE where
they are valid and it does not; NULL otherwise, so Kleene logic follows from
``T(a OR b) = T(a) | T(b)``, ``F(a OR b) = F(a) & F(b)``, ``T(NOT a) = F(a)`` and the duals.
A node reading one dictionary-encoded column (see :mod:`borderwatch.rules.sparse`) is read
from its lookup table. Anything else (arithmetic, functions, floats holding NaN, columns
not encoded) is left to Polars: the methods return None.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import polars as pl
from sqlglot import exp

from borderwatch.rules.catalogue import BY_NAME
from borderwatch.rules.rowcompile import COMPARISONS

Mask = np.ndarray  # bool, one value per evaluated row
_Column = tuple[np.ndarray, np.ndarray | None]  # values, validity (None: no NULLs)
# (codes per row, per-code table) where a node reading one dictionary-encoded column is TRUE
# (second argument True) or FALSE, or None when the node is not such a node.
Lookup = Callable[[exp.Expression, bool], tuple[np.ndarray, np.ndarray] | None]


class Masks:
    """Numeric and boolean columns of one batch as numpy arrays, read on demand."""

    def __init__(
        self, view: pl.DataFrame, lookup: Lookup, encoded: Callable[[exp.Expression], bool]
    ) -> None:
        self.view = view
        self.lookup = lookup
        self.encoded = encoded
        self._columns: dict[str, _Column | None] = {}

    def column(self, name: str) -> _Column | None:
        """Values and validity of ``name``, or None for other types or floats with NaN."""
        if name not in self._columns:
            self._columns[name] = self._load(name)
        return self._columns[name]

    def _load(self, name: str) -> _Column | None:
        kind = BY_NAME[name].type if name in BY_NAME else None
        if kind not in ("int", "float", "bool") or name not in self.view.columns:
            return None
        series = self.view.get_column(name)
        if kind == "float" and bool(series.is_nan().any()):
            return None
        valid = series.is_not_null().to_numpy() if series.null_count() else None
        fill = False if kind == "bool" else 0
        return series.fill_null(fill).to_numpy(), valid

    def supports(self, node: exp.Expression) -> bool:
        """Whether :meth:`true` can evaluate ``node`` (no array is computed)."""
        while isinstance(node, exp.Paren | exp.Not):
            node = node.this
        if self.encoded(node):
            return True
        if isinstance(node, exp.And | exp.Or):
            return self.supports(node.this) and self.supports(node.expression)
        if isinstance(node, exp.Column):
            return BY_NAME[node.name].type == "bool" and self.column(node.name) is not None
        if type(node) in COMPARISONS and isinstance(node.this, exp.Column):
            name = node.this.name
            return (
                BY_NAME[name].type in ("int", "float")
                and _number(node.expression) is not None
                and self.column(name) is not None
            )
        return False

    def true(self, node: exp.Expression, rows: np.ndarray | None) -> Mask | None:
        """Where ``node`` is TRUE at ``rows`` (None: every row), or None if unsupported."""
        return self._eval(node, rows, want=True)

    def _eval(self, node: exp.Expression, rows: np.ndarray | None, want: bool) -> Mask | None:
        """The TRUE (``want``) or FALSE mask of ``node`` at ``rows``."""
        while isinstance(node, exp.Paren):
            node = node.this
        if isinstance(node, exp.Not):
            return self._eval(node.this, rows, not want)
        found = self.lookup(node, want)
        if found is not None:
            codes, table = found
            return np.asarray(table[codes if rows is None else codes[rows]], dtype=bool)
        if isinstance(node, exp.And | exp.Or):
            left = self._eval(node.this, rows, want)
            right = None if left is None else self._eval(node.expression, rows, want)
            if left is None or right is None:
                return None
            both = isinstance(node, exp.And) == want  # T(a AND b), F(a OR b): both needed
            out: Mask = np.logical_and(left, right) if both else np.logical_or(left, right)
            return out
        if isinstance(node, exp.Column):
            return self._leaf(node.name, rows, want, "bool", None)
        op = COMPARISONS.get(type(node))
        if op is not None and isinstance(node.this, exp.Column):
            value = _number(node.expression)
            if value is not None:
                return self._leaf(node.this.name, rows, want, "num", lambda v: op(v, value))
        return None

    def _leaf(
        self,
        name: str,
        rows: np.ndarray | None,
        want: bool,
        kind: str,
        test: Callable[[np.ndarray], np.ndarray] | None,
    ) -> Mask | None:
        found = self.column(name)
        if found is None or (BY_NAME[name].type == "bool") != (kind == "bool"):
            return None
        values, valid = found
        if rows is not None:
            values = values[rows]
            valid = None if valid is None else valid[rows]
        hit = np.asarray(values if test is None else test(values), dtype=bool)
        out = hit if want else ~hit
        return out if valid is None else out & valid


def _number(node: exp.Expression) -> float | int | None:
    """The value of a numeric literal (not a string, boolean or NULL)."""
    if isinstance(node, exp.Literal) and not node.is_string:
        return int(node.this) if node.is_int else float(node.this)
    return None
