"""Batch assessment on several processes, giving the decisions of one process.

Features are point in time, so a declaration's rule and model features depend on every earlier
declaration. A batch is cut, in lodging order, into contiguous chunks: the workers take the
first chunks, the assessor's own process the last. Each worker keeps a replica of the
assessor's history (the rule history and the model's), so nothing but history facts (what the
histories record of a declaration: small tuples, not declarations) crosses between processes:

1. every worker validates its chunk, keeps the valid declarations and hands over their
   refusals and history facts; the assessor's process validates its own chunk and screens it
   meanwhile;
2. every worker brings its replica up to date (the facts of the chunks it did not assess in
   the batch before, or, when the replica is stale, the whole history), records the facts of
   the chunks before its own in this batch (the first worker: none) and assesses its chunk
   (screening, rules, model, profile); the assessor's process records the facts of every
   worker's chunk and assesses its own. Candidates come back and capacity is applied once
   over the whole batch.

A replica is stale after anything changes the assessor's history outside this path (a
real-time assessment, a batch on one process) or after a failed batch; it is then sent whole.
Each worker is a pool of its own process (:mod:`borderwatch.processes`), started once per
assessor from pickled components: lists, rule
specs, model and policy, and does its whole part of a batch in one call. Declarations,
histories, facts and candidates go between processes as files
(:mod:`~borderwatch.selectivity.transfer`), each process polling for the facts it waits for, so
that a process busy with its own chunk holds no other up. The order of a batch is cut on the
raw ``declared_at`` before validation; each side checks the validated times against it, and
any mismatch, worker failure or unpicklable component makes the batch run on one process from
the saved history instead.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import pickle
import tempfile
from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from borderwatch.errors import InvalidInput
from borderwatch.logging import get_logger
from borderwatch.memory import paused_gc
from borderwatch.processes import spawn, stop
from borderwatch.rules import RuleSet
from borderwatch.selectivity import transfer, worker
from borderwatch.selectivity.replica import Found, Sync, Validated, found_of, record

if TYPE_CHECKING:
    from borderwatch.selectivity.assessor import Assessor, Refusal
    from borderwatch.selectivity.profile import Candidate

log = get_logger(__name__)

WORKER_COST = 1.0
"""A declaration assessed on a worker as a multiple of one assessed on the assessor's own
process: sizes chunks. The worker also receives the declaration and sends its candidate back;
the assessor records the worker's facts and frees its own declarations before the candidates
come in. Measured on the selectivity benchmark (two processes, runs alternating), the two
sides come out even: 1.0 gave 11,570 and 12,294 declarations/s where 1.3 gave 10,581 and
10,884 (the assessor's process, with the larger chunk, finished its own 0.3 s after the
worker)."""
MIN_PER_PROCESS = 500
"""Below this many declarations per process a batch runs on one process."""

Item = Mapping[str, Any]


@dataclass(slots=True)
class Chunked:
    """What a batch gave before capacity: candidates (lodging order) and refusals."""

    candidates: list[Candidate]
    refusals: list[Refusal]


class Workers:
    """The worker processes of an assessor, and what each replica of the history lacks: the
    facts of the chunks it did not assess, in order, or None when the replica is stale."""

    def __init__(self, pools: list[ProcessPoolExecutor]) -> None:
        self.pools = pools
        self.missing: list[list[Found]] | None = None

    def stale(self) -> None:
        """The assessor's history changed outside a batch on these workers."""
        self.missing = None

    def stop(self) -> None:
        """Shut the workers down, dropping work not started."""
        stop(self.pools)


def lodged(item: Any) -> dt.datetime | None:
    """The UTC lodging time of a raw declaration, as validation will read it (None if the
    raw value is not an ISO 8601 string)."""
    value = item.get("declared_at") if isinstance(item, Mapping) else None
    if not isinstance(value, str):
        return None
    try:
        at = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at.astimezone(dt.UTC)


def sizes(n: int, processes: int, cost: float = WORKER_COST) -> list[int]:
    """Chunk sizes in lodging order, the workers' first and the assessor's own last, so that
    every process takes about as long (a worker's declaration costs ``cost`` times one of
    the assessor's)."""
    share = 1.0 / (1.0 + (processes - 1) / cost)
    rest = int(n * (1.0 - share) / max(processes - 1, 1))
    out = [rest] * processes
    out[-1] = n - rest * (processes - 1)
    return out


