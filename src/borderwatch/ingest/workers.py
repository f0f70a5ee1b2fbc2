"""Validation of ingest batches, in this process or in worker processes.

Validating a declaration costs more than writing it, so on a long input the batches are
validated by a pool of worker processes while this process writes the previous ones. The
writer still takes batches strictly in input order, one transaction each, so idempotency,
versioning and crash safety are those of the single-process path: validation is a pure
function of the raw record, and a test holds both paths to the same stored rows.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

from borderwatch.errors import FieldError, InvalidInput
from borderwatch.ingest.rows import Prepared, prepare
from borderwatch.ingest.types import RawRecord
from borderwatch.memory import paused_gc
from borderwatch.model import validate_declaration, validate_declaration_json


@dataclass(slots=True)
class Valid:
    """A record that passed validation, with its prepared rows."""

    raw: RawRecord
    rows: Prepared


Checked = tuple[list[RawRecord], list[Valid]]
"""A batch after validation: every raw record (``errors`` filled in) and the valid ones."""


def validate(raw: RawRecord) -> Valid | None:
    """The validated record, or None after recording every reason on ``raw.errors``."""
    if raw.data is None and raw.json_text is None:
        return None
    try:
        if raw.json_text is not None:
            decl = validate_declaration_json(raw.json_text)
        else:
            decl = validate_declaration(raw.data)
    except InvalidInput as exc:
        seen = {e.path.split(" (column")[0] for e in raw.errors}
        cut = "" if raw.terminated else "truncated record (the file ends mid-line): "
        raw.errors.extend(
            FieldError(e.path, cut + e.reason if e.reason.startswith("invalid JSON") else e.reason)
            for e in exc.errors
            if e.path not in seen
        )
        return None
    if raw.errors:
        return None
    return Valid(raw, prepare(decl))


def check_batch(batch: list[RawRecord]) -> Checked:
    """Validate every record of ``batch`` (run in a worker: returns the records it changed),
    the garbage collector paused for the batch (see :mod:`borderwatch.memory`)."""
    with paused_gc():
        return batch, [v for v in map(validate, batch) if v is not None]


def checked_batches(batches: Iterable[list[RawRecord]], workers: int) -> Iterator[Checked]:
    """``batches`` validated, in input order. With ``workers`` > 0 and more than one batch,
    a pool of that many processes validates ahead of the caller (at most ``workers + 1``
    batches in flight, so memory stays bounded)."""
    it = iter(batches)
    first = next(it, None)
    if first is None:
        return
    second = next(it, None)
    if second is None or workers <= 0 or not _can_fork():
        yield check_batch(first)
        if second is not None:
            yield check_batch(second)
            yield from map(check_batch, it)
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_exit_with, initargs=(os.getpid(),)
    ) as pool:
        pending: deque[Future[Checked]] = deque()
        for batch in _chain(first, second, it):
            pending.append(pool.submit(check_batch, batch))
            if len(pending) > workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _chain(
    first: list[RawRecord], second: list[RawRecord], rest: Iterator[list[RawRecord]]
) -> Iterator[list[RawRecord]]:
    yield first
    yield second
    yield from rest


def _exit_with(parent: int) -> None:
    """In a worker: end when the ingest process is gone (killed, it closes no pipes for us,
    and an orphaned worker would hold its output open)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="ingest-parent-watch", daemon=True).start()


def _can_fork() -> bool:
    return hasattr(os, "fork") and "fork" in multiprocessing.get_all_start_methods()
