"""Pages: login, the targeting queue, a declaration, the dashboard and the audit view."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, TypeVar

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import escape

from borderwatch.errors import BorderwatchError, FieldError, InvalidInput
from borderwatch.model.decisions import Basis, Lane
from borderwatch.store.users import Permission, Principal
from borderwatch.web import charts
from borderwatch.web.figures import dashboard
from borderwatch.web.render import WEB_PREFIX, page
from borderwatch.web.session import COOKIE, BackendDep, PageUser, needs

router = APIRouter()
PAGE_SIZE = 25
E = TypeVar("E", bound=Enum)


def _home(user: Principal) -> str:
    for perm, path in ((Permission.QUEUE, "queue"), (Permission.RULES_WRITE, "rules"),
                       (Permission.AUDIT, "audit"), (Permission.CASES_READ, "cases")):  # fmt: skip
        if user.can(perm):
            return f"{WEB_PREFIX}/{path}"
    return f"{WEB_PREFIX}/me"


@router.get("/", include_in_schema=False)
def home(user: PageUser) -> RedirectResponse:
    """The user's start page."""
    return RedirectResponse(_home(user), status_code=303)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> Response:
    """The login form."""
    return page(request, "login.html", user=None, problem=None)


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, back: BackendDep, username: Annotated[str, Form()],
          password: Annotated[str, Form()]) -> Response:  # fmt: skip
    """Log in: a session cookie and the start page, or the form with the reason."""
    client = request.client.host if request.client else "unknown"
    try:
        token = back.login(username, password, client)
    except BorderwatchError as exc:
        return page(request, "login.html", status=exc.status, user=None, problem=exc.message)
    user = back.principal(token)
    response = RedirectResponse(_home(user), status_code=303)
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/")
    return response


@router.post("/logout")
def logout() -> RedirectResponse:
    """End the session."""
    response = RedirectResponse(f"{WEB_PREFIX}/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


@router.get("/me", response_class=HTMLResponse)
def me(request: Request, user: PageUser) -> Response:
    """Who is logged in (the only page of roles without targeting access)."""
    return page(request, "me.html", user=user)


def _choice(kind: type[E], value: str, name: str) -> E | None:
    """An optional enumeration value from a form field (empty: none)."""
    if not value:
        return None
    try:
        return kind(value)
    except ValueError:
        raise InvalidInput(f"unknown {name}", [FieldError(name, f"not a {name}")]) from None


@router.get("/queue", response_class=HTMLResponse)
def queue(
    request: Request,
    back: BackendDep,
    user: Annotated[Principal, Depends(needs(Permission.QUEUE))],
    office: Annotated[str, Query(max_length=17)] = "",
    lane: Annotated[str, Query(max_length=16)] = "",
    basis: Annotated[str, Query(max_length=16)] = "",
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    """The targeting queue, riskiest first, filtered by office, lane and reason."""
    chosen_lane = _choice(Lane, lane, "lane")
    chosen_basis = _choice(Basis, basis, "basis")
    found = back.queue(user, PAGE_SIZE, offset, office or None, chosen_lane, chosen_basis)
    lanes, bases = [x.value for x in Lane], [x.value for x in Basis]
    return page(request, "queue.html", user=user, page=found, office=office, lane=lane,
                basis=basis, lanes=lanes, bases=bases)  # fmt: skip


@router.post("/queue/{source_id}/claim", response_class=HTMLResponse)
def claim(request: Request, back: BackendDep, source_id: str,
          user: Annotated[Principal, Depends(needs(Permission.QUEUE))]) -> Response:  # fmt: skip
    """Claim an item (htmx swaps the claim cell)."""
    back.claim(user, source_id)
    return HTMLResponse(f'<span class="claimed">claimed by {user.username}</span>')


@router.get("/declarations/{source_id}", response_class=HTMLResponse)
def declaration(request: Request, back: BackendDep, source_id: str,
                user: Annotated[Principal, Depends(needs(Permission.DECLARATIONS))]
                ) -> Response:  # fmt: skip
    """Parties, goods, route, reasons (screening hits with the matched alias, rule hits,
    model reasons) and the decision history of one declaration."""
    detail = back.declaration(user, source_id)
    live = next((d for d in reversed(detail.decisions) if d["superseded_at"] is None), None)
    parties = detail.payload.get("parties", [])
    hits = [
        (p, h)
        for p in parties
        for h in back.screen(p["name"], p.get("schema") or "LegalEntity", p.get("country"))
    ]
    return page(request, "declaration.html", user=user, d=detail, live=live, hits=hits,
                can_open=user.can(Permission.CASES_WRITE),
                can_review=user.can(Permission.SCREEN))  # fmt: skip


@router.post("/hits/review", response_class=HTMLResponse)
def review_hit(request: Request, back: BackendDep,
               user: Annotated[Principal, Depends(needs(Permission.SCREEN))],
               name: Annotated[str, Form()], party_schema: Annotated[str, Form()],
               list_name: Annotated[str, Form()], entity_id: Annotated[str, Form()],
               decision: Annotated[str, Form()], reason: Annotated[str, Form()] = "",
               country: Annotated[str, Form()] = "") -> Response:  # fmt: skip
    """Confirm or dismiss one hit with a reason (an htmx fragment replacing the hit's form)."""
    form = {"name": name, "schema": party_schema, "country": country or None,
            "list_name": list_name, "entity_id": entity_id, "decision": decision,
            "reason": reason}  # fmt: skip
    try:
        back.review_hit(user, form)
    except BorderwatchError as exc:
        return HTMLResponse(f'<p class="problem">{escape(exc.message)}</p>', status_code=200)
    return HTMLResponse(f'<span class="reviewed">{escape(decision)} by {escape(user.username)}'
                        f": {escape(reason)}</span>")  # fmt: skip


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard_page(request: Request, back: BackendDep,
                   user: Annotated[Principal, Depends(needs(Permission.DASHBOARD))]
                   ) -> Response:  # fmt: skip
    """Inspections, hit rates, the detection-rate estimate and seizures, as charts."""
    data = dashboard(back.engine)
    rep = data["report"]
    by_basis = rep.get("hit_rate_by_basis", {})
    svgs = [
        charts.bars("Decisions by lane", list(rep["lanes"]), list(rep["lanes"].values()),
                    "declarations"),
        charts.bars("Hit rate by selection reason", list(by_basis),
                    [v["hit_rate"] or 0 for v in by_basis.values()], "findings / known"),
        charts.bars("Seizures by commodity (cases)", list(data["by_commodity"]),
                    list(data["by_commodity"].values()), "items"),
        charts.bars("Seizures by route (country of dispatch)", list(data["by_route"]),
                    list(data["by_route"].values()), "declarations"),
        charts.bars("Seizures by week", list(data["by_week"]), list(data["by_week"].values()),
                    "declarations"),
    ]  # fmt: skip
    return page(request, "dashboard.html", user=user, rep=rep, charts=svgs)


@router.get("/audit", response_class=HTMLResponse)
def audit(request: Request, back: BackendDep,
          user: Annotated[Principal, Depends(needs(Permission.AUDIT))],
          subject_type: Annotated[str | None, Query(max_length=64)] = None,
          offset: Annotated[int, Query(ge=0)] = 0) -> Response:  # fmt: skip
    """The audit trail, for auditors."""
    found = back.audit(PAGE_SIZE, offset, subject_type or None)
    return page(request, "audit.html", user=user, page=found, subject_type=subject_type or "")
