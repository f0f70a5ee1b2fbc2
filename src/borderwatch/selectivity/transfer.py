"""Moving work to worker processes: their environment, and large arguments as files.

Workers are processes for one core each, so their thread pools get one thread; arguments of
several megabytes (a chunk of declarations, a history, a chunk's facts or candidates) go through
a file rather than the pool's pipe, both ways.
"""

from __future__ import annotations

import marshal
import os
import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
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


def parcel(path: Path, payload: object, plain: bool = False) -> str:
    """``payload`` written to the file ``path`` for another process, which reads and deletes
    it (:func:`unparcel`): a large argument or result sent through a pool's pipe is written
    by a thread that gets the interpreter lock only between the slices of the receiving
    process's own work, and the sender blocks meanwhile. With ``plain`` (raw declarations:
    dicts, lists, strings, numbers) it is marshalled, about 2.5x faster to write than
    pickled; a value marshal cannot write is pickled."""
    if plain:
        try:
            data = _MARSHAL + marshal.dumps(payload)  # type: ignore[arg-type]
        except ValueError:
            data = _PICKLE + pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    else:
        data = _PICKLE + pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    path.write_bytes(data)
    return str(path)


def unparcel(path: str) -> Any:
    """The payload of the :func:`parcel` at ``path``, which is deleted."""
    file = Path(path)
    data = file.read_bytes()
    file.unlink()
    body = memoryview(data)[1:]
    return marshal.loads(body) if data[:1] == _MARSHAL else pickle.loads(body)


_MARSHAL, _PICKLE = b"M", b"P"
