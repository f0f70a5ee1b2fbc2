"""Rule and model evidence for the assessor, for one declaration (real time) or a batch: a
component that is missing or raises is named in the evidence, never fatal, and the profile
then gives at least the policy's safe lane.

The rule history records every declaration assessed while a rule set is loaded, whether its
rules ran or failed, so that later features stay point in time.
"""

from __future__ import annotations

from collections.abc import Sequence

from borderwatch.model import Declaration
from borderwatch.rules import Facts, History, RuleSet, facts_of, feature_frame, feature_row
from borderwatch.scoring import FlatRow, Scorer, score_batch, score_one
from borderwatch.selectivity.evidence import (
    MODEL,
    RULES,
    Evidence,
    screening_batch,
    screening_columns,
)

NO_RULES = "no rule set loaded"
NO_MODEL = "no model loaded"


def _fail(evidence: Sequence[Evidence], component: str, why: str) -> None:
    for ev in evidence:
        ev.failed[component] = why


def _why(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"


def rules_one(
    ruleset: RuleSet | None, history: History, problem: str | None, decl: Declaration, ev: Evidence
) -> None:
    """Rule hits of ``decl`` into ``ev`` (its screening already there); ``problem``: why the
    rule set is missing, when it is."""
    if ruleset is None:
        _fail([ev], RULES, problem or NO_RULES)
        return
    facts = facts_of(decl)
    try:
        row = feature_row(decl, history, screening_columns(ev), facts)
        ev.rule_hits = ruleset.evaluate_one(row)
    except Exception as exc:  # a failing component must be named, not fatal
        _fail([ev], RULES, _why(exc))
    finally:
        history.observe_facts(facts)


def rules_batch(
    ruleset: RuleSet | None,
    history: History,
    problem: str | None,
    decls: list[Declaration],
    evidence: list[Evidence],
    facts: Sequence[Facts] | None = None,
) -> None:
    """Rule hits of ``decls`` (lodging order) into ``evidence``, one frame for the batch
    (``facts``: their history facts, when the caller has them)."""
    if ruleset is None:
        _fail(evidence, RULES, problem or NO_RULES)
        return
    try:
        view = feature_frame(decls, history, screening_batch(evidence), ruleset.columns, facts)
        hits = ruleset.evaluate_batch(view)
    except Exception as exc:  # a failing component must be named, not fatal
        _fail(evidence, RULES, _why(exc))
        return
    for ev, found in zip(evidence, hits, strict=True):
        ev.rule_hits = found


def model_one(scorer: Scorer | None, problem: str | None, decl: Declaration, ev: Evidence) -> None:
    """The model score of ``decl`` into ``ev``."""
    if scorer is None:
        _fail([ev], MODEL, problem or NO_MODEL)
        return
    try:
        ev.score = score_one(scorer, decl)
    except Exception as exc:  # a failing component must be named, not fatal
        _fail([ev], MODEL, _why(exc))


def model_batch(
    scorer: Scorer | None,
    problem: str | None,
    rows: Sequence[Declaration | FlatRow],
    evidence: list[Evidence],
) -> None:
    """Model scores of ``rows`` (declarations, or their flat rows) into ``evidence``."""
    if scorer is None:
        _fail(evidence, MODEL, problem or NO_MODEL)
        return
    try:
        scores = score_batch(scorer, rows) if rows else []
    except Exception as exc:  # a failing component must be named, not fatal
        _fail(evidence, MODEL, _why(exc))
        return
    for ev, score in zip(evidence, scores, strict=True):
        ev.score = score
