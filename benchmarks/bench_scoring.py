"""ML risk scoring on the KCS synthetic declarations: train on 2020, test on Q1 2021.

Compares the Borderwatch scorer with plain XGBoost (default parameters) on the raw columns,
measured in the same run; also training time, batch throughput and one-declaration latency.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import polars as pl
import xgboost as xgb

from borderwatch.scoring import load, train_model
from borderwatch.scoring.kcs import read_kcs, read_kcs_files
from borderwatch.scoring.metrics import RATES, evaluate
from borderwatch.scoring.service import ORDERS
from borderwatch.scoring.simulate import SimConfig, simulate, summary
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


def _median_rate(height: int, action: Callable[[], object], runs: int = 5) -> float:
    rates = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        rates.append(height / (time.perf_counter() - started))
    return statistics.median(rates)


def _ours(
    train: pl.DataFrame, test: pl.DataFrame, out: Path
) -> tuple[dict[str, np.ndarray], dict[str, float]]:
    started = time.perf_counter()
    train_model(train, out, created_by="benchmark")
    timing = {"train_s": time.perf_counter() - started}
    scorer, _manifest = load(out)
    scores = {by: scorer.scores(test, by=by) for by in ORDERS}
    timing["rows_per_s"] = _median_rate(test.height, lambda: scorer.scores(test))
    timing["features_per_s"] = _median_rate(test.height, lambda: scorer.matrix(test, False))
    x = scorer.matrix(test, keep=False)
    timing["predict_per_s"] = _median_rate(
        test.height, lambda: scorer.trained.booster.predict(x, raw_score=True, num_threads=2)
    )
    latencies = []
    for row in rows(test)[:2000]:
        started = time.perf_counter()
        scorer.score_row(row)
        latencies.append(time.perf_counter() - started)
    timing["p50_ms"] = float(np.percentile(latencies, 50) * 1e3)
    timing["p99_ms"] = float(np.percentile(latencies, 99) * 1e3)
    shap = np.asarray(scorer.trained.booster.predict(x[:500], pred_contrib=True))[:, :-1]
    saabas = np.array([scorer.forest.contributions(r) for r in x[:500]])
    top_shap, top_saabas = np.argsort(-shap, 1)[:, :3], np.argsort(-saabas, 1)[:, :3]
    timing["same_first"] = float((top_shap[:, 0] == top_saabas[:, 0]).mean())
    overlap = [len(set(a) & set(b)) / 3 for a, b in zip(top_shap, top_saabas, strict=True)]
    timing["top3_overlap"] = float(np.mean(overlap))
    return scores, timing


def _table(
    ours: dict[str, float], revenue_order: dict[str, float], base: dict[str, float]
) -> list[str]:
    targets = {"precision@5%": ">= 0.93", "precision@10%": ">= 0.83"}
    lines = [
        "| metric (Q1 2021) | Borderwatch | ranked by expected revenue | plain XGBoost | target |",
        "|---|---|---|---|---|",
    ]
    names = [f"{m}@{r:.0%}" for r in RATES for m in ("precision", "recall", "revenue")] + ["auc"]
    for name in names:
        lines.append(
            f"| {name} | {ours[name]:.3f} | {revenue_order[name]:.3f} | {base[name]:.3f} "
            f"| {targets.get(name, '')} |"
        )
    return lines


def _simulation(quick: bool) -> list[str]:
    """Selection-bias simulation over 2020 + Q1 2021 at 5% a week."""
    if quick:
        return ["(simulation skipped in --quick runs)"]
    table = read_kcs_files(
        [DATA / "df_syn_train_eng.csv", DATA / "df_syn_valid_eng.csv"], labelled=True
    )
    started = time.perf_counter()
    weekly = simulate(table, SimConfig())
    seconds = time.perf_counter() - started
    lines = [
        f"Command: `borderwatch model simulate --data 2020.csv --data 2021q1.csv --chart sim.png` "
        f"({weekly['week'].n_unique()} weeks, 5% a week, random for the first 4 weeks, "
        f"retrained every 4 weeks on what was inspected; {seconds:.0f} s). Weekly means after "
        "the warm-up; *vs oracle*: divided by what inspecting the true findings (precision, "
        "recall) or the highest revenue (revenue) would give. One seed: differences of a few "
        "points between policies are within run-to-run noise.",
        "",
        "| policy | precision | recall | revenue | precision vs oracle | revenue vs oracle |",
        "|---|---|---|---|---|---|",
    ]
    for r in summary(weekly, 4).iter_rows(named=True):
        lines.append(
            f"| {r['policy']} | {r['precision']:.3f} | {r['recall']:.3f} | {r['revenue']:.3f} "
            f"| {r['precision_vs_oracle']:.3f} | {r['revenue_vs_oracle']:.3f} |"
        )
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
| unit-value sums quantised to 2^-20 (chosen config rerun) | 0.912 | 0.800 | 0.846 | yes |
| 200 rounds, learning rate 0.1 (2x faster predict) | 0.894 | 0.781 | 0.836 | no |
| 150 rounds, learning rate 0.1 | 0.898 | 0.780 | 0.837 | no |
| 100 rounds, learning rate 0.15 (4x faster predict) | 0.896 | 0.781 | 0.835 | no |
| 15 leaves, 250 rounds, learning rate 0.1 | 0.903 | 0.788 | 0.840 | no |

Quantised sums are integers, exact in any order, so the vectorised batch path and the
incremental path agree to the bit. The rerun shows how noisy the validation precision is:
a change of about 1e-6 in two features moved p@5% from 0.935 to 0.912, AUC unchanged.
The smaller models would lift batch throughput (LightGBM's predict is most of the batch
time) but lose about 0.015 precision at 5% and 10% and 0.01 AUC on validation, so the
400-round model stays.

Simulation seeds (outside this run; weekly means after warm-up, seeds 7, 1, 2, 3):
precision exploit 0.42 / 0.38 / 0.41 / 0.40, explore-uncertain 0.37 / 0.40 / 0.39 / 0.40,
explore-random 0.36 / 0.37 / 0.37 / 0.36; revenue vs oracle ranges from 0.001 to 0.19 for
every policy across seeds (a few very large revenues decide it), so it ranks nothing.
"""


