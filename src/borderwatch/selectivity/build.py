"""Building an :class:`Assessor` from what is installed: lists, rules, model and policy.

A component that cannot be loaded does not stop the build: the assessor is built without it
and every decision names it (and takes at least the policy's safe lane).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Engine, select

from borderwatch.errors import BorderwatchError
from borderwatch.rules import RuleSet, load_pack
from borderwatch.rules.registry import active_ruleset
from borderwatch.scoring import Scorer, load
from borderwatch.scoring.registry import active
from borderwatch.screening import Screener, ScreeningList, default_lists
from borderwatch.selectivity.assessor import Assessor
from borderwatch.selectivity.evidence import MODEL, RULES, SCREENING
from borderwatch.selectivity.policy import Policy, load_policy
from borderwatch.store.scoring import scoring_models

DEFAULT_PACK = "security"


def _screener(lists: Sequence[ScreeningList] | None) -> tuple[Screener | None, str | None]:
    try:
        loaded = list(lists) if lists is not None else default_lists()
    except (BorderwatchError, OSError) as exc:
        return None, f"lists not loaded: {exc}"
    if not loaded:
        return None, "no watchlist loaded"
    return Screener(loaded), None


def _ruleset(engine: Engine | None) -> tuple[RuleSet | None, str | None]:
    try:
        if engine is not None:
            stored = active_ruleset(engine)
            if stored.rules:
                return stored, None
        return RuleSet.from_specs(load_pack(DEFAULT_PACK)), None
    except BorderwatchError as exc:
        return None, f"rule set not loaded: {exc}"


def _model_dir(engine: Engine | None) -> Path | None:
    if engine is None:
        return None
    version = active(engine)
    if version is None:
        return None
    with engine.connect() as conn:
        path = conn.execute(
            select(scoring_models.c.path).where(scoring_models.c.version == version)
        ).scalar_one_or_none()
    return Path(path) if path else None


def _scorer(directory: Path | None) -> tuple[Scorer | None, str | None]:
    if directory is None:
        return None, "no model: give a model directory or activate one in the registry"
    try:
        return load(directory)[0], None
    except BorderwatchError as exc:
        return None, f"model not loaded: {exc.message}"


def build_assessor(
    engine: Engine | None = None,
    *,
    policy: Policy | None = None,
    policy_path: Path | None = None,
    model_dir: Path | None = None,
    lists: Sequence[ScreeningList] | None = None,
    ruleset: RuleSet | None = None,
    workers: int = 1,
) -> Assessor:
    """An assessor with the given components, else the installed ones: the shipped lists,
    the active rules in ``engine`` (else the built-in security pack), the model in
    ``model_dir`` (else the registry's active model) and the policy (else the shipped one).
    ``workers`` processes assess large batches (see :class:`Assessor`)."""
    problems: dict[str, str] = {}
    screener, problem = _screener(lists)
    if problem:
        problems[SCREENING] = problem
    if ruleset is None:
        ruleset, problem = _ruleset(engine)
        if problem:
            problems[RULES] = problem
    scorer, problem = _scorer(model_dir or _model_dir(engine))
    if problem:
        problems[MODEL] = problem
    chosen = policy or load_policy(policy_path)
    return Assessor(chosen, ruleset, screener, scorer, problems=problems, workers=workers)
