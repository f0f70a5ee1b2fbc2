"""The batch path's tree walk: every row of a batch down every tree of one booster, compiled
by numba and parallel over rows (numba's threads, one per core; the GIL is released).

The node arrays come from the same flattening as the one-row lookup tables
(:mod:`borderwatch.scoring.treeparts`), and the split rules are LightGBM's
``NumericalDecision`` and ``CategoricalDecision`` as :func:`~.treeparts.decide` applies
them: a NaN is read as 0.0 unless the missing type is NaN; a missing value (zero for type
Zero, NaN for type NaN) follows ``default_left``; otherwise ``value <= threshold`` goes
left. A categorical split sends its categories left and everything else right, NaN and
negative or unknown codes included (LightGBM 4, whatever the missing type). Leaf values
are summed in tree order in chunks of ``chunk`` trees, then the chunk sums in order, as the
one-row path sums them, so both paths give the same bits (the trees are visited a few at a
time for the cache, :data:`SUB`, but each row's sum still runs in tree order).

Compiled once per machine and Python (``cache=True``: numba's cache beside this module) and
loaded when a model is loaded (:func:`warm_up`), never on the first batch.
"""

from __future__ import annotations

from typing import Any

import numba
import numpy as np

ZERO = 1e-35
"""LightGBM's ``kZeroThreshold`` (as :data:`~.treeparts.ZERO`)."""
BLOCK_MIN, BLOCK_MAX = 256, 4096
"""Rows per parallel task: the batch split evenly over numba's threads within these bounds.
Each task walks its rows through a few trees at a time (:data:`SUB`), so those trees' nodes
stay in the first-level cache while the task's rows stream past them."""
SUB = 5
"""Trees walked together over a task's rows; measured on the KCS model (400 trees of 31
leaves, 8,134 rows, 2 threads): 5 trees with 4,096-row tasks about 235,000 rows/s against
181,000 with 50 trees and 256-row tasks (docs/benchmarks.md)."""


Nodes = tuple[np.ndarray, ...]
"""One booster's node arrays as the kernels read them: feature, threshold, missing type,
default left, categorical row, categorical sets, children (see :class:`Walker`)."""


@numba.njit(inline="always", nogil=True)
def _leaf(x: np.ndarray, i: int, node: int, nodes: Nodes) -> int:
    """The global leaf row ``i`` of ``x`` reaches from ``node`` (a tree's root)."""
    feature, threshold, missing, default_left, cat_row, cats, children = nodes
    width = cats.shape[1]
    while node >= 0:
        v = x[i, feature[node]]
        if cat_row[node] > 0:
            go_left = False
            if not np.isnan(v):
                code = np.trunc(v)
                if code > -1.0 and code < width:
                    go_left = cats[cat_row[node], int(code)]
        else:
            kind = missing[node]
            if np.isnan(v) and kind != 2:
                v = 0.0
            if (kind == 1 and -ZERO < v <= ZERO) or (kind == 2 and np.isnan(v)):
                go_left = default_left[node]
            else:
                go_left = v <= threshold[node]
        node = children[node, 0] if go_left else children[node, 1]
    return -1 - node


@numba.njit(parallel=True, cache=True, nogil=True)
def _walk(
    x: np.ndarray,
    roots: np.ndarray,
    nodes: Nodes,
    leaf_value: np.ndarray,
    chunk: int,
    block: int,
    out: np.ndarray,
) -> None:
    n_rows, n_trees = x.shape[0], roots.size
    for b in numba.prange((n_rows + block - 1) // block):
        lo, hi = b * block, min(b * block + block, n_rows)
        part = np.zeros(hi - lo)
        for first in range(0, n_trees, chunk):
            last = min(first + chunk, n_trees)
            part[:] = 0.0
            for sub in range(first, last, SUB):
                for i in range(lo, hi):
                    acc = part[i - lo]
                    for t in range(sub, min(sub + SUB, last)):
                        acc += leaf_value[_leaf(x, i, roots[t], nodes)]
                    part[i - lo] = acc
            for i in range(lo, hi):
                out[i] += part[i - lo]


@numba.njit(parallel=True, cache=True, nogil=True)
def _credit(
    x: np.ndarray,
    roots: np.ndarray,
    nodes: Nodes,
    path_start: np.ndarray,
    path_feature: np.ndarray,
    path_gain: np.ndarray,
    out: np.ndarray,
) -> None:
    for i in numba.prange(x.shape[0]):
        for t in range(roots.size):
            leaf = _leaf(x, i, roots[t], nodes)
            for s in range(path_start[leaf], path_start[leaf + 1]):
                out[i, path_feature[s]] += path_gain[s]


class Walker:
    """One booster's trees as flat node arrays for :func:`_walk` (``n`` as returned by
    :meth:`~.treeparts.Nodes.arrays`, ``roots`` the references of the booster's roots)."""

    def __init__(self, n: dict[str, Any], roots: np.ndarray, chunk: int) -> None:
        self.chunk = chunk
        self.roots = np.ascontiguousarray(roots, dtype=np.int32)
        self.nodes: Nodes = (
            n["feature"].astype(np.int32),
            n["threshold"].astype(np.float64),
            n["missing"].astype(np.int8),
            n["default_left"].astype(np.bool_),
            np.where(n["is_cat"], n["cat_row"], 0).astype(np.int32),
            np.ascontiguousarray(n["cats"], dtype=np.bool_),
            np.ascontiguousarray(n["children"], dtype=np.int32),
        )
        self.leaf_value = n["leaf_value"].astype(np.float64)

    def raw(self, x: np.ndarray) -> np.ndarray:
        """Raw scores of feature rows ``x`` (converted to C-ordered float64, as LightGBM
        reads rows as doubles)."""
        rows = np.ascontiguousarray(x, dtype=np.float64)
        out = np.zeros(rows.shape[0])
        per_thread = -(-rows.shape[0] // numba.get_num_threads())
        block = min(BLOCK_MAX, max(BLOCK_MIN, per_thread))
        _walk(rows, self.roots, self.nodes, self.leaf_value, self.chunk, block, out)
        return out

    def credit(self, x: np.ndarray, paths: tuple[np.ndarray, ...],
               n_features: int) -> np.ndarray:  # fmt: skip
        """Per-feature Saabas contributions of feature rows ``x`` (rows x features): each
        row's path steps credited in tree order, then path order, as
        :meth:`~.trees.Forest.explain` credits one row, so both give the same bits."""
        rows = np.ascontiguousarray(x, dtype=np.float64)
        out = np.zeros((rows.shape[0], n_features))
        _credit(rows, self.roots, self.nodes, paths[0], paths[1], paths[2], out)
        return out

    def warm_up(self, n_features: int, paths: tuple[np.ndarray, ...] | None = None) -> None:
        """Compile (or load the compiled code from numba's cache) on one row of zeros; the
        contributions too when given the ``paths`` to credit."""
        self.raw(np.zeros((1, n_features)))
        if paths is not None:
            self.credit(np.zeros((1, n_features)), paths, n_features)