def components(assessor: Assessor) -> bytes | None:
    """The assessor's components, pickled for the workers (None if one cannot be)."""
    rules = assessor.analyst_rules
    if rules is not None and type(rules) is not RuleSet:
        return None  # a subclass (a fake, a wrapper) is not rebuilt from its specs
    specs = None if rules is None else [(r.spec, r.version, r.shadow) for r in rules.rules]
    try:
        parts = (assessor.policy, specs, assessor.source.screener, assessor.scorer,
                 assessor.problems)  # fmt: skip
        return pickle.dumps(parts, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        return None


def start(assessor: Assessor, processes: int, known: Sequence[Item] = ()) -> Workers | None:
    """``processes - 1`` workers, each a pool of one process holding the assessor's
    components, started now; each prescreens ``known`` (see :meth:`Assessor.prescreen`), which
    also loads the reference tables that validation reads. None, and the batches run on one
    process, when a component cannot be sent or a worker cannot start (out of memory, a
    component that will not load there)."""
    blob = components(assessor)
    if blob is None or processes < 2:
        return None
    try:
        return Workers(spawn(processes - 1, worker.init, (blob, list(known)), worker.ready))
    except (BrokenProcessPool, OSError) as exc:
        log.warning("assessor workers did not start (%s): assessing on one process", exc)
        return None


def run(
    assessor: Assessor,
    workers: Workers,
    items: Sequence[Item],
    parts: Sequence[list[int]],
    before: bytes,
) -> Chunked | None:
    """The batch in two steps (see the module): chunk ``parts[k]`` on worker ``k``, the last
    chunk on this process; ``before``: the assessor's history (:func:`replica.history`). None
    when a validated lodging time breaks the order the batch was cut on (the caller then
    restores the history and runs the batch on one process)."""
    missing, workers.missing = workers.missing, None  # stale until this batch succeeds
    if missing is None:
        syncs: list[Sync] = [("state", before)] * len(workers.pools)
    else:
        syncs = [("facts", m) for m in missing]
    with tempfile.TemporaryDirectory(prefix="borderwatch-batch-") as name:
        tmp = Path(name)
        facts = [tmp / f"facts-{k}" for k in range(len(workers.pools))]
        steps = [
            pool.submit(worker.work, transfer.parcel(tmp / f"sync-{k}", sync),
                        transfer.parcel(tmp / f"items-{k}", [items[i] for i in part], plain=True),
                        part, [str(f) for f in facts[: k + 1]], str(tmp / f"candidates-{k}"))
            for k, (pool, part, sync) in enumerate(zip(workers.pools, parts, syncs, strict=False))
        ]  # fmt: skip
        try:
            done = _assess_last(assessor, parts[-1], items, facts, steps)
        finally:
            wait(steps)  # nothing is written into the directory once it is gone
            for pool in workers.pools:
                with contextlib.suppress(RuntimeError):  # a broken pool: the caller falls back
                    pool.submit(worker.drop)  # each frees its batch while this process goes on
    if done is None:
        return None
    candidates, refusals, chunks = done
    workers.missing = [chunks[k + 1 :] for k in range(len(workers.pools))]
    return Chunked(candidates, sorted(refusals, key=lambda r: r.position))


def _assess_last(
    assessor: Assessor,
    own: list[int],
    items: Sequence[Item],
    facts: list[Path],
    steps: list[Future[str]],
) -> tuple[list[Candidate], list[Refusal], list[Found]] | None:
    """The assessor's side of :func:`run`: the last chunk, once the workers' facts are in;
    candidates of the whole batch, refusals and each chunk's facts (None: order broken)."""
    decls, refusals, ordered = assessor.validate_chunk([items[i] for i in own], own)
    found = found_of(assessor.scorer is not None, decls)
    evidence = assessor.screen(decls)  # what needs no history, while the workers validate
    with paused_gc():  # see borderwatch.memory
        theirs: list[Validated] = [transfer.await_parcel(f, step.done)
                                   for f, step in zip(facts, steps, strict=True)]  # fmt: skip
    if not ordered or not all(v.ordered for v in theirs):
        return None
    for v in theirs:
        record(assessor, v.facts)
    mine = assessor.judge(decls, evidence, found)
    del decls, evidence  # freed while the workers finish, not after
    with paused_gc():
        candidates = [c for step in steps for c in transfer.unparcel(step.result())] + mine
    refusals += [r for v in theirs for r in v.refusals]
    return candidates, refusals, [v.facts for v in theirs] + [found]


def refusal_of(position: int, item: Any, exc: InvalidInput) -> Refusal:
    """The refusal of an invalid item (its position in the caller's batch), its error kept
    without traceback or context: they reference the validating frame, whose locals hold the
    refusals, a reference cycle that only the cyclic collector would free."""
    from borderwatch.selectivity.assessor import Refusal

    ident = item.get("source_id") if isinstance(item, Mapping) else None
    exc.__context__ = None
    return Refusal(position, ident, exc.with_traceback(None))
