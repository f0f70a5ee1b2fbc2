"""The worker side of a batch on several processes (see
:mod:`borderwatch.selectivity.parallel`): a process holding an assessor built from the
assessor's pickled components, which does its whole part of each batch in one call."""

from __future__ import annotations

import gc
import pickle
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from borderwatch.memory import paused_gc, settle
from borderwatch.rules import RuleSet, RuleSpec, compile_rule
from borderwatch.selectivity import transfer
from borderwatch.selectivity.replica import Validated, found_of, history, record, restore

if TYPE_CHECKING:
    from borderwatch.selectivity.assessor import Assessor

Item = Mapping[str, Any]
_WORKER: Assessor | None = None


def init(blob: bytes, known: list[Item]) -> None:
    """The pool's initializer: build this process's assessor from the pickled components
    ``blob``, prescreen the raw declarations ``known`` and warm up on the last of them."""
    from borderwatch.selectivity.assessor import Assessor

    global _WORKER
    policy, specs, screener, scorer, problems = pickle.loads(blob)
    rules: list[tuple[RuleSpec, int, bool]] | None = specs
    ruleset = None if rules is None else RuleSet(compile_rule(*r) for r in rules)
    _WORKER = Assessor(policy, ruleset, screener, scorer, problems=problems)
    _WORKER.prescreen(known)
    _warm_up(_WORKER, known[-WARM_UP:])
    settle()  # the components live as long as the worker: no collection traverses them


WARM_UP = 200
"""Known declarations a new worker assesses once, its history then put back, so that its first
batch finds the code compiled (numba), the caches filled and the libraries loaded."""


def _warm_up(assessor: Assessor, known: Sequence[Item]) -> None:
    saved = history(assessor)
    with paused_gc():
        decls = assessor.validate_chunk(known, range(len(known)))[0]
        assessor.candidates(decls)
    restore(assessor, saved)


def ready() -> bool:
    """Whether this process's assessor is built (the first call waits for the initializer)."""
    return _WORKER is not None


def work(sync: str, items: str, positions: list[int], facts: list[str], out: str) -> str:
    """A worker's part of a batch: validate the items of parcel ``items`` (at ``positions`` of
    the batch), write their :class:`Validated` to the last parcel of ``facts`` (what the other
    processes wait for first), bring its replica up to date from the parcel ``sync``, record
    the facts of the chunks before (the other parcels of ``facts``, as the workers assessing
    them write them), assess the chunk and write its candidates (lodging order) to the parcel
    ``out``."""
    assessor = _worker()
    mine = Path(facts[-1])
    try:
        with paused_gc():  # as Assessor.assess_batch: see borderwatch.memory
            raw = transfer.unparcel(items)
            decls, refusals, ordered = assessor.validate_chunk(raw, positions)
            found = found_of(assessor.scorer is not None, decls)
            transfer.parcel(mine, Validated(refusals, ordered, found))  # needs no history
            kind, payload = transfer.unparcel(sync)
            if kind == "state":
                restore(assessor, payload)
            else:
                for missed in payload:
                    record(assessor, missed)
            for earlier in facts[:-1]:
                record(assessor, transfer.await_parcel(Path(earlier)).facts)
            evidence = assessor.screen(decls)
            candidates = assessor.judge(decls, evidence, found)
            _LEFT[:] = [raw, decls, evidence, candidates]  # freed by drop(), after the result
            done = transfer.parcel(Path(out), candidates)
            # out of the collector's sight before it resumes: the replica, the caches and
            # this batch's objects (freed by drop() as usual); a full collection over them
            # would hold the result back (0.3 s). Nothing here makes reference cycles.
            gc.freeze()
            return done
    except BaseException as exc:
        transfer.fail(mine, exc)
        raise


_LEFT: list[object] = []
"""What the last batch made, kept until :func:`drop`: freeing it (some 200,000 objects) before
the result is sent would keep the assessor waiting as long."""


def drop() -> None:
    """Free what the last batch made (the assessor asks once it has the results)."""
    _LEFT.clear()


def _worker() -> Assessor:
    if _WORKER is None:
        raise RuntimeError("worker not initialised")
    return _WORKER
