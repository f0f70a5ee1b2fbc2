"""Risk rules: list, validate, author drafts, approve (four eyes), activate, backtest."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, status
from sqlalchemy import Engine

from borderwatch.api.deps import EngineDep, Page, PageDep, ServicesDep, require
from borderwatch.api.schemas import (
    ERRORS,
    BacktestIn,
    ExpressionIn,
    RuleDecisionIn,
    RuleOut,
    ValidationOut,
)
from borderwatch.errors import FieldError, InvalidInput, NotFound
from borderwatch.rules import check, compile_rule, parse_spec
from borderwatch.rules import registry as reg
from borderwatch.rules.backtest import BacktestResult, Window, evaluate, labelled_view
from borderwatch.store.users import Permission, Principal

router = APIRouter(prefix="/rules", tags=["rules"], responses=ERRORS)
Reader = Annotated[Principal, Depends(require(Permission.RULES_READ))]
Writer = Annotated[Principal, Depends(require(Permission.RULES_WRITE))]
Approver = Annotated[Principal, Depends(require(Permission.RULES_APPROVE))]
MAX_WINDOW_DAYS = 366


def _out(v: reg.RuleVersion) -> RuleOut:
    return RuleOut(id=v.spec.id, version=v.version, state=v.state.value, shadow=v.shadow,
                   title=v.spec.title, expression=v.spec.expression, created_by=v.created_by,
                   created_at=v.created_at, spec=v.spec.to_data())  # fmt: skip


def validation(expression: str) -> ValidationOut:
    """Whether ``expression`` is a valid rule condition, its columns or its problems."""
    try:
        checked = check(expression)
    except InvalidInput as exc:
        errors = [{"path": e.path, "reason": e.reason} for e in exc.errors]
        return ValidationOut(valid=False, columns=[], errors=errors)
    return ValidationOut(valid=True, columns=list(checked.columns), errors=[])


def backtest(engine: Engine, rule_id: str | None, expression: str | None, window: Window
             ) -> BacktestResult:  # fmt: skip
    """Figures of a stored rule (latest version) or an ad hoc expression over ``window``."""
    if (rule_id is None) == (expression is None):
        raise InvalidInput(
            "give a rule id or an expression",
            [FieldError("rule_id", "give exactly one of rule_id, expression")],
        )
    if window.days > MAX_WINDOW_DAYS:
        raise InvalidInput(
            "window too long", [FieldError("end", f"at most {MAX_WINDOW_DAYS} days")]
        )
    if expression is not None:
        rule = compile_rule(parse_spec({"id": "ADHOC", "title": "ad hoc expression",
                                        "description": "backtest", "expression": expression,
                                        "owner": "web"}))  # fmt: skip
    else:
        found = reg.versions(engine, str(rule_id))
        if not found:
            raise NotFound(f"no rule {rule_id}")
        rule = compile_rule(found[-1].spec, found[-1].version)
    return evaluate(rule, reg.active_ruleset(engine), labelled_view(engine, window), window)


@router.get("")
def list_rules(_: Reader, engine: EngineDep, page: PageDep) -> Page[RuleOut]:
    """The live state of every rule version, by rule id."""
    found = reg.listing(engine)
    items = [_out(v) for v in found[page.offset : page.offset + page.limit]]
    return Page.of(items, len(found), page)


@router.get("/{rule_id}")
def rule_versions(_: Reader, engine: EngineDep, rule_id: str, page: PageDep) -> Page[RuleOut]:
    """Every version of one rule, oldest first."""
    found = reg.versions(engine, rule_id)
    if not found:
        raise NotFound(f"no rule {rule_id}")
    return Page.of([_out(v) for v in found[page.offset : page.offset + page.limit]],
                   len(found), page)  # fmt: skip


@router.post("/validate")
def validate(body: ExpressionIn, _: Reader) -> ValidationOut:
    """Check a rule expression: its columns if valid, else every problem with its position."""
    return validation(body.expression)


@router.post("", status_code=status.HTTP_201_CREATED)
def create(body: dict[str, Any], user: Writer, engine: EngineDep) -> list[str]:
    """Store a rule as a new draft version (the author is the caller); ``["ID vN"]``."""
    spec = parse_spec({**body, "owner": body.get("owner") or user.username})
    return reg.save(engine, [spec], user.username, str(body.get("reason") or "drafted"))


@router.post("/{rule_id}/approve")
def approve(rule_id: str, body: RuleDecisionIn, user: Approver, engine: EngineDep) -> RuleOut:
    """Approve a draft; the approver must not be its author (four eyes)."""
    return _out(reg.approve(engine, rule_id, user.username, body.version, body.reason))


@router.post("/{rule_id}/activate")
def activate(rule_id: str, body: RuleDecisionIn, user: Approver, engine: EngineDep,
             services: ServicesDep) -> RuleOut:  # fmt: skip
    """Activate an approved version (in shadow mode if asked); the assessor reloads."""
    done = reg.activate(engine, rule_id, user.username, body.version, body.shadow, body.reason)
    services.reload()
    return _out(done)


@router.post("/backtest", tags=["rules"])
def run_backtest(body: BacktestIn, _: Writer, engine: EngineDep) -> dict[str, Any]:
    """Hit rate, lift, load per day, overlap and weekly figures over stored outcomes."""
    window = Window(body.start, body.end, body.warmup_days)
    result = backtest(engine, body.rule_id, body.expression, window)
    return _json(result.as_dict())


def _json(data: dict[str, Any]) -> dict[str, Any]:
    def value(v: Any) -> Any:
        if isinstance(v, dt.date):
            return v.isoformat()
        if isinstance(v, list):
            return [value(x) for x in v]
        if isinstance(v, dict):
            return {k: value(x) for k, x in v.items()}
        return v

    return {k: value(v) for k, v in data.items()}
