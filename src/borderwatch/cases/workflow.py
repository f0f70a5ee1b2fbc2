"""The case workflow: open from a declaration, assign, inspect, record and submit a result,
approve or reject it, close or withdraw.

Each function is one transaction: every check runs before anything is written, and a
refusal leaves no trace. Each change takes the case version the caller saw (optimistic
locking) and appends one history event.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select, update

from borderwatch.cases import ledger
from borderwatch.cases.actions import live_actions
from borderwatch.cases.feedback import write_outcome
from borderwatch.cases.inputs import ResultIn, parse
from borderwatch.cases.ledger import CaseView, Db, append, begin, now, transaction
from borderwatch.cases.machine import check_role
from borderwatch.cases.types import ActionState, Actor, CaseState, Event, InspectionType
from borderwatch.cases.types import ResultStatus as RS
from borderwatch.errors import Conflict, FieldError, Forbidden, InvalidInput, NotFound
from borderwatch.model.cases import DetectionMethod
from borderwatch.model.validation import field_errors
from borderwatch.store.cases import case_inspections, case_results, cases
from borderwatch.store.schema import declarations


def _need(value: str, name: str, why: str) -> str:
    if not value.strip():
        raise InvalidInput(f"{name} is required", [FieldError(name, why)])
    return value.strip()


def _detection(data: DetectionMethod | dict[str, Any]) -> DetectionMethod:
    if isinstance(data, DetectionMethod):
        return data
    from pydantic import ValidationError

    try:
        return DetectionMethod.model_validate(data)
    except ValidationError as exc:
        errors = [FieldError(f"detection.{e.path}", e.reason) for e in field_errors(exc)]
        raise InvalidInput("detection method is invalid", errors) from None


def open_case(
    db: Db, source_id: str, detection: DetectionMethod | dict[str, Any], actor: Actor,
    reason: str = "",
) -> CaseView:  # fmt: skip
    """Open a case on the live version of declaration ``source_id``, selected by
    ``detection``. Refused if the declaration has a case that is not closed."""
    check_role(actor.role, Event.OPEN)
    method = _detection(detection)
    with transaction(db) as conn:
        decl = conn.execute(
            select(declarations.c.id, declarations.c.office).where(
                declarations.c.source_id == source_id, declarations.c.superseded_at.is_(None)
            )
        ).first()
        if decl is None:
            raise NotFound(f"no declaration {source_id!r}")
        for other in open_cases_of(conn, source_id):
            raise Conflict(f"declaration {source_id} already has open case {other}")
        case_id = conn.execute(
            cases.insert().values(
                source_id=source_id, declaration_id=decl.id, office=decl.office,
                detection=method.model_dump(mode="json"), opened_by=actor.user,
                opened_at=now(), reason=reason or method.summary(),
            ).returning(cases.c.id)
        ).scalar_one()  # fmt: skip
        data = {"detection": method.summary()}
        ledger._audit(conn, case_id, 1, Event.OPEN, None, CaseState.OPEN, actor, reason, data)
        return ledger.load(conn, case_id)


def open_cases_of(conn: Connection, source_id: str) -> list[int]:
    """Ids of the cases on ``source_id`` that are not closed."""
    ids = conn.execute(select(cases.c.id).where(cases.c.source_id == source_id)).scalars()
    return [i for i in ids if ledger.load(conn, i).state is not CaseState.CLOSED]


def assign(db: Db, case_id: int, officer: str, actor: Actor, version: int,
           reason: str = "") -> CaseView:  # fmt: skip
    """Assign (or reassign) the inspecting officer."""
    officer = _need(officer, "officer", "name the inspecting officer")
    with transaction(db) as conn:
        case, after = begin(conn, case_id, Event.ASSIGN, actor, version)
        return append(conn, case, Event.ASSIGN, after, actor, reason, {"officer": officer})


def _assignee(case: CaseView, actor: Actor) -> None:
    if case.assignee != actor.user:
        raise Forbidden(f"case {case.id} is assigned to {case.assignee}, not {actor.user}")


def inspect(
    db: Db, case_id: int, kind: InspectionType | str, actor: Actor, version: int,
    place: str, notes: str = "",
) -> CaseView:  # fmt: skip
    """Record an inspection by the assigned officer: documentary, scan, physical or sample."""
    try:
        kind = InspectionType(kind)
    except ValueError:
        known = ", ".join(k.value for k in InspectionType)
        why = f"unknown inspection type {kind!r} (known: {known})"
        raise InvalidInput("invalid inspection", [FieldError("type", why)]) from None
    place = _need(place, "place", "name where the inspection took place")
    with transaction(db) as conn:
        case, after = begin(conn, case_id, Event.INSPECT, actor, version)
        _assignee(case, actor)
        conn.execute(
            case_inspections.insert().values(
                case_id=case_id, type=kind.value, officer=actor.user, at=now(), place=place,
                notes=notes,
            )
        )  # fmt: skip
        return append(conn, case, Event.INSPECT, after, actor, notes, {"type": kind.value})


def live_result(conn: Connection, case_id: int) -> Any:
    """The live result row of the case, or None."""
    return conn.execute(
        select(case_results).where(
            case_results.c.case_id == case_id, case_results.c.superseded_at.is_(None)
        )
    ).first()


def _write_result(conn: Connection, case_id: int, values: dict[str, Any]) -> None:
    live = (case_results.c.case_id == case_id) & case_results.c.superseded_at.is_(None)
    at = now()
    conn.execute(update(case_results).where(live).values(superseded_at=at))
    conn.execute(case_results.insert().values(case_id=case_id, recorded_at=at, **values))


def record_result(
    db: Db, case_id: int, result: ResultIn | dict[str, Any], actor: Actor, version: int,
    submit: bool = False, reason: str = "",
) -> CaseView:  # fmt: skip
    """Save the assigned officer's result as a draft, or submit it as final for approval."""
    parsed = parse(ResultIn, result, "result")
    event = Event.SUBMIT_RESULT if submit else Event.RECORD_RESULT
    with transaction(db) as conn:
        case, after = begin(conn, case_id, event, actor, version)
        _assignee(case, actor)
        status = RS.SUBMITTED if submit else RS.DRAFT
        _write_result(conn, case_id, {
            "status": status.value, "finding": parsed.finding.value,
            "items": [i.model_dump(mode="json") for i in parsed.items],
            "revenue_recovered": parsed.revenue_recovered, "notes": parsed.notes,
            "submitted_by": actor.user if submit else None, "recorded_by": actor.user,
            "reason": reason,
        })  # fmt: skip
        data = {"finding": parsed.finding.value, "status": status.value}
        return append(conn, case, event, after, actor, reason, data)