def run(quick: bool) -> str:
    train = read_kcs(DATA / "df_syn_train_eng.csv", labelled=True)
    test = read_kcs(DATA / "df_syn_valid_eng.csv", labelled=True)
    label = test["label"].to_numpy().astype(float)
    revenue = test["revenue"].to_numpy()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        scores, t = _ours(train, test, Path(tmp) / "model")
    load_after = os.getloadavg()[0]
    base = evaluate(label, revenue, _baseline(train, test))
    ours = evaluate(label, revenue, scores["probability"])
    by_revenue = evaluate(label, revenue, scores["expected-revenue"])
    lines = [
        "### ML risk scoring (KCS: train 2020, test Q1 2021)",
        "",
        f"Command: `{COMMAND}`. Data: `../shared/data/kcs` (37,385 rows of 2020, "
        f"{test.height:,} of Q1 2021). Selected = top n% by score (the headline ranking is by "
        "calibrated probability; the second column ranks the same model's scores by "
        "probability x predicted revenue); revenue = Item Price x Tax Rate / 100 of "
        "fraudulent rows, share captured. Baseline: `XGBClassifier()` with default parameters "
        "on the raw columns (codes numbered, no history), same run.",
        "",
        *_table(ours, by_revenue, base),
        "",
        f"Speed: medians of 5 runs on 2 cores shared with other engineers' jobs (1-minute load "
        f"average {load_before:.1f} before, {load_after:.1f} after): wall-clock figures are "
        "inflated by the load and vary by 2x between runs.",
        "",
        "| speed | measured | target |",
        "|---|---|---|",
        f"| training on 2020 (features + 3 boosters) | {t['train_s']:.1f} s | < 120 s |",
        f"| batch scoring, features + model | {t['rows_per_s']:,.0f} rows/s | >= 100,000 rows/s |",
        f"| of which: vectorised point-in-time features alone | {t['features_per_s']:,.0f} "
        "rows/s | |",
        f"| of which: LightGBM predict alone (400 trees, 2 threads) | {t['predict_per_s']:,.0f} "
        "rows/s | |",
        f"| one declaration with reasons (compiled trees), p50 / p99 | {t['p50_ms']:.2f} / "
        f"{t['p99_ms']:.2f} ms | ~1-2 ms |",
        f"| Saabas reasons vs TreeSHAP (500 rows): same first reason / top-3 overlap "
        f"| {t['same_first']:.0%} / {t['top3_overlap']:.0%} | |",
        "",
        "#### Selection-bias simulation",
        "",
        *_simulation(quick),
        EXPERIMENTS,
    ]
    return "\n".join(lines)
