"""Moving work to worker processes: their environment, and large arguments as files.

Workers are processes for one core each, so their thread pools get one thread; arguments of
several megabytes (a chunk of declarations, a pickled history) go through a file rather than
the pool's pipe.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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


def parcel(tmp: Path, name: str, payload: object) -> str:
    """``payload`` written (pickled) to a file in ``tmp`` for a worker, which reads and deletes
    it: a large argument sent through the pool's pipe is written by its feeder thread, which
    gets the interpreter lock only between the slices of this process's own work."""
    path = tmp / name
    data = payload if isinstance(payload, bytes) else pickle.dumps(payload, protocol=-1)
    path.write_bytes(data)
    return str(path)


def unparcel(path: str) -> bytes:
    """The bytes of the :func:`parcel` at ``path``, which is deleted."""
    file = Path(path)
    data = file.read_bytes()
    file.unlink()
    return data
