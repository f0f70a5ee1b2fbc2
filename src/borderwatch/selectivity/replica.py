"""The history the processes of a batch share (see :mod:`borderwatch.selectivity.parallel`):
what the rule and model histories record of a chunk's declarations (its facts), how a process
records them, and whole snapshots of an assessor's histories."""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from borderwatch.model import Declaration
from borderwatch.rules import Facts, facts_of
from borderwatch.scoring import FlatRow, flat_row

if TYPE_CHECKING:
    from borderwatch.rules import History as RuleHistory
    from borderwatch.scoring.history import History as ScoringHistory
    from borderwatch.selectivity.assessor import Assessor, Refusal

Found = tuple[list[Facts], list[FlatRow]]
"""What the rule and model histories record of a chunk's declarations, in lodging order."""


@dataclass(slots=True)
class Validated:
    """A worker's first step: refusals, whether the order held, and the history facts of its
    valid declarations."""

    refusals: list[Refusal]
    ordered: bool
    facts: Found


State = tuple["RuleHistory", "ScoringHistory | None"]
"""The rule history and the model's history (None without a model)."""


def _live(assessor: Assessor) -> State:
    scoring = assessor.scorer.trained.history if assessor.scorer is not None else None
    return assessor.history, scoring


def history(assessor: Assessor) -> bytes:
    """The assessor's point-in-time state (rule and model histories), pickled."""
    return pickle.dumps(_live(assessor), protocol=pickle.HIGHEST_PROTOCOL)


def restore(assessor: Assessor, state: bytes) -> None:
    """Put the state of :func:`history` back into ``assessor``."""
    rules, scoring = pickle.loads(state)
    assessor.history = rules
    if assessor.scorer is not None and scoring is not None:
        assessor.scorer.trained.history = scoring


def found_of(scored: bool, decls: Sequence[Declaration]) -> Found:
    """What the rule and model histories record of ``decls`` (lodging order; no model rows
    unless ``scored``)."""
    return [facts_of(d) for d in decls], [flat_row(d) for d in decls] if scored else []


def record(assessor: Assessor, found: Found) -> None:
    """Record the facts of a chunk (see :func:`found_of`) in the assessor's histories."""
    rules, flat = found
    for f in rules:
        assessor.history.observe_facts(f)
    if assessor.scorer is not None:
        assessor.scorer.record(flat)


Sync = tuple[str, Any]
"""How a worker brings its replica up to date: ``("state", bytes of history())`` or
``("facts", [Found, ...])``."""
