"""Worker processes: started with one thread each, and stopped when one fails to start."""

from __future__ import annotations

import os
from concurrent.futures.process import BrokenProcessPool

import pytest

from borderwatch.processes import THREADS, spawn, stop


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

    with pytest.raises(BrokenProcessPool):
        spawn(1, _fail, (), _ready)
    assert not [p for p in multiprocessing.active_children() if p.is_alive()]
