"""Cases: open from a declaration, assign, inspect, enforcement actions with legal basis,
and the chain of custody. The case workflow checks roles and versions; this router maps
users to case actors and checks the office."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, status
from fastapi.responses import PlainTextResponse
from sqlalchemy import Engine, select

from borderwatch import cases as wf
from borderwatch.api.deps import EngineDep, Page, PageDep, check_office, require
from borderwatch.api.schemas import ERRORS, ActionRequest, AssignIn, CaseOpenIn, InspectIn
from borderwatch.errors import Forbidden
from borderwatch.store.schema import declarations
from borderwatch.store.users import Permission, Principal, Role

router = APIRouter(prefix="/cases", tags=["cases"], responses=ERRORS)
Reader = Annotated[Principal, Depends(require(Permission.CASES_READ))]
Writer = Annotated[Principal, Depends(require(Permission.CASES_WRITE))]
CaseId = Annotated[int, Path(ge=1, le=2**62)]
_ACTORS = {Role.TARGETING_OFFICER: wf.Role.TARGETING_OFFICER,
           Role.INSPECTING_OFFICER: wf.Role.INSPECTING_OFFICER,
           Role.SUPERVISOR: wf.Role.SUPERVISOR}  # fmt: skip


def actor(user: Principal) -> wf.Actor:
    """The case actor of a user; 403 for roles that take no part in cases."""
    role = _ACTORS.get(user.role)
    if role is None:
        raise Forbidden(f"role {user.role.value} takes no part in cases")
    return wf.Actor(user.username, role)


def case_of(engine: Engine, user: Principal, case_id: int) -> wf.CaseView:
    """The case, if the user's office may see it."""
    case = wf.get_case(engine, case_id)
    check_office(user, case.office)
    return case


def case_detail(engine: Engine, user: Principal, case_id: int) -> dict[str, Any]:
    """A case with its history, inspections, actions and seized items."""
    case = case_of(engine, user, case_id)
    return {**case.to_dict(), "history": _plain(wf.history(engine, case_id)),
            "inspections": _plain(wf.inspections(engine, case_id)),
            "actions": [a.to_dict() for a in wf.actions_of(engine, case_id)],
            "items": wf.items_of(engine, case_id),
            "allowed_events": [e.value for e in wf.allowed_events(case.state)]}  # fmt: skip


def _plain(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in r.items()}
            for r in rows]  # fmt: skip


def _declaration_office(engine: Engine, source_id: str) -> str | None:
    query = select(declarations.c.office).where(
        declarations.c.source_id == source_id, declarations.c.superseded_at.is_(None)
    )
    with engine.connect() as conn:
        office = conn.execute(query).scalar_one_or_none()
    return None if office is None else str(office)


@router.get("")
def list_cases(
    user: Reader, engine: EngineDep, page: PageDep, state: wf.CaseState | None = None
) -> Page[dict[str, Any]]:
    """Cases of the caller's office, newest first."""
    found = [c for c in wf.list_cases(engine, state, limit=10_000) if user.sees(c.office)]
    items = [c.to_dict() for c in found[page.offset : page.offset + page.limit]]
    return Page.of(items, len(found), page)


@router.post("", status_code=status.HTTP_201_CREATED)
def open_case(body: CaseOpenIn, user: Writer, engine: EngineDep) -> dict[str, Any]:
    """Open a case on a declaration of the caller's office."""
    office = _declaration_office(engine, body.source_id)
    if office is not None:
        check_office(user, office)
    case = wf.open_case(engine, body.source_id, body.detection, actor(user), body.reason)
    return case.to_dict()


@router.get("/{case_id}")
def get_case(case_id: CaseId, user: Reader, engine: EngineDep) -> dict[str, Any]:
    """A case with history, inspections, enforcement actions and seized items."""
    return case_detail(engine, user, case_id)


@router.post("/{case_id}/assign")
def assign(case_id: CaseId, body: AssignIn, user: Writer, engine: EngineDep) -> dict[str, Any]:
    """Assign the case to an officer."""
    case_of(engine, user, case_id)
    return wf.assign(engine, case_id, body.officer, actor(user), body.version,
                     body.reason).to_dict()  # fmt: skip


@router.post("/{case_id}/inspect")
def inspect(case_id: CaseId, body: InspectIn, user: Writer, engine: EngineDep) -> dict[str, Any]:
    """Record an inspection by the assigned officer."""
    case_of(engine, user, case_id)
    return wf.inspect(engine, case_id, body.type, actor(user), body.version, body.place,
                      body.notes).to_dict()  # fmt: skip


@router.post("/{case_id}/actions", status_code=status.HTTP_201_CREATED)
def request_action(
    case_id: CaseId, body: ActionRequest, user: Writer, engine: EngineDep
) -> dict[str, Any]:
    """An enforcement action (seizure, detention, referral, penalty...) with its legal basis."""
    case_of(engine, user, case_id)
    return wf.request_action(engine, case_id, body.action, actor(user), body.version).to_dict()


@router.get("/{case_id}/custody", response_class=PlainTextResponse)
def custody(case_id: CaseId, user: Reader, engine: EngineDep) -> str:
    """The chain of custody of every item seized in the case (Markdown)."""
    case_of(engine, user, case_id)
    return wf.custody_report(engine, case_id)
