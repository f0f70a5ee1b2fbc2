"""Building blocks of the compiled trees (:mod:`borderwatch.scoring.trees`): LightGBM's dumped
trees flattened into node and leaf arrays, with each node's children and leaf masks and each
leaf's Saabas path, and LightGBM's split rules evaluated on arrays of values."""

from __future__ import annotations

from typing import Any

import numpy as np

ZERO = 1e-35
"""LightGBM's ``kZeroThreshold``."""
MISSING = {"None": 0, "Zero": 1, "NaN": 2}
MAX_LEAVES = 64
"""Leaves of one tree are bits of a 64-bit mask."""


class Nodes:
    """Accumulates the internal nodes and leaves of every flattened tree."""

    def __init__(self) -> None:
        self.node: dict[str, list[Any]] = {
            k: [] for k in ("feature", "threshold", "missing", "default_left", "cats", "tree")
        }
        self.left_mask: list[int] = []
        self.right_mask: list[int] = []
        self.children: list[list[int]] = []
        """Per node, its left and right child: a node index, or ``-1 - leaf`` for a leaf."""
        self.roots: list[int] = []
        self.leaf_value: list[float] = []
        self.paths: list[list[tuple[int, float]]] = []
        self.leaf_start: list[int] = []
        self.fixed_leaf: list[int] = []
        self.tree_mask: list[int] = []

    def add_node(self, tree: int, split: dict[str, Any]) -> int:
        """Record an internal node; its masks are filled in once its subtrees are known."""
        n = self.node
        n["feature"].append(int(split["split_feature"]))
        n["missing"].append(MISSING[split["missing_type"]])
        n["default_left"].append(bool(split["default_left"]))
        n["tree"].append(tree)
        if split["decision_type"] == "==":
            n["threshold"].append(np.inf)
            n["cats"].append({int(c) for c in str(split["threshold"]).split("||")})
        else:
            n["threshold"].append(float(split["threshold"]))
            n["cats"].append(set())
        self.left_mask.append(0)
        self.right_mask.append(0)
        self.children.append([])
        return len(self.left_mask) - 1

    def next_ref(self, node: dict[str, Any]) -> int:
        """The reference ``node`` will get when added next (see :attr:`children`)."""
        internal = "split_feature" in node
        return len(self.left_mask) if internal else -1 - len(self.leaf_value)

    def arrays(self) -> dict[str, Any]:
        """Everything as numpy arrays (categorical sets as rows of a boolean matrix)."""
        n = self.node
        sets: list[set[int]] = n["cats"]
        width = max((max(s) for s in sets if s), default=0) + 1
        cats = np.zeros((sum(1 for s in sets if s) + 1, width), dtype=bool)
        cat_row = np.zeros(len(sets), dtype=np.int64)
        for i, s in enumerate(s for s in sets if s):
            cats[i + 1, sorted(s)] = True
        cat_row[[i for i, s in enumerate(sets) if s]] = np.arange(1, cats.shape[0])
        lengths = [len(p) for p in self.paths]
        flat_paths = [step for p in self.paths for step in p]
        return {
            "feature": np.array(n["feature"], dtype=np.int64),
            "threshold": np.array(n["threshold"], dtype=np.float64),
            "missing": np.array(n["missing"], dtype=np.int8),
            "default_left": np.array(n["default_left"], dtype=bool),
            "is_cat": np.array([bool(s) for s in sets], dtype=bool),
            "cat_row": cat_row,
            "cats": cats,
            "tree": np.array(n["tree"], dtype=np.int64),
            "left_mask": np.array(self.left_mask, dtype=np.uint64),
            "right_mask": np.array(self.right_mask, dtype=np.uint64),
            "tree_mask": np.array(self.tree_mask, dtype=np.uint64),
            "leaf_value": np.array(self.leaf_value, dtype=np.float64),
            "leaf_start": np.array(self.leaf_start, dtype=np.int64),
            "fixed_leaf": np.array(self.fixed_leaf, dtype=np.int64),
            "children": np.array(self.children, dtype=np.int64).reshape(-1, 2),
            "roots": np.array(self.roots, dtype=np.int64),
            "paths": (
                np.r_[0, np.cumsum(lengths)].astype(np.int64),
                np.array([f for f, _ in flat_paths], dtype=np.int64),
                np.array([g for _, g in flat_paths], dtype=np.float64),
            ),
        }


def flatten(root: dict[str, Any], nodes: Nodes, with_paths: bool) -> list[int]:
    """Add one dumped tree; return its LightGBM leaf index -> global leaf id table."""
    tree, start = len(nodes.leaf_start), len(nodes.leaf_value)
    nodes.leaf_start.append(start)
    nodes.fixed_leaf.append(start)
    lookup: dict[int, int] = {}

    def visit(node: dict[str, Any], path: list[tuple[int, float]]) -> int:
        """Add ``node``'s subtree; return the mask of its leaves (bits from the tree start)."""
        if "split_feature" not in node:
            lookup[int(node.get("leaf_index", 0))] = len(nodes.leaf_value)
            nodes.leaf_value.append(float(node["leaf_value"]))
            nodes.paths.append(path if with_paths else [])
            bit = len(nodes.leaf_value) - 1 - start
            if bit >= MAX_LEAVES:
                raise ValueError(f"compiled trees support at most {MAX_LEAVES} leaves per tree")
            return 1 << bit
        at = nodes.add_node(tree, node)
        feature, here = int(node["split_feature"]), float(node["internal_value"])
        children = []
        for child in (node["left_child"], node["right_child"]):
            nodes.children[at].append(nodes.next_ref(child))
            gain = node_value(child) - here
            children.append(visit(child, [*path, (feature, gain)]))
        nodes.left_mask[at], nodes.right_mask[at] = children
        return children[0] | children[1]

    nodes.roots.append(nodes.next_ref(root))
    nodes.tree_mask.append(visit(root, []))
    return [lookup[i] for i in range(len(lookup))]


def node_value(node: dict[str, Any]) -> float:
    """A dumped node's expected value (a leaf's value)."""
    return float(node["leaf_value"] if "split_feature" not in node else node["internal_value"])


def decide(n: dict[str, Any], at: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Whether each value goes left at each node ``at`` (values x nodes), by LightGBM's
    ``NumericalDecision`` and ``CategoricalDecision``."""
    v = values[:, None]
    nan = np.isnan(v)
    missing = n["missing"][at]
    vz = np.where(nan & (missing != 2), 0.0, v)
    default = ((missing == 1) & (vz > -ZERO) & (vz <= ZERO)) | ((missing == 2) & nan)
    go = np.where(default, n["default_left"][at], vz <= n["threshold"][at])
    cat = n["is_cat"][at]
    if cat.any():
        cats = n["cats"]
        # NaN and negative codes go right (LightGBM 4: whatever the missing type)
        code = np.trunc(v)
        ok = ~nan & (code > -1) & (code < cats.shape[1])
        index = np.where(ok, code, 0.0).astype(np.int64)
        inside = ok & cats[n["cat_row"][at][None, :], index]
        go = np.where(cat, inside, go)
    return np.asarray(go, dtype=bool)
