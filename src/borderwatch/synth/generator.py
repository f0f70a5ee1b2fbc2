"""The generator: chunks of vectorised draws turned into declaration dicts, with planted
patterns, streamed so memory stays flat whatever the count.

Everything random comes from one ``numpy`` generator seeded by ``seed`` and consumed in a
fixed order, so the same options give the same declarations, byte for byte once serialised.
"""

from __future__ import annotations

import datetime as dt
import gc
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import IO, Any

import numpy as np
import orjson

from borderwatch.errors import FieldError, InvalidInput
from borderwatch.synth.draws import draw_chunk
from borderwatch.synth.patterns import Planter
from borderwatch.synth.records import RecordBuilder
from borderwatch.synth.types import (
    SANCTIONED_PARTY,
    GenerationSummary,
    Options,
    WatchlistEntry,
)
from borderwatch.synth.world import build_world

CHUNK = 4096
NO_WATCHLIST = "no watchlist given"


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: records hold no cycles and are freed by reference
    counting, while collections triggered by thousands of new dicts (each scanning the trader
    population) would otherwise cost a third of the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Generator:
    """An iterable of declaration dicts for ``options``; :attr:`summary` fills in as the
    records are consumed and is complete once the iteration ends."""

    def __init__(self, options: Options, watchlist: Sequence[WatchlistEntry] = ()) -> None:
        options.check()
        self.options = options
        self.watchlist = tuple(watchlist)
        self.summary = GenerationSummary(seed=options.seed)
        if not any(e.name.strip() for e in self.watchlist):
            self.summary.skipped[SANCTIONED_PARTY] = NO_WATCHLIST

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for chunk in self.chunks():
            yield from chunk

    def chunks(self) -> Iterator[list[dict[str, Any]]]:
        """The declarations in chunks of up to :data:`CHUNK`."""
        rng = np.random.default_rng(self.options.seed)
        world = build_world(self.options, rng)
        builder = RecordBuilder(world, rng)
        planter = Planter(world, rng, self.watchlist)
        for first in range(0, self.options.count, CHUNK):
            size = min(CHUNK, self.options.count - first)
            plan = planter.plan(size)
            planted = np.zeros(size, np.bool_)
            planted[[k for k, _ in plan]] = True
            draws = draw_chunk(world, rng, first, size, planted)
            with _collector_paused():
                records = builder.build(draws, first)
                for k, pattern in plan:
                    planter.plant(pattern, records[k])
                    self.summary.planted[pattern] += 1
            self._count(records)
            yield records

    def _count(self, records: list[dict[str, Any]]) -> None:
        self.summary.count += len(records)
        for record in records:
            outcome = record["outcome"]
            if outcome["inspected"]:
                self.summary.inspected += 1
                if outcome["finding"] != "none":
                    self.summary.irregularities += 1


def options(
    count: int,
    seed: int = 0,
    *,
    start: dt.date | None = None,
    days: int = 365,
    offices: Sequence[str] = ("NLRTM",),
    threat_rate: float = 0.003,
) -> Options:
    """:class:`Options` from keyword arguments (start defaults to 1 January 2024)."""
    return Options(
        count=count,
        seed=seed,
        start=start or dt.date(2024, 1, 1),
        days=days,
        offices=tuple(offices),
        threat_rate=threat_rate,
    )


def generate(
    count: int,
    seed: int = 0,
    *,
    start: dt.date | None = None,
    days: int = 365,
    offices: Sequence[str] = ("NLRTM",),
    threat_rate: float = 0.003,
    watchlist: Sequence[WatchlistEntry] = (),
) -> Iterator[dict[str, Any]]:
    """``count`` synthetic declarations (canonical dicts with outcomes), deterministic by
    ``seed``. Without ``watchlist`` the ``sanctioned_party`` pattern is skipped."""
    opts = options(count, seed, start=start, days=days, offices=offices, threat_rate=threat_rate)
    return iter(Generator(opts, watchlist))


def _sink(target: str | Path | IO[bytes]) -> AbstractContextManager[IO[bytes]]:
    if isinstance(target, str | Path):
        if str(target) == "-":
            return nullcontext(sys.stdout.buffer)
        try:
            return Path(target).open("wb")
        except OSError as exc:
            raise InvalidInput(
                f"cannot write {target}", [FieldError("out", exc.strerror or str(exc))]
            ) from None
    return nullcontext(target)


def write_jsonl(
    target: str | Path | IO[bytes],
    count: int,
    seed: int = 0,
    *,
    start: dt.date | None = None,
    days: int = 365,
    offices: Sequence[str] = ("NLRTM",),
    threat_rate: float = 0.003,
    watchlist: Sequence[WatchlistEntry] = (),
    progress: Callable[[int], None] | None = None,
) -> GenerationSummary:
    """Write ``count`` declarations as JSON Lines to ``target`` (a path, ``-`` for stdout, or
    a binary stream) and return the summary; ``progress`` is called with each chunk's size."""
    opts = options(count, seed, start=start, days=days, offices=offices, threat_rate=threat_rate)
    generator = Generator(opts, watchlist)
    dumps = orjson.dumps
    with _sink(target) as out, _collector_paused():
        for chunk in generator.chunks():
            out.write(b"\n".join(dumps(record) for record in chunk) + b"\n")
            if progress is not None:
                progress(len(chunk))
        out.flush()
    return generator.summary
