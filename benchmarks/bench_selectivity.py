"""Selectivity: planted security threats selected at the overall inspection rate, against a
random selection at the same rate and a rules-only selection; real-time latency (p50/p99),
cold and with the known traders prescreened; batch throughput on one and two processes
(decisions checked identical)."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from borderwatch.cli.synth import shipped_watchlist
from borderwatch.memory import settle
from borderwatch.model import Declaration, validate_declaration
from borderwatch.model.decisions import Decision, ReasonKind
from borderwatch.scoring import TrainConfig, table_of, train_model
from borderwatch.screening import clear_matcher_caches
from borderwatch.selectivity import Assessor, CapacityMode, build_assessor, load_policy
from borderwatch.selectivity.policy import Policy, parse_policy
from borderwatch.selectivity.report import SECURITY_PATTERNS
from borderwatch.synth import generate

DAYS = 120


def _policy(per_day: int) -> Policy:
    data = load_policy().model_dump(mode="json")
    data["default"].update(
        expected_daily=per_day,
        capacity={"physical": max(1, int(0.035 * per_day)), "documentary": int(0.01 * per_day)},
        max_rate=0.05,
        target_rate=0.03,
    )
    data["offices"] = {}
    return parse_policy(data)


def _pattern(record: dict[str, Any]) -> str | None:
    labels = record["outcome"]["labels"]
    return str(labels[0]) if labels else None


def _share(selected: list[bool], threat: list[bool]) -> tuple[int, int]:
    planted = sum(threat)
    return sum(s and t for s, t in zip(selected, threat, strict=True)), planted


def _rules_only(d: Decision) -> bool:
    return any(r.kind is ReasonKind.RULE and r.weight > 0 for r in d.reasons)


def _latency(
    make: Any, decls: list[Declaration], n: int, known: list[dict[str, Any]] | None = None
) -> tuple[float, float]:
    assessor = make()
    if known is not None:
        assessor.prescreen(known)
    else:  # cold: nothing the process read before (the batch runs) is remembered
        clear_matcher_caches()
    settle()  # as a service does once its components are built (borderwatch.memory)
    times = []
    for d in decls[:n]:
        began = time.perf_counter()
        assessor.assess(d)
        times.append(time.perf_counter() - began)
    times.sort()
    return times[len(times) // 2] * 1e3, times[int(0.99 * len(times))] * 1e3


def run(quick: bool) -> str:
    count = 30_000 if quick else 120_000
    runs = 3
    records = list(generate(count, seed=42, days=DAYS, threat_rate=0.003,
                            watchlist=shipped_watchlist()))  # fmt: skip
    split = count // 3
    train = table_of(validate_declaration(r) for r in records[:split])
    train = train.filter(train["label"].is_not_null())
    assess_records = records[split:]
    decls = [validate_declaration(r) for r in assess_records]
    policy = _policy(per_day=count // DAYS)
    with tempfile.TemporaryDirectory() as tmp:
        model_dir = Path(tmp) / "model"
        train_model(train, model_dir, TrainConfig(rounds=100), created_by="benchmark")

        def make(workers: int = 1) -> Assessor:
            return build_assessor(policy=policy, model_dir=model_dir, workers=workers)

        load_before = os.getloadavg()[0]
        batch_times: dict[int, list[float]] = {1: [], 2: []}
        starts, decided = [], {}
        known = records[:split]
        for _ in range(runs):
            for workers in (1, 2):
                assessor = make(workers)
                began = time.perf_counter()
                assessor.prescreen(known)
                if assessor.start_workers(known):
                    starts.append(time.perf_counter() - began)
                settle()
                began = time.perf_counter()
                result = assessor.assess_batch(assess_records, CapacityMode.RANK)
                batch_times[workers].append(time.perf_counter() - began)
                assessor.close()
                decided[workers] = [d.comparable() for d in result.decisions]
        identical = decided[1] == decided[2]
        size = 500 if quick else 2000
        lat = [_latency(make, decls, size) for _ in range(runs)]
        warm = [_latency(make, decls, size, known) for _ in range(runs)]
        load_after = os.getloadavg()[0]
    by_id = {r["source_id"]: _pattern(r) for r in assess_records}
    threat = [by_id[d.source_id] in SECURITY_PATTERNS for d in result.decisions]
    selected = [d.lane.selected for d in result.decisions]
    n = len(result.decisions)
    rate = sum(selected) / n
    caught, planted = _share(selected, threat)
    rng = np.random.default_rng(7)
    shares = []
    for _ in range(25):
        pick = list(rng.random(n) < rate)
        shares.append(_share(pick, threat)[0] / max(planted, 1))
    rules = [_rules_only(d) for d in result.decisions]
    r_caught, _ = _share(rules, threat)
    per_s = {w: statistics.median(n / t for t in ts) for w, ts in batch_times.items()}
    p50 = statistics.median(x[0] for x in lat)
    p99 = statistics.median(x[1] for x in lat)
    w50 = statistics.median(x[0] for x in warm)
    w99 = statistics.median(x[1] for x in warm)
    start_s = statistics.median(starts) if starts else float("nan")
    patterns: dict[str, list[int]] = {}
    for d, s in zip(result.decisions, selected, strict=True):
        p = by_id[d.source_id]
        if p is not None:
            patterns.setdefault(p, [0, 0])
            patterns[p][0] += 1
            patterns[p][1] += s
    rows = "\n".join(f"| {p} | {v[0]} | {v[1]} |" for p, v in sorted(patterns.items()))
    quick_note = " --quick" if quick else ""
    ours = f"{caught} / {planted} ({100 * caught / max(planted, 1):.1f} %)"
    by_rules = f"{r_caught} / {planted} ({100 * r_caught / max(planted, 1):.1f} %)"
    by_chance = f"{100 * statistics.median(shares):.1f} %"
    rules_rate = f"{100 * sum(rules) / n:.2f} %"
    slower = (
        " Two processes were slower than one in this run: both share 2 noisy cores, and the"
        " assessor's process also records the worker's history facts, reads its candidates"
        " back and applies capacity to the whole batch; `workers=1` is the default."
        if per_s[2] < per_s[1]
        else ""
    )
    return f"""### Selectivity (lanes within capacity, generated trade with planted threats)

