"""Case pages: open a case from a declaration, assign, inspect, record an enforcement action
(a seizure with its legal basis), and read the chain of custody. They call the case
workflow directly; it checks roles, versions and transitions."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from borderwatch import cases as wf
from borderwatch.errors import Forbidden
from borderwatch.store.users import Permission, Principal, Role
from borderwatch.web.render import WEB_PREFIX, page
from borderwatch.web.session import BackendDep, needs

router = APIRouter()
Reader = Annotated[Principal, Depends(needs(Permission.CASES_READ))]
Writer = Annotated[Principal, Depends(needs(Permission.CASES_WRITE))]
CaseId = Annotated[int, Path(ge=1, le=2**62)]
_ACTORS = {Role.TARGETING_OFFICER: wf.Role.TARGETING_OFFICER,
           Role.INSPECTING_OFFICER: wf.Role.INSPECTING_OFFICER,
           Role.SUPERVISOR: wf.Role.SUPERVISOR}  # fmt: skip


def _actor(user: Principal) -> wf.Actor:
    role = _ACTORS.get(user.role)
    if role is None:
        raise Forbidden(f"role {user.role.value} takes no part in cases")
    return wf.Actor(user.username, role)


def _case(back: BackendDep, user: Principal, case_id: int) -> wf.CaseView:
    case = wf.get_case(back.engine, case_id)
    if not user.sees(case.office):
        raise Forbidden(f"case {case_id} belongs to office {case.office}")
    return case


def _back_to(case_id: int) -> RedirectResponse:
    return RedirectResponse(f"{WEB_PREFIX}/cases/{case_id}", status_code=303)


@router.get("/cases", response_class=HTMLResponse)
def cases_page(request: Request, back: BackendDep, user: Reader) -> Response:
    """The latest cases of the user's office."""
    found = [c for c in wf.list_cases(back.engine, limit=200) if user.sees(c.office)]
    return page(request, "cases.html", user=user, cases=found)


@router.post("/declarations/{source_id}/case")
def open_case(back: BackendDep, user: Writer, source_id: str,
              reason: Annotated[str, Form()]) -> Response:  # fmt: skip
    """Open a case on a declaration (officer initiative, with the reason given)."""
    detection = {"other": reason.strip() or "selected by a targeting officer"}
    case = wf.open_case(back.engine, source_id, detection, _actor(user), reason)
    return _back_to(case.id)


@router.get("/cases/{case_id}", response_class=HTMLResponse)
def case_page(request: Request, back: BackendDep, user: Reader, case_id: CaseId) -> Response:
    """A case: state, history, inspections, enforcement actions and the chain of custody."""
    case = _case(back, user, case_id)
    engine = back.engine
    powers = [p for p in wf.load_powers().by_id.values() if wf.ActionType.SEIZURE in p.actions]
    context: dict[str, Any] = {
        "user": user, "case": case, "history": wf.history(engine, case_id),
        "inspections": wf.inspections(engine, case_id), "actions": wf.actions_of(engine, case_id),
        "custody": wf.custody_report(engine, case_id), "powers": powers,
        "commodities": [c.value for c in wf.Commodity], "units": [u.value for u in wf.Unit],
        "kinds": [k.value for k in wf.InspectionType],
        "events": {e.value for e in wf.allowed_events(case.state)},
    }  # fmt: skip
    return page(request, "case.html", **context)


@router.post("/cases/{case_id}/assign")
def assign(back: BackendDep, user: Writer, case_id: CaseId, version: Annotated[int, Form()],
           officer: Annotated[str, Form()]) -> Response:  # fmt: skip
    """Assign the case to an inspecting officer."""
    _case(back, user, case_id)
    wf.assign(back.engine, case_id, officer, _actor(user), version, "assigned in the web")
    return _back_to(case_id)


@router.post("/cases/{case_id}/inspect")
def inspect(back: BackendDep, user: Writer, case_id: CaseId, version: Annotated[int, Form()],
            kind: Annotated[str, Form()], place: Annotated[str, Form()],
            notes: Annotated[str, Form()] = "") -> Response:  # fmt: skip
    """Record an inspection."""
    _case(back, user, case_id)
    wf.inspect(back.engine, case_id, kind, _actor(user), version, place, notes)
    return _back_to(case_id)


@router.post("/cases/{case_id}/seizure")
def seizure(back: BackendDep, user: Writer, case_id: CaseId, version: Annotated[int, Form()],
            legal_basis: Annotated[str, Form()], reason: Annotated[str, Form()],
            place: Annotated[str, Form()], commodity: Annotated[str, Form()],
            description: Annotated[str, Form()], quantity: Annotated[float, Form()],
            unit: Annotated[str, Form()]) -> Response:  # fmt: skip
    """Record a seizure with its legal basis; the items start their chain of custody."""
    _case(back, user, case_id)
    item = {"commodity": commodity, "description": description, "quantity": quantity,
            "unit": unit}  # fmt: skip
    action = {"type": "seizure", "legal_basis": legal_basis, "reason": reason, "place": place,
              "items": [item]}  # fmt: skip
    wf.request_action(back.engine, case_id, action, _actor(user), version)
    return _back_to(case_id)
