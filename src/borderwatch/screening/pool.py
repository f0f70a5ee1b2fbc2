"""Screening on several processes: a stream of parties, each distinct party screened once.

A :class:`ScreeningPool` holds worker processes (:mod:`borderwatch.processes`), each with a
copy of the screener, started once and kept. For a batch it
drops the parties already screened and the repeats within the batch (equal
:meth:`~borderwatch.screening.types.PartyQuery.key`), splits the distinct rest into equal
shares, one per process (the workers take the first, the pool's own process the last), and
keeps every result in the screener's cache, so that a party is screened once for these list
versions whichever process screened it. Splitting the stream as it comes instead would make
each process screen the repeats the others also see, and the share of the work each got
would follow the order of the stream.
"""

from __future__ import annotations

import pickle
import weakref
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from borderwatch.logging import get_logger
from borderwatch.memory import paused_gc, settle
from borderwatch.model.screening import ScreeningHit
from borderwatch.processes import spawn, stop
from borderwatch.screening.screener import Screener
from borderwatch.screening.types import PartyQuery

log = get_logger(__name__)
T = TypeVar("T")
Key = tuple[object, ...]


def shares(items: Sequence[T], processes: int) -> list[list[T]]:
    """``items`` cut into ``processes`` contiguous shares whose sizes differ by one at most."""
    n, k = len(items), max(1, processes)
    bounds = [n * i // k for i in range(k + 1)]
    return [list(items[bounds[i] : bounds[i + 1]]) for i in range(k)]


class ScreeningPool:
    """``screener`` on ``processes`` processes (this one and ``processes - 1`` workers); a
    pool serves the list versions of its screener (after a reload, start a new pool)."""

    def __init__(self, screener: Screener, processes: int = 2) -> None:
        self.screener = screener
        self.screened = 0
        """Distinct parties screened by the pool, in any of its processes."""
        blob = pickle.dumps(screener, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            self._pools = spawn(max(0, processes - 1), _init, (blob,), _ready)
        except (BrokenProcessPool, OSError) as exc:  # a worker that cannot start
            log.warning("screening workers did not start (%s): screening on one process", exc)
            self._pools = []
        self._stop = weakref.finalize(self, stop, self._pools)  # a pool left unclosed

    def __enter__(self) -> ScreeningPool:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def processes(self) -> int:
        """Processes screening a batch: the workers and this one."""
        return len(self._pools) + 1

    def screen_many(self, queries: Iterable[PartyQuery]) -> list[list[ScreeningHit]]:
        """Hits of many parties, in order, as :meth:`Screener.screen_many` gives them."""
        queries = list(queries)
        keys = [q.key() for q in queries]
        found: dict[Key, list[ScreeningHit]] = {}
        todo: dict[Key, PartyQuery] = {}
        for key, q in zip(keys, queries, strict=True):
            if key not in found and key not in todo:
                hits = self.screener.cached(key)
                if hits is None:
                    todo[key] = q
                else:
                    found[key] = hits
        parts = shares(list(todo.items()), self.processes)
        sent = [
            (part, _submit(pool, [q for _, q in part]))
            for pool, part in zip(self._pools, parts, strict=False)
            if part
        ]
        mine = parts[-1]
        found.update(zip([k for k, _ in mine], self.screener.screen_many(q for _, q in mine),
                         strict=True))  # fmt: skip
        with paused_gc():  # see borderwatch.memory
            for part, future in sent:
                for (key, q), hits in zip(part, self._result(part, future), strict=True):
                    self.screener.remember(q, hits)
                    found[key] = hits
        self.screened += len(todo)
        return [found[key] for key in keys]

    def _result(
        self, part: list[tuple[Key, PartyQuery]], future: Hits | None
    ) -> list[list[ScreeningHit]]:
        """A worker's hits of ``part``; a worker that failed (killed, out of memory) is
        stopped with the others, and its share screened on this process."""
        try:
            if future is not None:
                return future.result()
        except (BrokenProcessPool, OSError, pickle.PickleError):
            pass
        self.close()
        return self.screener.screen_many(q for _, q in part)

    def clear_cache(self, words: bool = True) -> None:
        """:meth:`Screener.clear_cache` in every process (for measurements)."""
        self.screener.clear_cache(words)
        try:
            for done in [pool.submit(_clear, words) for pool in self._pools]:
                done.result()
        except (BrokenProcessPool, OSError):
            self.close()  # a broken worker: the pool goes on with this process alone

    def close(self) -> None:
        """Stop the workers (the pool then screens on this process alone); a pool that is
        never closed stops them when it is collected."""
        self._stop()
        self._pools = []


Hits = Future[list[list[ScreeningHit]]]


def _submit(pool: ProcessPoolExecutor, part: list[PartyQuery]) -> Hits | None:
    """``part`` sent to a worker; None when its pool is broken."""
    try:
        return pool.submit(_screen, part)
    except BrokenProcessPool:
        return None


_SCREENER: Screener | None = None


def _init(blob: bytes) -> None:
    global _SCREENER
    _SCREENER = pickle.loads(blob)
    settle()  # the index lives as long as the worker: no collection traverses it


def _worker() -> Screener:
    if _SCREENER is None:
        raise RuntimeError("screening worker not initialised")
    return _SCREENER


def _ready() -> bool:
    return _SCREENER is not None


def _screen(part: list[PartyQuery]) -> list[list[ScreeningHit]]:
    return _worker().screen_many(part)


def _clear(words: bool) -> None:
    _worker().clear_cache(words)
