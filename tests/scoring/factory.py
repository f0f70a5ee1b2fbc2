"""Random flat tables for oracle tests: values drawn from real KCS rows plus invented
parties and codes, so keys repeat within a batch and some were never seen in training."""

from __future__ import annotations

import numpy as np
import polars as pl

from borderwatch.scoring.table import SCHEMA


def random_table(train: pl.DataFrame, valid: pl.DataFrame, n: int, seed: int) -> pl.DataFrame:
    """``n`` random rows in lodging order, labelled at random (a few labels missing)."""
    rng = np.random.default_rng(seed)
    pool = pl.concat([train, valid])
    out: dict[str, list[object]] = {}
    for name in SCHEMA:
        values = pool[name].to_list()
        out[name] = [values[i] for i in rng.integers(0, len(values), n)]
    for name in ("importer", "declarant", "seller", "hs6", "office", "origin"):
        invented = [f"NEW{i}" if name != "hs6" else f"99{i:04d}" for i in range(5)]
        out[name] = [invented[rng.integers(0, 5)] if rng.random() < 0.15 else v for v in out[name]]
    out["seller"] = [None if rng.random() < 0.2 else v for v in out["seller"]]
    out["declaration_id"] = [f"R{i}" for i in range(n)]
    out["day"] = sorted(float(d) + rng.integers(0, 3) for d in out["day"])
    out["net_mass"] = [0.0 if rng.random() < 0.05 else m for m in out["net_mass"]]
    out["label"] = [None if rng.random() < 0.1 else int(rng.random() < 0.3) for _ in range(n)]
    return pl.DataFrame(out, schema=SCHEMA)
