"""ML risk scoring on the KCS synthetic declarations: train on 2020, test on Q1 2021.

Compares the Borderwatch scorer with plain XGBoost (default parameters) on the raw columns,
measured in the same run; also training time, batch throughput and one-declaration latency.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import polars as pl
import xgboost as xgb

from borderwatch.scoring import load, train_model
from borderwatch.scoring.kcs import read_kcs
from borderwatch.scoring.metrics import RATES, evaluate
from borderwatch.scoring.table import CATEGORICAL, rows

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "kcs"
COMMAND = ".venv/bin/python -m benchmarks scoring"
RAW_NUMERIC = ("tax_rate", "net_mass", "value")
RAW_CODES = (*CATEGORICAL, "importer", "declarant", "seller", "courier", "hs6")


def _raw(train: pl.DataFrame, test: pl.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Raw columns; text codes numbered by first appearance in training (unseen: missing)."""
    cols_train, cols_test = [], []
    for c in RAW_CODES:
        vocab = {v: i for i, v in enumerate(train[c].unique(maintain_order=True).to_list())}
        cols_train.append([vocab.get(v, np.nan) for v in train[c].to_list()])
        cols_test.append([vocab.get(v, np.nan) for v in test[c].to_list()])
    x_train = np.column_stack([*cols_train, *(train[c].to_numpy() for c in RAW_NUMERIC)])
    x_test = np.column_stack([*cols_test, *(test[c].to_numpy() for c in RAW_NUMERIC)])
    return x_train.astype(float), x_test.astype(float)


def _baseline(train: pl.DataFrame, test: pl.DataFrame) -> np.ndarray:
    x_train, x_test = _raw(train, test)
    model = xgb.XGBClassifier(n_jobs=1)
    model.fit(x_train, train["label"].to_numpy())
    return np.asarray(model.predict_proba(x_test)[:, 1])


def _ours(
    train: pl.DataFrame, test: pl.DataFrame, out: Path
) -> tuple[np.ndarray, dict[str, float]]:
    started = time.perf_counter()
    train_model(train, out, created_by="benchmark")
    timing = {"train_s": time.perf_counter() - started}
    throughput, score = [], np.empty(0)
    for _ in range(3):
        scorer, _manifest = load(out)
        started = time.perf_counter()
        score = scorer.scores(test)
        throughput.append(test.height / (time.perf_counter() - started))
    timing["rows_per_s"] = statistics.median(throughput)
    scorer, _manifest = load(out)
    latencies = []
    for row in rows(test)[:2000]:
        started = time.perf_counter()
        scorer.score_row(row)
        latencies.append(time.perf_counter() - started)
    timing["p50_ms"] = float(np.percentile(latencies, 50) * 1e3)
    timing["p99_ms"] = float(np.percentile(latencies, 99) * 1e3)
    return score, timing


def _table(ours: dict[str, float], base: dict[str, float]) -> list[str]:
    targets = {"precision@5%": ">= 0.93", "precision@10%": ">= 0.83"}
    lines = ["| metric (Q1 2021) | Borderwatch | plain XGBoost | target |", "|---|---|---|---|"]
    names = [f"{m}@{r:.0%}" for r in RATES for m in ("precision", "recall", "revenue")] + ["auc"]
    for name in names:
        lines.append(f"| {name} | {ours[name]:.3f} | {base[name]:.3f} | {targets.get(name, '')} |")
    return lines


EXPERIMENTS = """
#### Experiments

Chosen on a validation split carved out of 2020 (train January-September, validate
October-December with labels frozen at 30 September, as Q1 2021 sees only 2020 labels);
Q1 2021 was scored once with the chosen configuration. Validation figures are
precision@5% / precision@10% / AUC (431 and 862 rows selected: +-0.015 is noise).

| experiment (validation, Oct-Dec 2020) | p@5% | p@10% | AUC | kept? |
|---|---|---|---|---|
| smoothing 5, label delay 0 days | 0.921 | 0.800 | 0.848 | no |
| smoothing 5, label delay 30 days | 0.921 | 0.798 | 0.845 | no |
| smoothing 5, label delay 60 days | 0.914 | 0.794 | 0.845 | no |
| smoothing 20, label delay 0 days | 0.912 | 0.806 | 0.846 | no |
| **smoothing 20, label delay 30 days (chosen)** | 0.935 | 0.794 | 0.846 | yes |
| smoothing 20, label delay 60 days | 0.905 | 0.803 | 0.843 | no |
| skip first 30 days of training rows (warm-up) | 0.926 | 0.790 | 0.841 | no |
| skip first 60 days | 0.912 | 0.787 | 0.840 | no |
| skip first 90 days | 0.905 | 0.778 | 0.836 | no |
| learning rate 0.02, 1000 rounds | 0.907 | 0.786 | 0.847 | no |
| 15 leaves, 600 rounds | 0.898 | 0.793 | 0.843 | no |
| 63 leaves, 300 rounds | 0.910 | 0.786 | 0.846 | no |
| without the categorical codes | 0.907 | 0.791 | 0.842 | no |
| without the count features | 0.923 | 0.797 | 0.844 | no |
| 2 OpenMP threads (shared cores): training 15x slower | - | - | - | no: 1 thread |
"""


def run(quick: bool) -> str:
    train = read_kcs(DATA / "df_syn_train_eng.csv", labelled=True)
    test = read_kcs(DATA / "df_syn_valid_eng.csv", labelled=True)
    label = test["label"].to_numpy().astype(float)
    revenue = test["revenue"].to_numpy()
    with tempfile.TemporaryDirectory() as tmp:
        score, timing = _ours(train, test, Path(tmp) / "model")
    base = evaluate(label, revenue, _baseline(train, test))
    ours = evaluate(label, revenue, score)
    lines = [
        "### ML risk scoring (KCS: train 2020, test Q1 2021)",
        "",
        f"Command: `{COMMAND}`. Data: `../shared/data/kcs` (37,385 rows of 2020, "
        f"{test.height:,} of Q1 2021). Selected = top n% by score; revenue = Item Price x "
        "Tax Rate / 100 of fraudulent rows, share captured. Baseline: `XGBClassifier()` with "
        "default parameters on the raw columns (codes numbered, no history), same run.",
        "",
        *_table(ours, base),
        "",
        "| speed | measured | target |",
        "|---|---|---|",
        f"| training on 2020 (features + 3 boosters) | {timing['train_s']:.1f} s | < 120 s |",
        f"| batch scoring, features + model (median of 3) | {timing['rows_per_s']:,.0f} rows/s "
        "| >= 100,000 rows/s |",
        f"| one declaration with reasons, p50 / p99 | {timing['p50_ms']:.2f} / "
        f"{timing['p99_ms']:.2f} ms | p99 well under 1 ms |",
        EXPERIMENTS,
    ]
    return "\n".join(lines)
