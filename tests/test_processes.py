"""Worker processes: started with one thread each, and stopped when one fails to start."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool

import pytest

from borderwatch.processes import THREADS, spawn, stop
from borderwatch.screening import PartyQuery, Screener, ScreeningPool, default_lists


def _fail() -> None:
    raise RuntimeError("cannot build the worker's state")


def _ready() -> bool:
    return True


def test_workers_start_single_threaded_and_the_parent_keeps_its_environment() -> None:
    before = {k: os.environ.get(k) for k in THREADS}
    pools = spawn(2, _ready, (), _ready)
    try:
        assert len(pools) == 2
        for pool in pools:
            assert pool.submit(os.getenv, "OMP_NUM_THREADS").result() == "1"
            assert pool.submit(os.getpid).result() != os.getpid()
        assert {k: os.environ.get(k) for k in THREADS} == before
    finally:
        stop(pools)


def test_a_worker_that_fails_to_start_raises_and_no_pool_is_left_running() -> None:
    import multiprocessing

    before = {p.pid for p in multiprocessing.active_children()}
    with pytest.raises(BrokenProcessPool):
        spawn(1, _fail, (), _ready)
    assert not [p for p in multiprocessing.active_children() if p.pid not in before]


def _explode() -> None:
    raise RuntimeError("this component does not load in another process")


class _Unloadable(Screener):
    """A screener that pickles, but whose copy fails to load in a worker."""

    def __reduce__(self) -> tuple[Callable[[], None], tuple[()]]:
        return (_explode, ())


def test_a_screening_pool_whose_worker_cannot_start_screens_on_its_own_process() -> None:
    lists = default_lists()
    pool = ScreeningPool(_Unloadable(lists), processes=2)
    assert pool.processes == 1
    queries = [PartyQuery(e.names[0], e.schema) for e in lists[0].entries.values()][:20]
    assert pool.screen_many(queries) == Screener(lists).screen_many(queries)


def test_an_assessor_whose_worker_cannot_start_assesses_on_one_process() -> None:
    from borderwatch.selectivity import Assessor, load_policy
    from borderwatch.synth import generate

    policy = load_policy()
    records = list(generate(1200, seed=5, days=10))

    def make(screener: Screener, workers: int) -> Assessor:
        return Assessor(policy, None, screener, None, workers=workers)

    two = make(_Unloadable(default_lists()), 2)
    got = two.assess_batch(records)
    assert got.processes == 1 and not two.start_workers()
    one = make(Screener(default_lists()), 1).assess_batch(records)
    assert [d.comparable() for d in got.decisions] == [d.comparable() for d in one.decisions]
    assert len(got.decisions) == len(records) - len(got.refusals) > 1000
