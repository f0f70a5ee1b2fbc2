"""Compiled trees: LightGBM boosters flattened once into numpy lookup tables, so that one row
is scored and explained with a handful of array operations (the real-time path), and a
batch is scored by LightGBM in chunks of trees (the batch path).

One row (after QuickScorer, Lucchese et al. 2015): for every feature, the thresholds of the
splits on it cut the value line into classes (between consecutive thresholds, the learned
missing value, and for categorical features one class per category); within a class every
split on that feature decides the same way. For each (tree, feature) and class the table
holds a bit mask of the tree's leaves still reachable given the feature's decisions; the
row's leaf in a tree is the one bit left after AND-ing the masks of its features. No loop
over tree levels: about 0.1 ms for 600 trees where a level-by-level walk took over 1 ms.

The batch path walks the same flattened nodes row by row in compiled code, parallel over
rows (:mod:`borderwatch.scoring.walk`), and sums each booster's leaf values in tree order in
chunks of :data:`CHUNK` trees, then the chunk sums in order: the order of LightGBM's
``predict`` called on :data:`CHUNK` trees at a time (the former batch path, kept as
:meth:`Forest.lightgbm_batch` for comparison). The one-row path sums its leaf values the
same way, so both paths are bit-identical (tested, including missing values and zeros),
and within 1e-12 of one ``predict`` over all trees.

Per-feature contributions are path-based (Saabas): each split on the row's path is credited
with the change in the node's expected value, precomputed per leaf; they sum exactly to the
raw score minus the root values. A batch's contributions are credited by the compiled walk
(:meth:`Forest.contributions_batch`) in the order the one-row path credits them: the same
bits. Decision rules follow LightGBM's ``NumericalDecision``
and ``CategoricalDecision``.
"""

from __future__ import annotations

from typing import Any

import lightgbm as lgb
import numpy as np

from borderwatch.scoring.treeparts import Nodes, decide, flatten, node_value
from borderwatch.scoring.walk import Walker

CHUNK = 50
"""Trees per partial sum (and per LightGBM ``predict`` call in :meth:`Forest.lightgbm_batch`)."""


