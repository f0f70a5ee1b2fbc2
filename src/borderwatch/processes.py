"""Worker processes for work spread over several cores (screening a stream, assessing a batch).

Each worker is a pool of one process of its own, started with ``spawn`` (a fork of a process
whose Polars, numba or OpenMP threads are running can deadlock), once, and kept: it builds its
state in the pool's initializer and does what it is sent. A worker is one process for one
core, so its thread pools get one thread.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

THREADS = {"POLARS_MAX_THREADS": "1", "NUMBA_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
"""Each worker is one process for one core: its Polars, numba and OpenMP pools get one thread
(with more, the processes' threads fight over the cores: validation ran 1.8x slower)."""


@contextmanager
def one_thread_each() -> Iterator[None]:
    """:data:`THREADS` in the environment the workers are spawned with, then as it was."""
    saved = {k: os.environ.get(k) for k in THREADS}
    os.environ.update(THREADS)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def spawn(
    count: int,
    initializer: Callable[..., object],
    initargs: tuple[Any, ...],
    ready: Callable[[], bool],
) -> list[ProcessPoolExecutor]:
    """``count`` workers, each a pool of one spawned process running ``initializer(*initargs)``
    first, with :data:`THREADS`; returned once every one has answered ``ready`` (an
    initializer that fails breaks its pool, and waiting for it raises)."""
    context = multiprocessing.get_context("spawn")
    with one_thread_each():  # processes start on the first submit
        pools = [
            ProcessPoolExecutor(1, mp_context=context, initializer=initializer, initargs=initargs)
            for _ in range(count)
        ]
        waits = [pool.submit(ready) for pool in pools]
    try:
        for done in waits:
            done.result()
    except BaseException:
        stop(pools)
        raise
    return pools


def stop(pools: Sequence[ProcessPoolExecutor]) -> None:
    """Shut the pools down, dropping work not started."""
    for pool in pools:
        pool.shutdown(cancel_futures=True)
