"""The :class:`Assessor`: screener, rule set, model and policy built once; one declaration in
real time (:meth:`Assessor.assess`) or a batch (:meth:`Assessor.assess_batch`), through the
same evidence and profile functions.

Rule and model features are point in time: the assessor keeps the history of what it has
assessed, so declarations are assessed in lodging order (a batch is sorted by lodging time,
stably). Two assessors built with the same versions and fed the same declarations in the same
order give the same decisions, whichever path each uses (in ``budget`` capacity mode).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import weakref
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from borderwatch import processes
from borderwatch.errors import InvalidInput
from borderwatch.memory import paused_gc
from borderwatch.model import Declaration, validate_declaration
from borderwatch.model.decisions import Decision, Versions
from borderwatch.rules import History, RuleSet, compile_rule
from borderwatch.scoring import Scorer
from borderwatch.screening import Screener
from borderwatch.selectivity import engines, parallel, replica
from borderwatch.selectivity.capacity import Clock, Ledger, allocate_ranked, allocate_running
from borderwatch.selectivity.evidence import MODEL, RULES, Evidence, EvidenceSource
from borderwatch.selectivity.policy import Policy
from borderwatch.selectivity.profile import Candidate, profile


class CapacityMode(StrEnum):
    """How a batch spends capacity: ``rank`` by expected value within each office and day
    (day-ahead or historical selection), or ``budget``: the running per-day budget of the
    real-time path, in lodging order."""

    RANK = "rank"
    BUDGET = "budget"


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def rules_fingerprint(ruleset: RuleSet | None) -> str:
    """A short fingerprint of the rule versions (and shadow flags) of ``ruleset``."""
    if ruleset is None:
        return "none"
    keys = sorted(f"{r.key}{'~shadow' if r.shadow else ''}" for r in ruleset.rules)
    return f"{len(keys)}:" + hashlib.sha256("\n".join(keys).encode()).hexdigest()[:12]


def with_policy_rules(ruleset: RuleSet | None, policy: Policy) -> RuleSet | None:
    """``ruleset`` plus the policy's own selection rules (None stays None: a rule engine that
    failed to load is a failed component, whatever the policy holds)."""
    specs = policy.rule_specs()
    if ruleset is None or not specs:
        return ruleset
    return type(ruleset)([*ruleset.rules, *(compile_rule(spec) for spec in specs)])


@dataclass(slots=True)
class Refusal:
    """A declaration that failed validation: no lane, every field error named."""

    position: int
    source_id: str | None
    error: InvalidInput


@dataclass(slots=True)
class BatchResult:
    """Decisions of a batch (lodging order), refusals, days with overflow or forced
    selections beyond capacity, and the number of processes that assessed it."""

    decisions: list[Decision] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)
    overflow: list[dict[str, object]] = field(default_factory=list)
    processes: int = 1


class Assessor:
    """Assess declarations with fixed versions of lists, rules, model and policy.

    A component given as None (or failing while assessing) is named in each decision, whose
    lane is then at least the policy's safe lane: a failure never gives green.

    With ``workers`` above 1, large batches of raw declarations are assessed on that many
    processes (see :mod:`borderwatch.selectivity.parallel`) with the decisions of one; the
    worker processes start with :meth:`start_workers` (or the first such batch) and stop with
    :meth:`close`.
    """

    def __init__(
        self,
        policy: Policy,
        ruleset: RuleSet | None,
        screener: Screener | None,
        scorer: Scorer | None,
        *,
        problems: Mapping[str, str] | None = None,
        clock: Clock = _utcnow,
        workers: int = 1,
    ) -> None:
        self.policy = policy
        self.analyst_rules = ruleset
        self.ruleset = with_policy_rules(ruleset, policy)
        self.workers = max(1, workers)
        self._workers: parallel.Workers | None = None
        self.scorer = scorer
        self.problems = dict(problems or {})
        self.source = EvidenceSource(screener, self.problems.get("screening"))
        self.history = History()
        self.ledger = Ledger()
        self.clock = clock
        self.versions = Versions(
            policy.version,
            rules_fingerprint(self.ruleset),
            scorer.version if scorer is not None else None,
            self.source.list_versions,
        )

    def start_workers(self, known: Sequence[Mapping[str, Any]] = ()) -> bool:
        """Start the worker processes now (they load the components once and prescreen the
        raw declarations ``known``); False when the assessor runs on one process
        (``workers`` 1, or a component that cannot be sent)."""
        if self._workers is None and self.workers > 1:
            self._workers = parallel.start(self, self.workers, known)
            if self._workers is not None:
                weakref.finalize(self, processes.stop, self._workers.pools)
        return self._workers is not None

    def close(self) -> None:
        """Stop the worker processes (the assessor still works, on one process)."""
        if self._workers is not None:
            self._workers.stop()
            self._workers = None

    def _changed(self) -> None:
        """The history changed on this process alone: the workers' replicas are stale."""
        if self._workers is not None:
            self._workers.stale()

    def prescreen(self, declarations: Iterable[Declaration | Mapping[str, Any]]) -> int:
        """Screen the parties and goods lines of ``declarations`` (known traders, say, when a
        list version is loaded) so that assessing them later finds them screened; no decision
        is made and no history kept. Returns the number of distinct parties screened."""
        before = self.source.screened
        for item in declarations:
            try:
                decl = _valid(item)
            except InvalidInput:
                continue
            ev = Evidence()
            self.source.parties([decl], [ev])
            self.source.goods(decl, ev)
        return self.source.screened - before

    def assess(self, declaration: Declaration | Mapping[str, Any]) -> Decision:
        """The decision on one declaration (the real-time path); a declaration that fails
        validation raises :class:`InvalidInput` and gets no lane."""
        decl = _valid(declaration)
        self._changed()
        ev = Evidence()
        self.source.parties([decl], [ev])
        self.source.goods(decl, ev)
        engines.rules_one(self.ruleset, self.history, self.problems.get(RULES), decl, ev)
        engines.model_one(self.scorer, self.problems.get(MODEL), decl, ev)
        candidate = profile(decl, ev, self.policy)
        return allocate_running([candidate], self.ledger, self.versions, self.clock)[0]

    def assess_batch(
        self,
        declarations: Iterable[Declaration | Mapping[str, Any]],
        capacity: CapacityMode = CapacityMode.RANK,
    ) -> BatchResult:
        """Decisions on a batch, in lodging order; invalid declarations become refusals
        (the garbage collector paused: see :mod:`borderwatch.memory`)."""
        with paused_gc():
            result = BatchResult()
            items = list(declarations)
            done = self._parallel(items)
            if done is None:
                self._changed()
                done = self.chunk(items, range(len(items)))
            else:
                result.processes = self.workers
            candidates, result.refusals = done.candidates, done.refusals
            ledger = self.ledger if capacity is CapacityMode.BUDGET else Ledger()
            allocate = allocate_running if capacity is CapacityMode.BUDGET else allocate_ranked
            result.decisions = allocate(candidates, ledger, self.versions, self.clock)
            result.overflow = ledger.overflow()
            return result

    def validate_chunk(
        self, items: Sequence[Any], positions: Iterable[int]
    ) -> tuple[list[Declaration], list[Refusal], bool]:
        """Valid declarations of ``items`` in lodging order, refusals (at ``positions``), and
        whether each validated ``declared_at`` is the raw one (what a batch is cut on)."""
        decls: list[Declaration] = []
        refusals: list[Refusal] = []
        ordered = True
        for pos, item in zip(positions, items, strict=True):
            try:
                decl = _valid(item)
            except InvalidInput as exc:
                refusals.append(parallel.refusal_of(pos, item, exc))
                continue
            ordered = ordered and decl.declared_at == parallel.lodged(item)
            decls.append(decl)
        decls.sort(key=lambda d: d.declared_at)
        return decls, refusals, ordered

    def chunk(self, items: Sequence[Any], positions: Iterable[int]) -> parallel.Chunked:
        """Candidates of ``items`` (before capacity) and their refusals."""
        decls, refusals, _ = self.validate_chunk(items, positions)
        return parallel.Chunked(self.candidates(decls), refusals)

    def _parallel(self, items: list[Any]) -> parallel.Chunked | None:
        """The batch over the worker processes (see :mod:`~borderwatch.selectivity.parallel`),
        or None to run it on this one, from the history as it was before the batch."""
        plan = self._plan(items)
        if plan is None or not self.start_workers() or self._workers is None:
            return None
        order, sizes = plan
        bounds = [sum(sizes[:k]) for k in range(len(sizes) + 1)]
        parts = [order[bounds[k] : bounds[k + 1]] for k in range(len(sizes))]
        before = replica.history(self)
        try:
            done = parallel.run(self, self._workers, items, parts, before)
        except Exception:  # a broken pool or a failed worker: the batch on one process
            self.close()
            done = None
        if done is None:
            replica.restore(self, before)
        return done

    def _plan(self, items: list[Any]) -> tuple[list[int], list[int]] | None:
        """Lodging order of the raw items and chunk sizes, or None for one process."""
        if self.workers < 2 or len(items) < parallel.MIN_PER_PROCESS * self.workers:
            return None
        keys = [parallel.lodged(item) for item in items]
        if any(k is None for k in keys):
            return None
        order = sorted(range(len(items)), key=lambda i: (keys[i], i))
        return order, parallel.sizes(len(items), self.workers)

    def candidates(
        self, decls: list[Declaration], found: replica.Found | None = None
    ) -> list[Candidate]:
        """Candidates of valid ``decls`` (lodging order), before capacity; the history
        records them. ``found``: their history facts and flat model rows, when the caller
        has them."""
        return self.judge(decls, self.screen(decls), found)

    def screen(self, decls: list[Declaration]) -> list[Evidence]:
        """Party and goods screening of ``decls``: the evidence that needs no history."""
        evidence = [Evidence() for _ in decls]
        self.source.parties(decls, evidence)
        for decl, ev in zip(decls, evidence, strict=True):
            self.source.goods(decl, ev)
        return evidence

    def judge(
        self, decls: list[Declaration], evidence: list[Evidence], found: replica.Found | None
    ) -> list[Candidate]:
        """Candidates of ``decls`` from their screening ``evidence``, with rule and model
        evidence from the history, which records them (see :meth:`candidates`)."""
        facts, flat = found or (None, None)
        problem = self.problems.get(RULES)
        engines.rules_batch(self.ruleset, self.history, problem, decls, evidence, facts)
        engines.model_batch(self.scorer, self.problems.get(MODEL), flat or decls, evidence)
        return [profile(d, ev, self.policy) for d, ev in zip(decls, evidence, strict=True)]


def _valid(item: Declaration | Mapping[str, Any]) -> Declaration:
    if isinstance(item, Declaration):
        return item
    return validate_declaration(dict(item))