def _decide_result(db: Db, case_id: int, actor: Actor, version: int, reason: str,
                   approve: bool) -> CaseView:  # fmt: skip
    event = Event.APPROVE_RESULT if approve else Event.REJECT_RESULT
    with transaction(db) as conn:
        case, after = begin(conn, case_id, event, actor, version)
        row = live_result(conn, case_id)
        if row.submitted_by == actor.user:
            raise Forbidden(f"{actor.user} submitted the result of case {case_id} and cannot "
                            "approve or reject it (four-eyes principle)")  # fmt: skip
        values = dict(row._mapping)
        for key in ("id", "case_id", "recorded_at", "superseded_at"):
            values.pop(key)
        values.update(status=(RS.APPROVED if approve else RS.REJECTED).value,
                      recorded_by=actor.user, reason=reason)  # fmt: skip
        _write_result(conn, case_id, values)
        if approve:
            write_outcome(conn, case, live_result(conn, case_id))
        return append(conn, case, event, after, actor, reason, {"finding": row.finding})


def approve_result(db: Db, case_id: int, actor: Actor, version: int,
                   reason: str = "approved") -> CaseView:  # fmt: skip
    """Approve the submitted result (a supervisor other than the submitter). The approved
    result becomes the declaration's outcome label."""
    return _decide_result(db, case_id, actor, version, reason, approve=True)


def reject_result(db: Db, case_id: int, actor: Actor, version: int, reason: str) -> CaseView:
    """Send the submitted result back to the inspecting officer, saying why."""
    reason = _need(reason, "reason", "say why the result is rejected")
    return _decide_result(db, case_id, actor, version, reason, approve=False)


def _blocking_actions(conn: Connection, case_id: int) -> list[str]:
    out = []
    for a in live_actions(conn, case_id):
        if a.state is ActionState.PENDING_APPROVAL:
            out.append(f"{a.type.value} {a.id} awaits approval")
        elif a.state is ActionState.IN_FORCE and a.type.value == "detention":
            out.append(f"detention {a.id} is still in force")
    return out


def close(db: Db, case_id: int, actor: Actor, version: int, reason: str = "closed") -> CaseView:
    """Close a decided case; refused while a detention is in force or an action awaits
    approval."""
    with transaction(db) as conn:
        case, after = begin(conn, case_id, Event.CLOSE, actor, version)
        blocking = _blocking_actions(conn, case_id)
        if blocking:
            raise Conflict(f"case {case_id} cannot be closed: " + "; ".join(blocking))
        return append(conn, case, Event.CLOSE, after, actor, reason)


def withdraw(db: Db, case_id: int, actor: Actor, version: int, reason: str) -> CaseView:
    """Close a case before any inspection (selection withdrawn), saying why."""
    reason = _need(reason, "reason", "say why the case is withdrawn")
    with transaction(db) as conn:
        case, after = begin(conn, case_id, Event.WITHDRAW, actor, version)
        blocking = _blocking_actions(conn, case_id)
        if blocking:
            raise Conflict(f"case {case_id} cannot be withdrawn: " + "; ".join(blocking))
        return append(conn, case, Event.WITHDRAW, after, actor, reason)
