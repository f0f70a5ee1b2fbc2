"""Batch assessment on several processes, giving the decisions of one process.

Features are point in time, so a declaration's rule and model features depend on every earlier
declaration. A batch is cut, in lodging order, into contiguous chunks, one per process, in two
steps:

1. every process validates its own chunk at once (the assessor's process the first); each
   worker keeps its valid declarations and sends back their refusals and history facts (what
   the rule and model histories record of a declaration: small tuples, not declarations);
2. the assessor's process then builds, from its history and the facts of the chunks before,
   the history each worker's chunk starts from, and sends it; every process assesses its chunk
   (screening, rules, model, profile) from that history, the assessor's own from the history
   it had before the batch. Candidates come back (cheap to pickle), capacity is applied once
   over the whole batch, and the assessor keeps the history with every chunk recorded.

Nothing is replayed: a worker waits only for the first chunk's validation before it assesses.
Each worker is a pool of its own process (``spawn``: no fork of a process whose Polars and
OpenMP threads are running), so the declarations it validated are there for its second step;
it is started once per assessor from pickled components: lists, rule specs, model and policy.
The order of a batch is cut on the raw ``declared_at`` before validation; each side checks the
validated times against it, and any mismatch, worker failure or unpicklable component makes
the batch run on one process from the saved history instead.
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import pickle
import tempfile
from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from borderwatch.errors import InvalidInput
from borderwatch.memory import paused_gc
from borderwatch.model import Declaration
from borderwatch.rules import Facts, RuleSet, RuleSpec, compile_rule, facts_of
from borderwatch.scoring import FlatRow, flat_row
from borderwatch.selectivity import transfer

if TYPE_CHECKING:
    from borderwatch.rules import History as RuleHistory
    from borderwatch.scoring.history import History as ScoringHistory
    from borderwatch.selectivity.assessor import Assessor, Refusal
    from borderwatch.selectivity.profile import Candidate

WORKER_COST = 1.3
"""A declaration assessed on a worker as a multiple of one assessed on the assessor's own
process (the worker also receives it, then the history, and sends its candidate back): sizes
chunks (measured 2026-12-03 on the selectivity benchmark: 6.2 s against 4.7 s for 10,000)."""
MIN_PER_PROCESS = 500
"""Below this many declarations per process a batch runs on one process."""

Item = Mapping[str, Any]
_WORKER: Assessor | None = None


@dataclass(slots=True)
class Chunked:
    """What a batch gave before capacity: candidates (lodging order) and refusals."""

    candidates: list[Candidate]
    refusals: list[Refusal]


@dataclass(slots=True)
class Validated:
    """A worker's first step: refusals, whether the order held, and the history facts of its
    valid declarations (rule history facts, and flat rows for the model's history)."""

    refusals: list[Refusal]
    ordered: bool
    facts: tuple[list[Facts], list[FlatRow]]


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
    """Chunk sizes, the assessor's own first, so that every process takes about as long
    (a worker's declaration costs ``cost`` times one of the assessor's)."""
    share = 1.0 / (1.0 + (processes - 1) / cost)
    rest = int(n * (1.0 - share) / max(processes - 1, 1))
    out = [rest] * processes
    out[0] = n - rest * (processes - 1)
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


def start(
    assessor: Assessor, processes: int, known: Sequence[Item] = ()
) -> list[ProcessPoolExecutor] | None:
    """``processes - 1`` workers, each a pool of one process holding the assessor's
    components, started now; each prescreens ``known`` (see :meth:`Assessor.prescreen`), which
    also loads the reference tables that validation reads."""
    blob = components(assessor)
    if blob is None or processes < 2:
        return None
    context = multiprocessing.get_context("spawn")
    with transfer.one_thread_each():  # processes start on the first submit
        pools = [
            ProcessPoolExecutor(1, mp_context=context, initializer=_init,
                                initargs=(blob, list(known)))
            for _ in range(processes - 1)
        ]  # fmt: skip
        waits = [pool.submit(_ready) for pool in pools]
    for ready in waits:
        ready.result()
    return pools


def stop(pools: Sequence[ProcessPoolExecutor]) -> None:
    """Shut the workers down, dropping work not started."""
    for pool in pools:
        pool.shutdown(cancel_futures=True)


def _init(blob: bytes, known: list[Item]) -> None:
    from borderwatch.selectivity.assessor import Assessor

    global _WORKER
    policy, specs, screener, scorer, problems = pickle.loads(blob)
    rules: list[tuple[RuleSpec, int, bool]] | None = specs
    ruleset = None if rules is None else RuleSet(compile_rule(*r) for r in rules)
    _WORKER = Assessor(policy, ruleset, screener, scorer, problems=problems)
    _WORKER.prescreen(known)
    gc.freeze()  # the components live as long as the worker: no collection traverses them


def _ready() -> bool:
    return _WORKER is not None


State = tuple["RuleHistory", "ScoringHistory | None"]
"""The rule history and the model's history (None without a model)."""


def _live(assessor: Assessor) -> State:
    scoring = assessor.scorer.trained.history if assessor.scorer is not None else None
    return assessor.history, scoring


def _put(assessor: Assessor, state: State) -> None:
    rules, scoring = state
    assessor.history = rules
    if assessor.scorer is not None and scoring is not None:
        assessor.scorer.trained.history = scoring


def history(assessor: Assessor) -> bytes:
    """The assessor's point-in-time state (rule and model histories), pickled."""
    return pickle.dumps(_live(assessor), protocol=pickle.HIGHEST_PROTOCOL)


def restore(assessor: Assessor, state: bytes) -> None:
    """Put the state of :func:`history` back into ``assessor``."""
    _put(assessor, pickle.loads(state))


def run(
    assessor: Assessor,
    pools: Sequence[ProcessPoolExecutor],
    items: Sequence[Item],
    parts: Sequence[list[int]],
    before: bytes,
) -> Chunked | None:
    """The batch in two steps (see the module): chunk ``parts[0]`` on this process, chunk
    ``parts[k]`` on ``pools[k - 1]``; ``before`` is the assessor's history (see
    :func:`history`). None when a validated lodging time breaks the order the batch was cut
    on, the history then as before."""
    with tempfile.TemporaryDirectory(prefix="borderwatch-batch-") as tmp:
        return _run(assessor, pools, items, parts, before, Path(tmp))


def _run(
    assessor: Assessor,
    pools: Sequence[ProcessPoolExecutor],
    items: Sequence[Item],
    parts: Sequence[list[int]],
    before: bytes,
    tmp: Path,
) -> Chunked | None:
    checks = [validate(pool, transfer.parcel(tmp, f"items-{k}", [items[i] for i in part]), part)
              for k, (pool, part) in enumerate(zip(pools, parts[1:], strict=True))]  # fmt: skip
    decls, refusals, ordered = assessor.validate_chunk([items[i] for i in parts[0]], parts[0])
    if not ordered:
        return None
    mine = found = facts(assessor, decls)
    steps, theirs = [], []
    for k, pool in enumerate(pools):
        if k:  # the history chunk k + 1 starts from needs the facts of chunk k
            theirs.append(checks[k - 1].result())
            found = theirs[-1].facts
        record(assessor, found)
        steps.append(assess(pool, transfer.parcel(tmp, f"history-{k}", history(assessor))))
    pending = _live(assessor)
    restore(assessor, before)
    candidates = assessor.candidates(decls, mine[1])
    _put(assessor, pending)
    theirs.append(checks[-1].result())
    record(assessor, theirs[-1].facts)
    if not all(v.ordered for v in theirs):
        return None
    for step in steps:
        candidates += step.result()
    refusals += [r for v in theirs for r in v.refusals]
    return Chunked(candidates, sorted(refusals, key=lambda r: r.position))


def facts(assessor: Assessor, decls: Sequence[Declaration]) -> tuple[list[Facts], list[FlatRow]]:
    """What the rule and model histories record of ``decls`` (lodging order)."""
    flat = [flat_row(d) for d in decls] if assessor.scorer is not None else []
    return [facts_of(d) for d in decls], flat


def record(assessor: Assessor, found: tuple[list[Facts], list[FlatRow]]) -> None:
    """Record the :func:`facts` of a chunk in the assessor's histories."""
    rules, flat = found
    for f in rules:
        assessor.history.observe_facts(f)
    if assessor.scorer is not None:
        assessor.scorer.record(flat)


_VALID: list[tuple[list[Declaration], list[FlatRow]]] = []
"""The worker's validated chunk and its flat model rows, between its two steps (one batch at
a time)."""


def _validate(parcel: str, positions: list[int]) -> Validated:
    assessor = _WORKER
    if assessor is None:
        raise RuntimeError("worker not initialised")
    with paused_gc():  # as Assessor.assess_batch: see borderwatch.memory
        items = pickle.loads(transfer.unparcel(parcel))
        decls, refusals, ordered = assessor.validate_chunk(items, positions)
        found = facts(assessor, decls)
        _VALID[:] = [(decls, found[1])]
        return Validated(refusals, ordered, found)


def _assess(parcel: str) -> list[Candidate]:
    assessor = _WORKER
    if assessor is None:
        raise RuntimeError("worker not initialised")
    with paused_gc():
        restore(assessor, transfer.unparcel(parcel))
        (decls, flat), _VALID[:] = _VALID[0], []
        return assessor.candidates(decls, flat)


def validate(pool: ProcessPoolExecutor, items: str, positions: list[int]) -> Future[Validated]:
    """Step 1 on a worker: validate the items of parcel ``items`` (at ``positions`` of the
    batch) and keep them."""
    return pool.submit(_validate, items, positions)


def assess(pool: ProcessPoolExecutor, state: str) -> Future[list[Candidate]]:
    """Step 2 on a worker: the candidates of the chunk it validated, from the history in
    parcel ``state``."""
    return pool.submit(_assess, state)


def refusal_of(position: int, item: Any, exc: InvalidInput) -> Refusal:
    """The refusal of an invalid item (its position in the caller's batch)."""
    from borderwatch.selectivity.assessor import Refusal

    ident = item.get("source_id") if isinstance(item, Mapping) else None
    return Refusal(position, ident, exc)