class Forest:
    """The trees of one or more boosters as lookup tables. Leaves are numbered globally in
    tree order; contributions are those of the first booster."""

    def __init__(self, *boosters: lgb.Booster) -> None:
        nodes = Nodes()
        owner, lookup, root_values = [], [], []
        for number, booster in enumerate(boosters):
            dumped = booster.dump_model()
            if dumped.get("num_tree_per_iteration", 1) != 1:
                raise ValueError("compiled trees support one tree per iteration only")
            if number == 0:
                self.n_features = len(dumped["feature_names"])
            for tree in dumped["tree_info"]:
                lookup.append(flatten(tree["tree_structure"], nodes, number == 0))
                owner.append(number)
                root = tree["tree_structure"]
                root_values.append(node_value(root) if number == 0 else 0.0)
        self.boosters = boosters
        self.owner = np.array(owner, dtype=np.int64)
        self.n_models = len(boosters)
        self.root_values = np.array(root_values)
        width = max(len(t) for t in lookup)
        self.lookup = np.array([t + [0] * (width - len(t)) for t in lookup], dtype=np.int64)
        self._tables(nodes)

    def _tables(self, nodes: Nodes) -> None:
        n = nodes.arrays()
        self.leaf_value = n["leaf_value"]
        self.leaf_start = n["leaf_start"]
        self.fixed = n["fixed_leaf"]
        self.walkers = [Walker(n, n["roots"][self.owner == m], CHUNK) for m in range(self.n_models)]
        self.paths = n["paths"]
        self.path_start, self.path_feature, self.path_gain = self.paths
        for m, walker in enumerate(self.walkers):
            walker.warm_up(self.n_features, self.paths if m == 0 else None)
        edges, edge_feature, n_edges, is_cat = [], [], np.zeros(self.n_features, np.int64), []
        slots: list[tuple[int, int, int]] = []
        blocks: list[np.ndarray] = []
        offset = 0
        for f in range(self.n_features):
            at = np.flatnonzero(n["feature"] == f)
            cat = bool(at.size and n["is_cat"][at].any())
            if cat and not n["is_cat"][at].all():
                raise ValueError(f"feature {f} has both categorical and numerical splits")
            is_cat.append(cat)
            if not at.size:
                continue
            cuts, reps = _classes(n, at, cat)
            edges.append(cuts)
            edge_feature.append(np.full(cuts.size, f))
            n_edges[f] = cuts.size
            table, trees = _feature_table(n, at, reps)
            blocks.append(table.ravel())
            slots += [(int(t), f, offset + i * reps.size) for i, t in enumerate(trees)]
            offset += table.size
        slots.sort()
        self.edges = np.concatenate(edges) if edges else np.zeros(0)
        self.edge_feature = np.concatenate(edge_feature) if edge_feature else np.zeros(0, int)
        self.n_edges = n_edges
        self.is_cat = np.array(is_cat, dtype=bool)
        table = np.concatenate(blocks) if blocks else np.zeros(0, np.uint64)
        narrow = not table.size or int(n["tree_mask"].max()) < 2**32
        self.table = table.astype(np.uint32) if narrow else table
        """Leaf masks (32 bits when every tree has at most 32 leaves: half the memory)."""
        self.slot_feature = np.array([s[1] for s in slots], dtype=np.int64)
        self.slot_base = np.array([s[2] for s in slots], dtype=np.int64)
        trees = np.array([s[0] for s in slots], dtype=np.int64)
        first = np.r_[True, trees[1:] != trees[:-1]] if trees.size else np.zeros(0, bool)
        self.split_trees = trees[first]
        self.tree_slots = np.flatnonzero(first)

    def _classes_of(self, x: np.ndarray) -> np.ndarray:
        """Every feature's class for row ``x``: how many of its cut points lie below the
        value (categorical values truncated first, as LightGBM does), NaN its own class."""
        v = np.where(self.is_cat, np.trunc(x), x)
        below = self.edges < v[self.edge_feature]
        counts = np.bincount(self.edge_feature, weights=below, minlength=self.n_features)
        return np.where(np.isnan(x), self.n_edges + 1, counts.astype(np.int64))

    def leaves(self, x: np.ndarray) -> np.ndarray:
        """The global leaf of every tree for one feature row ``x``."""
        masks = self.table[self.slot_base + self._classes_of(x)[self.slot_feature]]
        reached = np.bitwise_and.reduceat(masks, self.tree_slots) if masks.size else masks
        out: np.ndarray = self.fixed.copy()
        bit = np.frexp(reached.astype(np.float64))[1] - 1
        out[self.split_trees] = self.leaf_start[self.split_trees] + bit
        return out

    def _sums(self, leaves: np.ndarray) -> list[float]:
        """Per booster, its leaf values summed in tree order in chunks of :data:`CHUNK` trees
        (as LightGBM sums each chunk), then the chunk sums in order."""
        values = self.leaf_value[leaves]
        out = []
        for m in range(self.n_models):
            v = values[self.owner == m]
            chunks = np.zeros((-(-v.size // CHUNK), CHUNK))
            chunks.ravel()[: v.size] = v
            out.append(float(np.cumsum(np.cumsum(chunks, axis=1)[:, -1])[-1]))
        return out

    def raw(self, x: np.ndarray) -> list[float]:
        """The raw score of one feature row under each booster."""
        return self._sums(self.leaves(x))

    def explain(self, x: np.ndarray) -> tuple[list[float], np.ndarray]:
        """Raw scores under each booster and the first booster's per-feature Saabas
        contributions, for one feature row."""
        leaves = self.leaves(x)
        return self._sums(leaves), self._contributions(leaves[self.owner == 0])

    def contributions(self, x: np.ndarray) -> np.ndarray:
        """The first booster's per-feature Saabas contributions of one feature row."""
        return self.explain(x)[1]

    def _contributions(self, leaves: np.ndarray) -> np.ndarray:
        starts = self.path_start[leaves]
        lengths = self.path_start[leaves + 1] - starts
        ends = np.cumsum(lengths)
        at = np.repeat(starts - ends + lengths, lengths) + np.arange(int(ends[-1]))
        return np.bincount(
            self.path_feature[at], weights=self.path_gain[at], minlength=self.n_features
        )

    def raw_batch(self, x: np.ndarray, model: int = 0) -> np.ndarray:
        """Raw scores of booster ``model`` for feature rows ``x``, compiled and parallel over
        rows, summed as :meth:`raw` sums them."""
        return self.walkers[model].raw(x)

    def contributions_batch(self, x: np.ndarray) -> np.ndarray:
        """The first booster's per-feature Saabas contributions of feature rows ``x`` (rows
        x features), compiled and parallel over rows; each row's bits are those of
        :meth:`contributions`."""
        return self.walkers[0].credit(x, self.paths, self.n_features)

    def lightgbm_batch(self, x: np.ndarray, model: int = 0, threads: int = 1) -> np.ndarray:
        """The same by LightGBM: its raw scores of :data:`CHUNK` trees at a time, added in
        order (the former batch path; benchmarks and tests)."""
        n_trees = int((self.owner == model).sum())
        out = np.zeros(len(x))
        if not len(x):
            return out
        booster = self.boosters[model]
        for s in range(0, n_trees, CHUNK):
            out += booster.predict(
                x, raw_score=True, start_iteration=s, num_iteration=CHUNK, num_threads=threads
            )
        return out


def _classes(n: dict[str, Any], at: np.ndarray, cat: bool) -> tuple[np.ndarray, np.ndarray]:
    """Cut points of one feature's splits ``at`` and a representative value per class
    (``count of cut points below`` classes, then NaN)."""
    if cat:
        width = n["cats"].shape[1]
        cuts = np.arange(width + 1) - 0.5
        reps = np.arange(-1.0, width + 1.0)
    else:
        thresholds = n["threshold"][at]
        if (n["missing"][at] == 1).any():
            thresholds = np.r_[thresholds, -1e-35, 1e-35]
        cuts = np.unique(thresholds)
        reps = np.r_[cuts, np.inf]
    return cuts, np.r_[reps, np.nan]


def _feature_table(
    n: dict[str, Any], at: np.ndarray, reps: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per tree using the feature (sorted), per class: the mask of leaves the feature's splits
    leave reachable. Returns (trees x classes masks, trees)."""
    order = at[np.argsort(n["tree"][at], kind="stable")]
    left = decide(n, order, reps)
    tree = n["tree"][order]
    masks = n["tree_mask"][tree] & ~np.where(left, n["right_mask"][order], n["left_mask"][order])
    start = np.flatnonzero(np.r_[True, tree[1:] != tree[:-1]])
    table = np.bitwise_and.reduceat(masks, start, axis=1)
    return np.ascontiguousarray(table.T), tree[start]
