"""Batch assessment runs: stored declarations by date range, or a JSON Lines file, assessed in
lodging order in chunks of whole days, decisions stored append-only."""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Engine, select

from borderwatch.errors import FieldError, InvalidInput, SourceUnreadable
from borderwatch.memory import settle
from borderwatch.selectivity.assessor import Assessor, BatchResult, CapacityMode
from borderwatch.selectivity.build import build_assessor
from borderwatch.selectivity.records import save_decisions
from borderwatch.store.schema import declarations

CHUNK = 20_000
Progress = Callable[[int], None]


@dataclass(slots=True)
class RunSummary:
    """What a run did: declarations assessed, lanes, refusals, overflow days, versions, and
    the most processes a batch ran on."""

    run_id: str
    assessed: int = 0
    lanes: Counter[str] = field(default_factory=Counter)
    refusals: list[dict[str, Any]] = field(default_factory=list)
    overflow: list[dict[str, object]] = field(default_factory=list)
    versions: dict[str, Any] = field(default_factory=dict)
    failed: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    processes: int = 1

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "run_id": self.run_id,
            "assessed": self.assessed,
            "lanes": dict(self.lanes),
            "refused": len(self.refusals),
            "refusals": self.refusals[:100],
            "overflow_days": self.overflow,
            "overflow": sum(int(str(d["overflow"])) for d in self.overflow),
            "failed_components": dict(self.failed),
            "versions": self.versions,
            "seconds": round(self.seconds, 3),
            "per_second": round(self.assessed / self.seconds) if self.seconds else None,
            "processes": self.processes,
        }


def _stored(engine: Engine, start: dt.date | None, end: dt.date | None) -> Iterator[Any]:
    query = select(declarations.c.payload, declarations.c.declared_at).where(
        declarations.c.superseded_at.is_(None)
    )
    if start is not None:
        query = query.where(
            declarations.c.declared_at >= dt.datetime.combine(start, dt.time(), dt.UTC)
        )
    if end is not None:
        stop = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), dt.UTC)
        query = query.where(declarations.c.declared_at < stop)
    with engine.connect() as conn:
        result = conn.execution_options(stream_results=True, yield_per=CHUNK).execute(
            query.order_by(declarations.c.declared_at, declarations.c.id)
        )
        for row in result:
            payload = row.payload
            yield orjson.loads(payload) if isinstance(payload, str | bytes) else payload


def _jsonl(path: Path) -> Iterator[Any]:
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise SourceUnreadable(f"cannot read {path}: {exc.strerror}") from None
    with fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                yield orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                yield InvalidInput(
                    f"{path}:{number}: not JSON", [FieldError(f"line {number}", str(exc))]
                )


def _day(item: Any) -> str:
    return str(item.get("declared_at", ""))[:10] if isinstance(item, dict) else ""


def _chunks(items: Iterable[Any]) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        if len(chunk) >= CHUNK and _day(item) != _day(chunk[-1]):
            yield chunk
            chunk = []
        chunk.append(item)
    if chunk:
        yield chunk


def _record(
    summary: RunSummary,
    result: BatchResult,
    kept: list[int],
    errors: list[tuple[int, InvalidInput]],
) -> None:
    summary.assessed += len(result.decisions)
    summary.processes = max(summary.processes, result.processes)
    summary.lanes.update(d.lane.value for d in result.decisions)
    summary.failed.update(name for d in result.decisions for name in d.failed)
    summary.overflow.extend(result.overflow)
    for pos, exc in errors:
        summary.refusals.append({"position": pos, "source_id": None, **exc.to_dict()})
    for r in result.refusals:
        where = {"position": kept[r.position], "source_id": r.source_id}
        summary.refusals.append({**where, **r.error.to_dict()})


def run_assessment(
    engine: Engine,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    path: Path | None = None,
    assessor: Assessor | None = None,
    model_dir: Path | None = None,
    policy_path: Path | None = None,
    capacity: CapacityMode = CapacityMode.RANK,
    store: bool = True,
    progress: Progress | None = None,
    workers: int = 1,
) -> RunSummary:
    """Assess the live stored declarations lodged from ``start`` to ``end`` (inclusive), or
    the declarations of the JSON Lines file ``path``, and store the decisions. When the
    assessor is built here, batches run on ``workers`` processes (stopped at the end) and the
    process settles once it is built (:func:`borderwatch.memory.settle`: a run owns it)."""
    if assessor is not None:
        return _run(engine, assessor, start, end, path, capacity, store, progress)
    built = build_assessor(engine, model_dir=model_dir, policy_path=policy_path, workers=workers)
    settle()  # the lists, index and model live as long as the run (see borderwatch.memory)
    try:
        return _run(engine, built, start, end, path, capacity, store, progress)
    finally:
        built.close()


def _run(
    engine: Engine,
    chosen: Assessor,
    start: dt.date | None,
    end: dt.date | None,
    path: Path | None,
    capacity: CapacityMode,
    store: bool,
    progress: Progress | None,
) -> RunSummary:
    summary = RunSummary(uuid.uuid4().hex[:16], versions=chosen.versions.to_dict())
    source = _jsonl(path) if path is not None else _stored(engine, start, end)
    began, offset = time.perf_counter(), 0
    for chunk in _chunks(source):
        errors = [(offset + i, x) for i, x in enumerate(chunk) if isinstance(x, InvalidInput)]
        kept = [offset + i for i, x in enumerate(chunk) if not isinstance(x, InvalidInput)]
        result = chosen.assess_batch([chunk[i - offset] for i in kept], capacity)
        _record(summary, result, kept, errors)
        if store:
            with engine.begin() as conn:
                save_decisions(conn, result.decisions, summary.run_id)
        offset += len(chunk)
        if progress is not None:
            progress(len(chunk))
    summary.seconds = time.perf_counter() - began
    return summary
