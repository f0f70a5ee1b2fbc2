"""A :class:`RuleSet` compiles rules once and evaluates them on a batch or on one row.

``hit_rows`` / ``batch_hits`` find each rule's hitting rows sparsely
(:mod:`borderwatch.rules.sparse`), ``hit_matrix`` runs every rule as one Polars ``select``
over the whole feature view (the reference vectorised path, used by backtests);
``evaluate_one`` runs closures compiled from the same validated syntax trees on a row dict.
Both honour each rule's scope and validity window and return :class:`RuleHit` lists with
the feature values each rule read as evidence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import polars as pl
from sqlglot import exp

from borderwatch.errors import Conflict
from borderwatch.model.rules import RuleHit
from borderwatch.rules.hits import BatchHits
from borderwatch.rules.rowcompile import compile_row
from borderwatch.rules.sparse import Rows, SparseBatch
from borderwatch.rules.spec import RuleSpec
from borderwatch.rules.vector import compile_polars

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Compiled:
    """One rule version ready to run: spec, version, shadow flag and both compiled forms."""

    spec: RuleSpec
    version: int
    shadow: bool
    columns: tuple[str, ...]
    row_fn: Callable[[Row], Any]
    scope_fn: Callable[[Row], bool]
    vector: pl.Expr
    tree: exp.Expression
    scope: pl.Expr | None

    @property
    def key(self) -> str:
        """Column name of this rule in a hit matrix: ``ID@version``."""
        return f"{self.spec.id}@{self.version}"

    def hit(self, row: Row) -> RuleHit:
        """The :class:`RuleHit` of this rule on ``row``, evidence taken from the row."""
        s = self.spec
        evidence = {c: row.get(c) for c in self.columns}
        return RuleHit(
            s.id, self.version, s.title, s.effect, s.weight, s.min_lane, s.severity,
            self.shadow, s.expression, evidence,
        )  # fmt: skip


def _scope_row(spec: RuleSpec) -> Callable[[Row], bool]:
    types = frozenset(t.value for t in spec.scope.declaration_types)
    offices = frozenset(spec.scope.offices)
    modes = frozenset(int(m.value) for m in spec.scope.modes_of_transport)
    start = spec.valid_from.isoformat() if spec.valid_from else ""
    end = spec.valid_to.isoformat() if spec.valid_to else "9999-12-31"

    def in_scope(row: Row) -> bool:
        return (
            (not types or row["declaration_type"] in types)
            and (not offices or row["office"] in offices)
            and (not modes or row["mode_of_transport"] in modes)
            and start <= row["declared_date"] <= end
        )

    return in_scope


SCOPE_COLUMNS = ("declaration_type", "office", "mode_of_transport", "declared_date")


def _scope_vector(spec: RuleSpec) -> pl.Expr | None:
    out = pl.lit(True)
    if not (spec.scope.declaration_types or spec.scope.offices or spec.scope.modes_of_transport
            or spec.valid_from or spec.valid_to):  # fmt: skip
        return None
    if spec.scope.declaration_types:
        kinds = [t.value for t in spec.scope.declaration_types]
        out = out & pl.col("declaration_type").is_in(kinds)
    if spec.scope.offices:
        out = out & pl.col("office").is_in(list(spec.scope.offices))
    if spec.scope.modes_of_transport:
        modes = [int(m.value) for m in spec.scope.modes_of_transport]
        out = out & pl.col("mode_of_transport").is_in(modes)
    if spec.valid_from:
        out = out & (pl.col("declared_date") >= spec.valid_from.isoformat())
    if spec.valid_to:
        out = out & (pl.col("declared_date") <= spec.valid_to.isoformat())
    return out


def compile_rule(spec: RuleSpec, version: int = 1, shadow: bool = False) -> Compiled:
    """Validate and compile one rule version into both evaluators."""
    checked = spec.checked()
    key = f"{spec.id}@{version}"
    scope = _scope_vector(spec)
    vector = compile_polars(checked.tree) if scope is None else scope & compile_polars(checked.tree)
    return Compiled(
        spec, version, shadow, checked.columns, compile_row(checked.tree), _scope_row(spec),
        vector.fill_null(False).alias(key), checked.tree, scope,
    )  # fmt: skip


class RuleSet:
    """Rules compiled once; evaluate batches (vectorised) or single rows (closures)."""

    def __init__(self, rules: Iterable[Compiled]) -> None:
        self.rules = list(rules)
        keys = [r.key for r in self.rules]
        if len(set(keys)) != len(keys):
            raise Conflict("a rule set holds each rule version once", rules=keys)
        self.columns = frozenset(c for r in self.rules for c in r.columns)
        """The feature-view columns its rules read (a batch frame needs no others)."""

    @classmethod
    def from_specs(cls, specs: Iterable[RuleSpec], shadow: bool = False) -> RuleSet:
        """A rule set of version 1 of each spec (packs, tests, ad hoc backtests)."""
        return cls(compile_rule(s, 1, shadow) for s in specs)

    def evaluate_one(self, row: Row) -> list[RuleHit]:
        """Hits of every rule on one feature-view row (the real-time path)."""
        return [r.hit(row) for r in self.rules if r.scope_fn(row) and r.row_fn(row) is True]

    def hit_matrix(self, view: pl.DataFrame) -> pl.DataFrame:
        """One boolean column per rule (named ``ID@version``), one row per declaration."""
        if not self.rules:
            return pl.DataFrame(schema={})
        # with_columns broadcasts constant rules (e.g. ``TRUE``) to every row.
        keys = [r.key for r in self.rules]
        return view.with_columns([r.vector for r in self.rules]).select(keys)

    def hit_rows(self, view: pl.DataFrame) -> list[Rows]:
        """Per rule, the sorted row indices of ``view`` where it hits (the fast batch path,
        :mod:`borderwatch.rules.sparse`); rules it cannot plan run in one Polars select."""
        sparse = SparseBatch(view)
        sparse.prepare([r.tree for r in self.rules])
        found = [sparse.rows(r.tree, r.scope, SCOPE_COLUMNS if r.scope is not None else ())
                 for r in self.rules]  # fmt: skip
        dense = [r for r, rows in zip(self.rules, found, strict=True) if rows is None]
        if dense:
            matrix = view.with_columns([r.vector for r in dense]).select([r.key for r in dense])
            by_key = {k: matrix.get_column(k).arg_true().to_numpy() for k in matrix.columns}
            found = [by_key[r.key] if rows is None else rows
                     for r, rows in zip(self.rules, found, strict=True)]  # fmt: skip
        return [np.asarray(rows, dtype=np.int64) for rows in found]

    def batch_hits(self, view: pl.DataFrame) -> BatchHits:
        """Sparse hits of a batch; :class:`RuleHit` objects are built only when asked for."""
        return BatchHits(self.rules, view, self.hit_rows(view))

    def evaluate_batch(self, view: pl.DataFrame) -> list[list[RuleHit]]:
        """Hits per declaration, in the order of the rows of ``view``."""
        return self.batch_hits(view).per_row()
