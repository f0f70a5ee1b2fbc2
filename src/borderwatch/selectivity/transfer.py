"""Large arguments of worker processes as files: arguments of several megabytes (a chunk of
declarations, a history, a chunk's facts or candidates) go through a file rather than the
pool's pipe, both ways.
"""

from __future__ import annotations

import contextlib
import marshal
import pickle
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def parcel(path: Path, payload: object, plain: bool = False) -> str:
    """``payload`` written to the file ``path`` for another process (whole or not at all: a
    reader never sees half a parcel). A large argument or result sent through a pool's pipe
    is written by a thread that gets the interpreter lock only between the slices of the
    receiving process's own work, and the sender blocks meanwhile. With ``plain`` (raw
    declarations: dicts, lists, strings, numbers) it is marshalled, about 2.5x faster to
    write than pickled; a value marshal cannot write exactly is pickled."""
    if plain:
        try:
            data = _MARSHAL + marshal.dumps(payload)  # type: ignore[arg-type]
        except ValueError:
            data = _PICKLE + pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    else:
        data = _PICKLE + pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    part = path.with_name(path.name + ".part")
    part.write_bytes(data)
    part.replace(path)
    return str(path)


def unparcel(path: str | Path, keep: bool = False) -> Any:
    """The payload of the :func:`parcel` at ``path``, which is deleted unless ``keep``."""
    file = Path(path)
    data = file.read_bytes()
    if not keep:
        file.unlink()
    body = memoryview(data)[1:]
    payload = marshal.loads(body) if data[:1] == _MARSHAL else pickle.loads(body)
    if isinstance(payload, Failed):
        raise RuntimeError(f"the process writing {file.name} failed: {payload.why}")
    return payload


@dataclass(frozen=True, slots=True)
class Failed:
    """Written instead of a parcel by a process that failed, so that no reader waits for
    it."""

    why: str


def fail(path: Path, exc: BaseException) -> None:
    """Write :class:`Failed` at ``path`` unless its parcel is there (best effort: the failure
    itself is raised by the caller)."""
    with contextlib.suppress(OSError):
        if not path.exists():
            parcel(path, Failed(f"{type(exc).__name__}: {exc}"))


def await_parcel(path: Path, done: Callable[[], bool] | None = None) -> Any:
    """The payload of the parcel another process writes at ``path`` (kept: several read it),
    once it is there. ``done``: whether the writer has ended (an error then, if the parcel
    is missing); a directory that is gone ends the wait too."""
    while not path.exists():
        if (done is not None and done()) or not path.parent.is_dir():
            if path.exists():
                break
            raise RuntimeError(f"{path.name} was never written")
        time.sleep(POLL_SECONDS)
    return unparcel(path, keep=True)


POLL_SECONDS = 0.0005
"""How often a process waiting for a parcel looks for it (the sleep releases the lock)."""
_MARSHAL, _PICKLE = b"M", b"P"
