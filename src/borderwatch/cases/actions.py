"""Enforcement actions: detention, seizure, forfeiture, penalty, referral and release, each
on a legal basis from the catalogue of powers and, where the power says so, approved by a
supervisor other than the requesting officer.

An action's state is append-only (``action_states``: the live row is superseded by the
next). A detention in force carries a review deadline (``due_at``) that each review moves
on; :func:`overdue` reports the ones past due. A seizure or release in force ends the
detentions of the case.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select, update

from borderwatch.cases.custody import register_items
from borderwatch.cases.inputs import ActionIn, parse
from borderwatch.cases.ledger import (
    CaseView,
    Db,
    append,
    begin,
    inspections_of,
    now,
    transaction,
    utc,
)
from borderwatch.cases.powers import Power, Powers, load_powers
from borderwatch.cases.types import ActionState, ActionType, Actor, Event
from borderwatch.errors import Conflict, Forbidden, NotFound
from borderwatch.store.cases import action_states, case_actions

_NEEDS_INSPECTION = {ActionType.SEIZURE, ActionType.PENALTY, ActionType.FORFEITURE}


@dataclass(frozen=True, slots=True)
class ActionView:
    """An enforcement action with its legal basis and live state."""

    id: int
    case_id: int
    type: ActionType
    power_id: str
    citation: str
    approval_required: bool
    review_hours: int | None
    details: dict[str, Any]
    requested_by: str
    requested_at: dt.datetime
    reason: str
    state: ActionState
    due_at: dt.datetime | None
    changed_by: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "id": self.id, "case_id": self.case_id, "type": self.type.value,
            "legal_basis": self.power_id, "citation": self.citation,
            "approval_required": self.approval_required, "details": self.details,
            "requested_by": self.requested_by, "requested_at": self.requested_at.isoformat(),
            "reason": self.reason, "state": self.state.value,
            "due_at": self.due_at.isoformat() if self.due_at else None,
            "changed_by": self.changed_by,
        }  # fmt: skip


def _query() -> Any:
    return select(case_actions, action_states.c.state, action_states.c.due_at,
                  action_states.c.changed_by).join(
        action_states, (action_states.c.action_id == case_actions.c.id)
        & action_states.c.superseded_at.is_(None),
    ).order_by(case_actions.c.id)  # fmt: skip


def _view(r: Any) -> ActionView:
    return ActionView(
        int(r.id), int(r.case_id), ActionType(r.type), str(r.power_id),
        f"{r.statute}, article {r.article}", bool(r.approval_required), r.review_hours,
        dict(r.details), str(r.requested_by), utc(r.requested_at), str(r.reason),
        ActionState(r.state), utc(r.due_at) if r.due_at else None, str(r.changed_by),
    )  # fmt: skip


def live_actions(conn: Connection, case_id: int) -> list[ActionView]:
    """Every action of the case with its live state, oldest first."""
    return [_view(r) for r in conn.execute(_query().where(case_actions.c.case_id == case_id))]


def _action(conn: Connection, action_id: int) -> ActionView:
    row = conn.execute(_query().where(case_actions.c.id == action_id)).first()
    if row is None:
        raise NotFound(f"no enforcement action {action_id}")
    return _view(row)


def _set_state(conn: Connection, action_id: int, state: ActionState, user: str, reason: str,
               due_at: dt.datetime | None = None) -> None:  # fmt: skip
    at = now()
    live = (action_states.c.action_id == action_id) & action_states.c.superseded_at.is_(None)
    conn.execute(update(action_states).where(live).values(superseded_at=at))
    conn.execute(action_states.insert().values(
        action_id=action_id, state=state.value, due_at=due_at, changed_by=user, changed_at=at,
        reason=reason,
    ))  # fmt: skip


def _due(hours: int | None, kind: ActionType) -> dt.datetime | None:
    if kind is not ActionType.DETENTION or hours is None:
        return None
    return now() + dt.timedelta(hours=hours)


def _come_into_force(conn: Connection, case_id: int, action_id: int, kind: ActionType,
                     hours: int | None, user: str, reason: str) -> None:  # fmt: skip
    _set_state(conn, action_id, ActionState.IN_FORCE, user, reason, _due(hours, kind))
    if kind in (ActionType.SEIZURE, ActionType.RELEASE):
        for other in live_actions(conn, case_id):
            if other.type is ActionType.DETENTION and other.state is ActionState.IN_FORCE:
                note = f"ended by {kind.value} {action_id}"
                _set_state(conn, other.id, ActionState.ENDED, user, note)


def _preconditions(conn: Connection, case: CaseView, action: ActionIn) -> None:
    if action.type in _NEEDS_INSPECTION and not inspections_of(conn, case.id):
        raise Conflict(f"a {action.type.value} needs an inspection first; case {case.id} has none")
    if action.type is ActionType.FORFEITURE:
        seized = [a for a in live_actions(conn, case.id) if a.id == action.follows_action]
        if not seized or seized[0].type is not ActionType.SEIZURE:
            raise Conflict(f"action {action.follows_action} is not a seizure of case {case.id}")
        if seized[0].state is not ActionState.IN_FORCE:
            raise Conflict(f"seizure {action.follows_action} is {seized[0].state.value}, "
                           "not in force")  # fmt: skip


def _details(action: ActionIn) -> dict[str, Any]:
    data = action.model_dump(mode="json", exclude={"type", "legal_basis", "reason", "items"})
    return {k: v for k, v in data.items() if v not in (None, [])}


def request_action(
    db: Db, case_id: int, action: ActionIn | dict[str, Any], actor: Actor, version: int,
    powers: Powers | None = None,
) -> ActionView:  # fmt: skip
    """Take (or, where the power needs approval, request) an enforcement action."""
    parsed = parse(ActionIn, action, "enforcement action")
    assert parsed.legal_basis is not None  # parse refuses an action without one
    power = (powers or load_powers()).basis_for(parsed.legal_basis, parsed.type)
    with transaction(db) as conn:
        case, after = begin(conn, case_id, Event.REQUEST_ACTION, actor, version)
        _preconditions(conn, case, parsed)
        action_id = _insert(conn, case_id, parsed, power, actor)
        if parsed.items:
            register_items(conn, case_id, action_id, parsed, actor.user)
        if power.approval_required:
            _set_state(conn, action_id, ActionState.PENDING_APPROVAL, actor.user, parsed.reason)
        else:
            _come_into_force(conn, case_id, action_id, parsed.type, power.review_hours,
                             actor.user, parsed.reason)  # fmt: skip
        data = {"action_id": action_id, "type": parsed.type.value, "legal_basis": power.id}
        append(conn, case, Event.REQUEST_ACTION, after, actor, parsed.reason, data)
        return _action(conn, action_id)


def _insert(conn: Connection, case_id: int, action: ActionIn, power: Power, actor: Actor) -> int:
    return int(conn.execute(case_actions.insert().values(
        case_id=case_id, type=action.type.value, power_id=power.id, statute=power.statute,
        article=power.article, power_description=power.description,
        approval_required=power.approval_required, review_hours=power.review_hours,
        details=_details(action), requested_by=actor.user, requested_at=now(),
        reason=action.reason,
    ).returning(case_actions.c.id)).scalar_one())  # fmt: skip


def decide_action(db: Db, action_id: int, actor: Actor, version: int, approve: bool,
                  reason: str) -> ActionView:  # fmt: skip
    """Approve or refuse a pending action; the supervisor must not be its requester."""
    event = Event.APPROVE_ACTION if approve else Event.REFUSE_ACTION
    with transaction(db) as conn:
        action = _action(conn, action_id)
        case, after = begin(conn, action.case_id, event, actor, version)
        if action.requested_by == actor.user:
            raise Forbidden(f"{actor.user} requested {action.type.value} {action_id} and cannot "
                            "approve or refuse it (four-eyes principle)")  # fmt: skip
        _expect(action, ActionState.PENDING_APPROVAL)
        if approve:
            _come_into_force(conn, action.case_id, action_id, action.type,
                             action.review_hours, actor.user, reason)  # fmt: skip
        else:
            _set_state(conn, action_id, ActionState.REFUSED, actor.user, reason)
        append(conn, case, event, after, actor, reason, {"action_id": action_id})
        return _action(conn, action_id)


def _expect(action: ActionView, state: ActionState, kind: ActionType | None = None) -> None:
    if kind is not None and action.type is not kind:
        raise Conflict(f"action {action.id} is a {action.type.value}, not a {kind.value}")
    if action.state is not state:
        raise Conflict(f"{action.type.value} {action.id} is {action.state.value}, "
                       f"not {state.value}")  # fmt: skip


def review_detention(db: Db, action_id: int, actor: Actor, version: int,
                     reason: str) -> ActionView:  # fmt: skip
    """Record a supervisor's review of a detention in force; the next review falls due
    ``review_hours`` from now."""
    with transaction(db) as conn:
        action = _action(conn, action_id)
        case, after = begin(conn, action.case_id, Event.REVIEW_DETENTION, actor, version)
        _expect(action, ActionState.IN_FORCE, ActionType.DETENTION)
        due = _due(action.review_hours, action.type)
        _set_state(conn, action_id, ActionState.IN_FORCE, actor.user, reason, due)
        append(conn, case, Event.REVIEW_DETENTION, after, actor, reason, {"action_id": action_id})
        return _action(conn, action_id)


def end_detention(db: Db, action_id: int, actor: Actor, version: int,
                  reason: str) -> ActionView:  # fmt: skip
    """End a detention in force (goods no longer held under it)."""
    with transaction(db) as conn:
        action = _action(conn, action_id)
        case, after = begin(conn, action.case_id, Event.END_ACTION, actor, version)
        _expect(action, ActionState.IN_FORCE, ActionType.DETENTION)
        _set_state(conn, action_id, ActionState.ENDED, actor.user, reason)
        append(conn, case, Event.END_ACTION, after, actor, reason, {"action_id": action_id})
        return _action(conn, action_id)


def actions_of(db: Db, case_id: int) -> list[ActionView]:
    """Every action of the case with its live state."""
    with transaction(db) as conn:
        return live_actions(conn, case_id)


def overdue(db: Db, at: dt.datetime | None = None) -> list[ActionView]:
    """Detentions in force whose review is past due at ``at`` (default: now)."""
    moment = at or now()
    query = _query().where(
        action_states.c.state == ActionState.IN_FORCE.value, action_states.c.due_at < moment
    )
    with transaction(db) as conn:
        return [_view(r) for r in conn.execute(query)]
