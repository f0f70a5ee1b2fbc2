"""The rule editor: live validation (htmx), drafting, and a backtest with its chart."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from borderwatch.errors import BorderwatchError
from borderwatch.rules import COLUMNS, parse_spec
from borderwatch.rules import registry as reg
from borderwatch.store.users import Permission, Principal
from borderwatch.web.charts import backtest_svg
from borderwatch.web.render import page
from borderwatch.web.session import BackendDep, needs

router = APIRouter()
Writer = Annotated[Principal, Depends(needs(Permission.RULES_WRITE))]


def _editor(request: Request, back: BackendDep, user: Principal, status: int = 200,
            **extra: object) -> Response:  # fmt: skip
    rules = reg.listing(back.engine)
    today = dt.date.today()
    context = {"user": user, "rules": rules, "columns": COLUMNS, "saved": None, "problems": [],
               "start": (today - dt.timedelta(days=120)).isoformat(), "end": today.isoformat(),
               "form": {}}  # fmt: skip
    return page(request, "rules.html", status=status, **{**context, **extra})


@router.get("/rules", response_class=HTMLResponse)
def rules_page(request: Request, back: BackendDep, user: Writer) -> Response:
    """The rules and the editor."""
    return _editor(request, back, user)


@router.post("/rules/validate", response_class=HTMLResponse)
def validate(request: Request, back: BackendDep, _: Writer,
             expression: Annotated[str, Form()] = "") -> Response:  # fmt: skip
    """Live validation of the expression being typed (an htmx fragment)."""
    checked = back.validate_rule(expression) if expression.strip() else None
    return page(request, "_validation.html", checked=checked)


@router.post("/rules", response_class=HTMLResponse)
def save(request: Request, back: BackendDep, user: Writer,
         rule_id: Annotated[str, Form()], title: Annotated[str, Form()],
         description: Annotated[str, Form()], expression: Annotated[str, Form()],
         weight: Annotated[float, Form()] = 10.0) -> Response:  # fmt: skip
    """Save the rule as a draft version (an approver other than the author activates it)."""
    form = {"id": rule_id, "title": title, "description": description,
            "expression": expression, "weight": weight, "owner": user.username}  # fmt: skip
    try:
        saved = reg.save(back.engine, [parse_spec(form)], user.username, "drafted in the editor")
    except BorderwatchError as exc:
        problems = exc.details.get("errors") or [{"path": "", "reason": exc.message}]
        return _editor(request, back, user, status=exc.status, problems=problems, form=form)
    return _editor(request, back, user, saved=saved or ["no change"], form=form)


@router.post("/rules/backtest", response_class=HTMLResponse)
def backtest(request: Request, back: BackendDep, _: Writer,
             expression: Annotated[str, Form()], start: Annotated[dt.date, Form()],
             end: Annotated[dt.date, Form()]) -> Response:  # fmt: skip
    """Backtest the expression over stored outcomes: figures and a weekly chart (fragment)."""
    try:
        result = back.backtest(None, expression, start, end)
    except BorderwatchError as exc:
        return page(request, "_backtest.html", result=None, error=exc.to_dict(), chart=None)
    return page(request, "_backtest.html", result=result, error=None, chart=backtest_svg(result))
