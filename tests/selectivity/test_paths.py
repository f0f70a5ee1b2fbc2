"""Real time and batch give identical decisions for the same input and versions; re-running
with the recorded versions gives the same decisions."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from borderwatch.model import Declaration
from borderwatch.processes import THREADS
from borderwatch.selectivity import Assessor, BatchResult, CapacityMode, parallel
from tests.selectivity.conftest import TRAIN, policy_with


def test_real_time_and_batch_budget_mode_agree_even_when_capacity_binds(
    make: Callable[..., Assessor], fresh: list[Declaration]
) -> None:
    tight = policy_with(capacity={"physical": 1, "documentary": 1}, random_rate=0.01,
                        target_rate=0.02, thresholds={"red": 0.3, "yellow": 0.1})  # fmt: skip
    realtime = make(tight)
    one = [realtime.assess(d) for d in fresh]
    batch = make(tight).assess_batch(fresh, CapacityMode.BUDGET).decisions
    assert [d.comparable() for d in one] == [d.comparable() for d in batch]
    assert any(d.overflow for d in one), "capacity should bind in this test"
    assert any(d.random for d in one), "the control sample should be drawn in this test"
    assert any(d.reasons and d.versions.model for d in one)


def test_rank_mode_equals_real_time_when_capacity_does_not_bind(
    make: Callable[..., Assessor], fresh: list[Declaration]
) -> None:
    ample = policy_with(capacity={"physical": 10_000, "documentary": 10_000}, max_rate=1.0)
    realtime = make(ample)
    one = [realtime.assess(d) for d in fresh]
    batch = make(ample).assess_batch(fresh, CapacityMode.RANK).decisions
    assert [d.comparable() for d in one] == [d.comparable() for d in batch]
    assert not any(d.overflow for d in batch)
    assert sum(d.lane.selected for d in batch) > 0


def test_rank_mode_selects_by_expected_value_within_the_day(
    make: Callable[..., Assessor], fresh: list[Declaration]
) -> None:
    tight = policy_with(capacity={"physical": 2, "documentary": 0}, random_rate=0.0,
                        target_rate=0.0, thresholds={"red": 0.05, "yellow": 0.05})  # fmt: skip
    result = make(tight).assess_batch(fresh, CapacityMode.RANK)
    by_day: dict[str, list[tuple[float, bool, bool]]] = {}
    for d in result.decisions:
        if d.basis.value in ("risk", "none"):
            by_day.setdefault(d.lodged_at.date().isoformat(), []).append(
                (d.expected_value, d.lane.selected, d.overflow)
            )
    checked = 0
    for rows in by_day.values():
        chosen = [ev for ev, sel, _ in rows if sel]
        passed = [ev for ev, sel, over in rows if over and not sel]
        if chosen and passed:
            assert min(chosen) >= max(passed)
            checked += 1
    assert checked > 0
    assert result.overflow and all(day["overflow"] for day in result.overflow)


def test_rerun_with_the_recorded_versions_gives_the_same_decisions(
    make: Callable[..., Assessor], fresh: list[Declaration]
) -> None:
    first = make().assess_batch(fresh).decisions
    again = make()
    assert again.versions == first[0].versions
    second = again.assess_batch(fresh).decisions
    assert [d.comparable() for d in first] == [d.comparable() for d in second]


def _both(
    one: Assessor, other: Assessor, part: list[dict[str, Any]], processes: int
) -> tuple[BatchResult, BatchResult]:
    """``part`` assessed by ``one`` (on one process) and ``other`` (on ``processes``), with
    the same decisions (``budget`` mode)."""
    a = one.assess_batch(part, CapacityMode.BUDGET)
    b = other.assess_batch(part, CapacityMode.BUDGET)
    assert (a.processes, b.processes) == (1, processes)
    assert [d.comparable() for d in a.decisions] == [d.comparable() for d in b.decisions]
    return a, b


def test_two_processes_give_the_decisions_and_refusals_of_one(
    make: Callable[..., Assessor], records: list[dict[str, Any]]
) -> None:
    raw = [dict(r) for r in records[TRAIN:]]
    raw[7] = {**raw[7], "office": ""}  # invalid: refused at its position on either path
    tight = policy_with(capacity={"physical": 1, "documentary": 1}, random_rate=0.01,
                        target_rate=0.02, thresholds={"red": 0.3, "yellow": 0.1})  # fmt: skip
    one, two = make(tight), make(tight, workers=2)
    try:
        assert two.start_workers()
        # the first batch runs on two processes (the worker's replica sent whole), the second
        # too (the replica brought up to date with the facts of the chunk it did not assess);
        # the third, on one, reads the history built from the facts the worker sent back; a
        # real-time assessment before the fourth makes the replica stale (sent whole again).
        # Batches lodge some declarations again: the history counts them again on both paths.
        steps = [(raw[:1000], 2), (raw[500:], 2), (raw[1000:1400], 1), (raw[:1000], 2)]
        for step, (part, processes) in enumerate(steps):
            if step == 3:
                assert one.assess(raw[1400]).comparable() == two.assess(raw[1400]).comparable()
            a, b = _both(one, two, part, processes)
            assert [(r.position, r.source_id) for r in a.refusals] == [
                (r.position, r.source_id) for r in b.refusals
            ]
            assert a.overflow == b.overflow
        assert [r.position for r in make(tight).assess_batch(raw[:10]).refusals] == [7]
        # a batch the raw lodging times cannot order, and one on a broken pool, run on one
        # process with the same decisions
        unordered = [{**r, "declared_at": None} if i == 3 else r for i, r in enumerate(raw)]
        assert two._workers is not None
        for pool in two._workers.pools:
            pool.shutdown()
        for part in (unordered[:1000], raw[500:1500]):
            _both(one, two, part, 1)
    finally:
        two.close()


def test_prescreening_known_parties_changes_no_decision(
    make: Callable[..., Assessor], fresh: list[Declaration]
) -> None:
    warm, cold = make(), make()
    assert warm.prescreen(fresh[:300]) > 0
    assert warm.prescreen(fresh[:300]) == 0  # each distinct party once
    assert [warm.assess(d).comparable() for d in fresh[:100]] == [
        cold.assess(d).comparable() for d in fresh[:100]
    ]


def test_chunks_cover_the_batch_and_workers_start_single_threaded(
    make: Callable[..., Assessor],
) -> None:
    for n, processes in ((20_000, 2), (1_001, 3), (7, 2)):
        got = parallel.sizes(n, processes)
        assert sum(got) == n and len(got) == processes
        assert got[-1] >= got[0]  # the assessor's own chunk (last) takes the remainder
    before = {k: os.environ.get(k) for k in THREADS}
    two = make(workers=2)
    try:
        assert two.start_workers()
        assert {k: os.environ.get(k) for k in THREADS} == before
        assert two._workers is not None
        assert two._workers.pools[0].submit(os.getenv, "POLARS_MAX_THREADS").result() == "1"
    finally:
        two.close()


def test_three_processes_hand_facts_on_and_give_the_decisions_of_one(
    make: Callable[..., Assessor], records: list[dict[str, Any]]
) -> None:
    """With two workers the second records the first's facts as it writes them, and each
    replica is brought up to date with the chunks after its own at the next batch."""
    raw = [dict(r) for r in records[TRAIN:]]
    one, three = make(), make(workers=3)
    try:
        for part in (raw, raw[::-1]):  # the second batch lodges them all again
            _both(one, three, part, 3)
    finally:
        three.close()


def test_a_refusal_keeps_its_errors_but_no_frames(
    make: Callable[..., Assessor], records: list[dict[str, Any]]
) -> None:
    """A refusal's error without traceback or context: they would hold the validating frame,
    whose locals hold the batch (a cycle a worker's frozen collector would never free)."""
    raw = [dict(r) for r in records[TRAIN : TRAIN + 20]]
    raw[3] = {**raw[3], "office": ""}
    refusal = make().assess_batch(raw).refusals[0]
    assert refusal.position == 3 and refusal.error.errors[0].path == "office"
    assert refusal.error.__traceback__ is None and refusal.error.__context__ is None
