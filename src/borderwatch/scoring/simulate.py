"""Selection-bias simulator: what a targeting policy learns when it sees only the outcomes
of what it inspected.

The labelled timeline is cut into weeks. Each week a policy inspects ``rate`` of that
week's declarations and learns the labels of those only (after the usual label delay, via
the point-in-time features); every ``retrain_every`` weeks its model is retrained on what
it has inspected so far. The first ``warmup_weeks`` are inspected at random (no model yet),
the same for every policy. Per week: precision, recall and revenue captured, each divided
by the oracle's, which inspects the same number of declarations knowing the truth (the
true findings for precision and recall, the highest revenue for revenue).

Policies: ``exploit`` (top scores only), ``explore-random`` (``explore`` of the budget at
random among the rest) and ``explore-uncertain`` (``explore`` of the budget to the rest's
most uncertain scores, probability nearest 0.5).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import lightgbm as lgb
import numpy as np
import polars as pl

from borderwatch.errors import FieldError, InvalidInput
from borderwatch.scoring.columnar import matrix
from borderwatch.scoring.features import FEATURES, NAMES
from borderwatch.scoring.history import History
from borderwatch.scoring.table import CATEGORICAL

POLICIES = ("exploit", "explore-random", "explore-uncertain")
Report = Callable[[str, int, int], None]


@dataclass(frozen=True)
class SimConfig:
    """Simulation settings (small models so the full KCS timeline runs in minutes)."""

    rate: float = 0.05
    retrain_every: int = 4
    warmup_weeks: int = 4
    explore: float = 0.10
    rounds: int = 60
    smoothing: float = 20.0
    label_delay_days: float = 30.0
    seed: int = 7


def _weeks(table: pl.DataFrame) -> np.ndarray:
    day = table["day"].to_numpy()
    return np.asarray(((day - day.min()) // 7).astype(np.int64))


def _fit(x: np.ndarray, y: np.ndarray, config: SimConfig) -> lgb.Booster | None:
    if y.size < 20 or y.min() == y.max():
        return None
    categorical = [f.name for f in FEATURES if f.categorical]
    data = lgb.Dataset(x, y, feature_name=NAMES, categorical_feature=categorical)
    params = {
        "objective": "binary",
        "learning_rate": 0.1,
        "num_leaves": 15,
        "min_data_in_leaf": 10,
        "verbose": -1,
        "num_threads": 1,
        "seed": config.seed,
    }
    return lgb.train(params, data, config.rounds)


def _choose(
    policy: str, p: np.ndarray, k: int, config: SimConfig, rng: np.random.Generator
) -> np.ndarray:
    """Positions (into the week's rows) the policy inspects."""
    n_explore = 0 if policy == "exploit" else round(config.explore * k)
    order = np.argsort(-p, kind="stable")
    chosen, rest = order[: k - n_explore], order[k - n_explore :]
    if n_explore == 0 or rest.size == 0:
        return chosen
    if policy == "explore-random":
        extra = rng.choice(rest, size=min(n_explore, rest.size), replace=False)
    else:
        extra = rest[np.argsort(np.abs(p[rest] - 0.5), kind="stable")[:n_explore]]
    return np.concatenate([chosen, extra])


def _metrics(
    label: np.ndarray, revenue: np.ndarray, picked: np.ndarray, k: int
) -> dict[str, float]:
    """The week's figures and the same divided by the oracle's (NaN when the oracle's is 0)."""
    found, captured = float(label[picked].sum()), float(revenue[picked].sum())
    total, total_rev = float(label.sum()), float(revenue.sum())
    oracle_found = min(k, total)
    oracle_revenue = float(np.sort(revenue)[::-1][:k].sum())
    nan = float("nan")
    return {
        "precision": found / k,
        "recall": found / total if total else nan,
        "revenue": captured / total_rev if total_rev else nan,
        "precision_vs_oracle": found / oracle_found if oracle_found else nan,
        "recall_vs_oracle": found / oracle_found if oracle_found else nan,
        "revenue_vs_oracle": captured / oracle_revenue if oracle_revenue else nan,
    }


def _week_features(
    table: pl.DataFrame, known: np.ndarray, end: int, config: SimConfig
) -> np.ndarray:
    """Features of the first ``end`` rows with only the ``known`` labels (point in time)."""
    labels = pl.Series("label", known[:end]).fill_nan(None).cast(pl.Int8)
    prefix = table[:end].with_columns(labels)
    seen = known[:end][~np.isnan(known[:end])]
    prior = float(seen.mean()) if seen.size else 0.1
    history = History(prior, config.smoothing, config.label_delay_days)
    vocab = {
        c: {v: i for i, v in enumerate(prefix[c].drop_nulls().unique(maintain_order=True))}
        for c in CATEGORICAL
    }
    return matrix(prefix, history, vocab, learn=True, keep=False)


def run_policy(
    table: pl.DataFrame, policy: str, config: SimConfig, report: Report | None = None
) -> tuple[list[dict[str, float | int | str]], np.ndarray]:
    """The weekly results of one policy over a labelled flat table in lodging order, and
    which rows it inspected."""
    rng = np.random.default_rng(config.seed)
    week = _weeks(table)
    label = table["label"].to_numpy().astype(np.float64)
    revenue = table["revenue"].fill_null(0.0).to_numpy()
    known = np.full(table.height, np.nan)
    x_seen = np.empty((table.height, len(NAMES)))
    booster: lgb.Booster | None = None
    out: list[dict[str, float | int | str]] = []
    # A label of day d is used from day d + delay on, so features of the next `block` weeks
    # cannot depend on inspections made from this week on: compute them once per block.
    block, computed = max(1, int(config.label_delay_days // 7)), 0
    for w in range(int(week.max()) + 1):
        idx = np.flatnonzero(week == w)
        if idx.size == 0:
            continue
        k = max(1, round(config.rate * idx.size))
        if idx[0] >= computed:
            start, end = np.searchsorted(week, [w, w + block])
            x_seen[start:end] = _week_features(table, known, int(end), config)[start:]
            computed = int(end)
        x = x_seen[idx]
        if w >= config.warmup_weeks and (w - config.warmup_weeks) % config.retrain_every == 0:
            inspected = np.flatnonzero(~np.isnan(known))
            booster = _fit(x_seen[inspected], known[inspected], config) or booster
        if booster is None:
            picked = rng.choice(idx.size, size=k, replace=False)
        else:
            p = np.asarray(booster.predict(x, num_threads=1))
            picked = _choose(policy, p, k, config, rng)
        known[idx[picked]] = label[idx[picked]]
        row = _metrics(label[idx], revenue[idx], picked, k)
        out.append({"policy": policy, "week": w, "declarations": int(idx.size), **row})
        if report is not None:
            report(policy, w, int(week.max()) + 1)
    return out, ~np.isnan(known)


def simulate(
    table: pl.DataFrame, config: SimConfig | None = None, report: Report | None = None
) -> pl.DataFrame:
    """Weekly results of every policy (one row per policy and week)."""
    config = config or SimConfig()
    if table["label"].null_count():
        raise InvalidInput("simulation needs labels", [FieldError("Fraud", "is missing")])
    if not 0 < config.rate < 1:
        raise InvalidInput("bad rate", [FieldError("--rate", "must be between 0 and 1")])
    results = [r for p in POLICIES for r in run_policy(table, p, config, report)[0]]
    return pl.DataFrame(results)


def summary(weekly: pl.DataFrame, warmup_weeks: int) -> pl.DataFrame:
    """Mean weekly figures per policy after the warm-up weeks."""
    after = weekly.filter(pl.col("week") >= warmup_weeks)
    columns = ("precision", "recall", "revenue")
    return (
        after.group_by("policy", maintain_order=True)
        .agg(
            pl.len().alias("weeks"),
            *(pl.col(c).mean() for c in columns),
            *(pl.col(f"{c}_vs_oracle").mean() for c in columns),
        )
        .sort("policy")
    )
