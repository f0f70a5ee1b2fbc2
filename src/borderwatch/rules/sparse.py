"""The fast batch path: rows where each rule is TRUE, found sparsely.

Rules are mostly conjunctions of conditions on low-cardinality columns (offices, countries,
HS chapters, lists of them). For each string or list column the rules read, the batch is
dictionary-encoded once (distinct values, NULL included, and a code per row). A conjunct that
reads only such a column is evaluated on the distinct values (a lookup table) instead of on
every row, and the rows of its TRUE values come from an inverted index. Each rule starts from
its most selective such conjunct and evaluates the other conjuncts only on the surviving
rows; rules without one are evaluated on the whole view in one Polars ``select``.

Every conjunct is compiled by :func:`~borderwatch.rules.vector.compile_polars`, so NULL
semantics are those of the vectorised path: a rule hits a row only where all its top-level
conjuncts are TRUE, which is exactly where the conjunction is TRUE in three-valued logic.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import polars as pl
from sqlglot import exp

from borderwatch.rules.catalogue import BY_NAME
from borderwatch.rules.masks import Masks
from borderwatch.rules.vector import compile_polars

Rows = np.ndarray  # sorted int64 row indices
MAX_DISTINCT_SHARE = 0.25


@dataclass(frozen=True, slots=True)
class Dictionary:
    """One column of a batch as distinct values (NULL last) and a code per row."""

    values: pl.DataFrame
    codes: np.ndarray
    order: np.ndarray
    starts: np.ndarray

    @classmethod
    def encode(cls, view: pl.DataFrame, column: str) -> Dictionary | None:
        """The dictionary of ``column``, or None if its values are mostly distinct.

        One hash grouping gives the distinct values and, per value, its rows in ascending
        order (Polars keeps the order within each group): the inverted index directly.
        """
        keys = view.select(pl.col(column).alias("k")).with_row_index("i")
        groups = keys.group_by("k").agg("i").sort(pl.col("k").is_null(), maintain_order=True)
        has_null = bool(groups.get_column("k").is_null().any())
        null_code = groups.height - has_null
        if null_code > max(64, view.height * MAX_DISTINCT_SHARE):
            return None
        sizes = groups.get_column("i").list.len().to_numpy().astype(np.int64)
        sizes = sizes if has_null else np.append(sizes, 0)
        order = groups.get_column("i").explode().to_numpy().astype(np.int64)
        small = np.uint16 if null_code < 2**16 - 1 else np.int64
        codes = np.empty(view.height, dtype=small)
        codes[order] = np.repeat(np.arange(null_code + 1, dtype=small), sizes)
        distinct = groups.select("k").head(null_code)
        null = pl.DataFrame({"k": [None]}, schema=distinct.schema)
        values = pl.concat([distinct, null]).rename({"k": column})
        return cls(values, codes, order, np.concatenate([[0], np.cumsum(sizes)]))

    def tables(self, nodes: Sequence[exp.Expression]) -> list[np.ndarray]:
        """Per node, per distinct value, whether the node is TRUE on it (lookup tables),
        all computed in one select over the distinct values."""
        exprs = [compile_polars(n).alias(f"t{i}") for i, n in enumerate(nodes)]
        out = self.values.with_columns(exprs).select([e.meta.output_name() for e in exprs])
        return [np.asarray(s.fill_null(False).to_numpy(), dtype=bool) for s in out.iter_columns()]

    def count(self, table: np.ndarray) -> int:
        """Rows whose value is TRUE in ``table``."""
        sizes = np.diff(self.starts)
        return int(sizes[table].sum())

    def mask(self, table: np.ndarray) -> np.ndarray:
        """Per row, whether its value is TRUE in ``table`` (a few equality tests on the
        small codes when few values are TRUE, which is cheaper than indexing by them)."""
        codes = np.flatnonzero(table)
        if len(codes) > 8:
            return np.asarray(table[self.codes], dtype=bool)
        out = np.zeros(len(self.codes), dtype=bool)
        for code in codes:
            out |= self.codes == code
        return out

    def rows(self, table: np.ndarray) -> Rows:
        """Sorted rows whose value is TRUE in ``table``."""
        codes = np.flatnonzero(table)
        if len(codes) == 1:  # the stable argsort keeps each value's rows in order
            return self.order[self.starts[codes[0]] : self.starts[codes[0] + 1]]
        if self.count(table) * 16 > len(self.codes):  # cheaper than sorting many rows
            return np.flatnonzero(self.mask(table))
        parts = [self.order[self.starts[c] : self.starts[c + 1]] for c in codes]
        return np.sort(np.concatenate(parts)) if parts else np.empty(0, dtype=np.int64)


def conjuncts(node: exp.Expression) -> list[exp.Expression]:
    """The top-level ``AND`` operands of ``node`` (through parentheses)."""
    while isinstance(node, exp.Paren):
        node = node.this
    if isinstance(node, exp.And):
        return conjuncts(node.this) + conjuncts(node.expression)
    return [node]


def _single_column(node: exp.Expression) -> str | None:
    names = {c.name for c in node.find_all(exp.Column)}
    if len(names) != 1:
        return None
    name = names.pop()
    return name if BY_NAME[name].type in ("str", "list") else None


def _columns(nodes: Sequence[exp.Expression]) -> list[str]:
    return sorted({c.name for n in nodes for c in n.find_all(exp.Column)})


class SparseBatch:
    """Rows where each rule of a batch is TRUE, sparse (see the module docstring)."""

    def __init__(self, view: pl.DataFrame) -> None:
        self.view = view
        self._dicts: dict[str, Dictionary | None] = {}
        self._tables: dict[str, np.ndarray] = {}
        # per node id: the node (kept, so its id is not reused), its SQL and its one column
        self._nodes: dict[int, tuple[exp.Expression, str, str | None]] = {}
        self.masks = Masks(view, self._lookup, lambda node: self._dictionary(node) is not None)

    def _node(self, node: exp.Expression) -> tuple[exp.Expression, str, str | None]:
        if id(node) not in self._nodes:
            self._nodes[id(node)] = (node, node.sql(), _single_column(node))
        return self._nodes[id(node)]

    def _dictionary(self, node: exp.Expression) -> Dictionary | None:
        column = self._node(node)[2]
        if column is None:
            return None
        if column not in self._dicts:
            self._dicts[column] = Dictionary.encode(self.view, column)
        return self._dicts[column]

    def prepare(self, trees: Sequence[exp.Expression]) -> None:
        """Encode the columns of every dictionary conjunct of ``trees`` (in parallel, the
        work being in Polars and numpy) and compute their lookup tables at once."""
        parts = [self._node(p) for tree in trees for p in conjuncts(tree)]
        todo = sorted({c for _, _, c in parts if c is not None and c not in self._dicts})
        with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
            encoded = pool.map(lambda c: Dictionary.encode(self.view, c), todo)
            self._dicts.update(zip(todo, encoded, strict=True))
        by_column: dict[str, dict[str, exp.Expression]] = {}
        for part, key, column in parts:
            if column is not None and self._dicts[column] is not None:
                by_column.setdefault(column, {})[key] = part
        for column, found_parts in by_column.items():
            found = self._dicts[column]
            assert found is not None
            tables = found.tables(list(found_parts.values()))
            self._tables.update(zip(found_parts, tables, strict=True))

    def _lookup(self, node: exp.Expression, want: bool) -> tuple[np.ndarray, np.ndarray] | None:
        found = self._dictionary(node)
        if found is None:
            return None
        return found.codes, self._table(found, node, negate=not want)

    def _mask(self, part: exp.Expression, rows: Rows | None) -> np.ndarray:
        mask = self.masks.true(part, rows)
        assert mask is not None, "only conjuncts Masks.supports are evaluated in numpy"
        return mask

    def _table(self, found: Dictionary, part: exp.Expression, negate: bool = False) -> np.ndarray:
        """The lookup table of ``part`` (of ``NOT (part)`` when ``negate``: where it is FALSE)."""
        key = self._node(part)[1]
        key = f"NOT ({key})" if negate else key
        if key not in self._tables:
            node = exp.Not(this=exp.Paren(this=part.copy())) if negate else part
            self._tables[key] = found.tables([node])[0]
        return self._tables[key]

    def rows(self, tree: exp.Expression, scope: pl.Expr | None, scope_columns: Sequence[str]
             ) -> Rows | None:  # fmt: skip
        """Sorted rows where ``tree`` (and ``scope``) is TRUE, or None when no conjunct
        reads a dictionary column (the caller evaluates such rules on the whole view)."""
        lookups: list[tuple[Dictionary, np.ndarray]] = []
        simple: list[exp.Expression] = []
        rest: list[exp.Expression] = []
        for part in conjuncts(tree):
            found = self._dictionary(part)
            if found is not None:
                lookups.append((found, self._table(found, part)))
            elif self.masks.supports(part):
                simple.append(part)
            else:
                rest.append(part)
        if lookups:
            lookups.sort(key=lambda pair: pair[0].count(pair[1]))
            rows = lookups[0][0].rows(lookups[0][1])
            for found, table in lookups[1:]:
                rows = rows[table[found.codes[rows]]]
        elif simple:
            rows = np.flatnonzero(self._mask(simple.pop(0), None))
        else:
            return None
        for part in simple:
            rows = rows[self._mask(part, rows)] if rows.size else rows
        exprs = [compile_polars(p) for p in rest] + ([scope] if scope is not None else [])
        if exprs and rows.size:
            names = sorted({*_columns(rest), *scope_columns})
            keep = pl.all_horizontal(*[e.fill_null(False) for e in exprs]).alias("__keep")
            frame = self.view.select(names or self.view.columns[:1])[rows]
            mask = frame.with_columns(keep).get_column("__keep").to_numpy()
            rows = rows[mask]
        return rows