Command: `.venv/bin/python -m benchmarks selectivity{quick_note}`. Data: `borderwatch.synth`
seed 42, {count:,} declarations over {DAYS} days, threat rate 0.3 %, shipped watchlists; the
model is trained (100 rounds) on the inspected declarations of the first third; the other
{n:,} are assessed in one batch (`rank` capacity: {policy.default.capacity.physical} physical
and {policy.default.capacity.documentary} documentary controls a day, max rate 5 %). Medians
of {runs} runs, one and two processes alternating; baselines from the same run. Load average
(1 min) {load_before:.1f} before and {load_after:.1f} after, on a machine with
{os.cpu_count()} cores shared with other work: figures are noisy, and two processes only help
when a second core is free.

| selection | inspection rate | planted security threats selected | target |
|---|---|---|---|
| Borderwatch (screening, rules, model) | {100 * rate:.2f} % | {ours} | >= 95 % at <= 5 % |
| random at the same rate (median of 25 draws) | {100 * rate:.2f} % | {by_chance} | |
| rules only (any weighted rule hit, no capacity) | {rules_rate} | {by_rules} | |

| planted pattern | planted | selected |
|---|---|---|
{rows}

| speed | measured | target |
|---|---|---|
| real time, cold: new assessor, screening memos empty (p50) | {p50:.2f} ms | |
| real time, cold: new assessor, screening memos empty (p99) | {p99:.2f} ms | <= 10 ms |
| real time, known traders prescreened (p50) | {w50:.2f} ms | |
| real time, known traders prescreened (p99) | {w99:.2f} ms | <= 10 ms |
| batch, dicts in, validated, decisions out, 1 process | {per_s[1]:,.0f} /s | |
| batch, same, 2 processes (`workers=2`) | {per_s[2]:,.0f} /s | >= 20,000/s, 2 cores |

Two processes gave {"identical" if identical else "DIFFERENT"} decisions to one. Before each
batch run the assessor, and with two processes its worker, prescreens the parties of the first
third (the known traders), as a long-lived service has them screened when a list version
loads; with two processes that start (spawn, load components, prescreen, assess 200 known
declarations once to warm up) took {start_s:.1f} s, not in the batch time; then the process
settles (`borderwatch.memory.settle`: one collection, then the long-lived components out of
the collector's sight, as the API service and `borderwatch assess` do). Each run builds a
new assessor, so its worker's replica of the history is sent whole (a later batch sends only
the facts of the chunk it did not assess). "Cold": a new assessor, so each trader's first
declaration pays for screening its parties. "Prescreened": the known traders screened with
`Assessor.prescreen` first.{slower}
"""
