"""Batch assessment on several processes, giving the decisions of one process.

Features are point in time, so a declaration's rule and model features depend on every earlier
declaration. A batch is cut, in lodging order, into contiguous chunks, one per process: the
assessor's own process takes the first chunk from its history; worker process ``k`` starts
from the same history, replays chunks ``0..k-1`` into it (validation and history updates only,
no screening, rules or model), then assesses chunk ``k``. Candidates come back (not
declarations: they are cheap to pickle), capacity is applied once over the whole batch in the
assessor's process, and the history of the last worker (every chunk replayed or assessed)
becomes the assessor's. Chunks are sized so that each process does about the same work.

Workers are started once per assessor (``spawn``: no fork of a process whose Polars and
OpenMP threads are running) from pickled components: lists, rule specs, model and policy. The
order of a batch is cut on the raw ``declared_at`` before validation; each side checks the
validated times against it, and any mismatch, worker failure or unpicklable component makes
the batch run on one process from the saved history instead.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import pickle
from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from borderwatch.errors import InvalidInput
from borderwatch.memory import paused_gc
from borderwatch.rules import History as RuleHistory
from borderwatch.rules import RuleSet, RuleSpec, compile_rule
from borderwatch.scoring import table_of

if TYPE_CHECKING:
    from borderwatch.selectivity.assessor import Assessor, Refusal
    from borderwatch.selectivity.profile import Candidate

REPLAY_COST = 0.37
"""Replaying a declaration (validation, history) as a share of assessing it: sizes chunks
(measured 2026-12-02 on the selectivity benchmark, collector paused: 0.84 s against 2.28 s
for 10,000 declarations)."""
MIN_PER_PROCESS = 500
"""Below this many declarations per process a batch runs on one process."""

Item = Mapping[str, Any]
_WORKER: Assessor | None = None


@dataclass(slots=True)
class Chunked:
    """What one process assessed: candidates (lodging order), refusals, and whether every
    validated ``declared_at`` matched the order the batch was cut on."""

    candidates: list[Candidate]
    refusals: list[Refusal]
    ordered: bool
    history: bytes = b""


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


def sizes(n: int, processes: int, replay: float = REPLAY_COST) -> list[int]:
    """Chunk sizes for ``processes`` processes so that chunk ``k`` plus the replay of the
    chunks before it costs about the same everywhere."""
    weights = [1.0]
    for _ in range(processes - 1):
        weights.append(max(weights[-1] - replay * weights[-1], 0.05))
    total = sum(weights)
    out = [int(n * w / total) for w in weights]
    out[0] += n - sum(out)
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
) -> ProcessPoolExecutor | None:
    """A pool of ``processes - 1`` workers holding the assessor's components, started now;
    each prescreens ``known`` (see :meth:`Assessor.prescreen`), which also loads the reference
    tables that validation reads."""
    blob = components(assessor)
    if blob is None or processes < 2:
        return None
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(processes - 1, mp_context=context, initializer=_init,
                               initargs=(blob, list(known)))  # fmt: skip
    for ready in [pool.submit(_ready) for _ in range(processes - 1)]:
        ready.result()
    return pool


def _init(blob: bytes, known: list[Item]) -> None:
    from borderwatch.selectivity.assessor import Assessor

    global _WORKER
    policy, specs, screener, scorer, problems = pickle.loads(blob)
    rules: list[tuple[RuleSpec, int, bool]] | None = specs
    ruleset = None if rules is None else RuleSet(compile_rule(*r) for r in rules)
    _WORKER = Assessor(policy, ruleset, screener, scorer, problems=problems)
    _WORKER.prescreen(known)


def _ready() -> bool:
    return _WORKER is not None


def history(assessor: Assessor) -> bytes:
    """The assessor's point-in-time state (rule and model histories), pickled."""
    scoring = assessor.scorer.trained.history if assessor.scorer is not None else None
    return pickle.dumps((assessor.history, scoring), protocol=pickle.HIGHEST_PROTOCOL)


def restore(assessor: Assessor, state: bytes) -> None:
    """Put the state of :func:`history` back into ``assessor``."""
    rules, scoring = pickle.loads(state)
    assessor.history = rules
    if assessor.scorer is not None and scoring is not None:
        assessor.scorer.trained.history = scoring


def _replay(assessor: Assessor, items: Sequence[Item]) -> bool:
    """Validate ``items`` (lodging order) into the assessor's history only."""
    decls, _, ordered = assessor.validate_chunk(items, range(len(items)))
    hist: RuleHistory = assessor.history
    for d in decls:
        hist.observe(d)
    if assessor.scorer is not None and decls:
        assessor.scorer.matrix(table_of(decls), keep=True)
    return ordered


def _work(state: bytes, before: list[Item], items: list[Item], positions: list[int]) -> Chunked:
    assessor = _WORKER
    if assessor is None:
        raise RuntimeError("worker not initialised")
    restore(assessor, state)
    with paused_gc():  # as Assessor.assess_batch: see borderwatch.memory
        ordered = _replay(assessor, before)
        out = assessor.chunk(items, positions)
    out.ordered = out.ordered and ordered
    out.history = history(assessor)
    return out


def submit(
    pool: ProcessPoolExecutor,
    state: bytes,
    before: list[Item],
    items: list[Item],
    positions: list[int],
) -> Future[Chunked]:
    """Assess ``items`` on a worker after replaying ``before`` over ``state``."""
    return pool.submit(_work, state, before, items, positions)


def refusal_of(position: int, item: Any, exc: InvalidInput) -> Refusal:
    """The refusal of an invalid item (its position in the caller's batch)."""
    from borderwatch.selectivity.assessor import Refusal

    ident = item.get("source_id") if isinstance(item, Mapping) else None
    return Refusal(position, ident, exc)
