"""The case workflow as an explicit state machine: which event may happen in which state,
what state follows, and which roles may cause it.

``TRANSITIONS`` is the whole workflow; nothing else changes a case's state. Events that do
not move the case (an action request, a custody transfer) map a state to itself.
"""

from __future__ import annotations

from borderwatch.cases.types import CaseState, Event, Role
from borderwatch.errors import Conflict, Forbidden

S = CaseState
_ACTIVE = (S.ASSIGNED, S.INSPECTING, S.REVIEW, S.DECIDED)
_STAY = {
    Event.REQUEST_ACTION: _ACTIVE,
    Event.APPROVE_ACTION: _ACTIVE,
    Event.REFUSE_ACTION: _ACTIVE,
    Event.REVIEW_DETENTION: _ACTIVE,
    Event.END_ACTION: _ACTIVE,
    Event.TRANSFER_CUSTODY: (*_ACTIVE, S.CLOSED),
    Event.INSPECT: (S.INSPECTING,),
    Event.RECORD_RESULT: (S.INSPECTING,),
}

TRANSITIONS: dict[tuple[CaseState, Event], CaseState] = {
    (S.OPEN, Event.ASSIGN): S.ASSIGNED,
    (S.ASSIGNED, Event.ASSIGN): S.ASSIGNED,
    (S.INSPECTING, Event.ASSIGN): S.INSPECTING,
    (S.ASSIGNED, Event.INSPECT): S.INSPECTING,
    (S.INSPECTING, Event.SUBMIT_RESULT): S.REVIEW,
    (S.REVIEW, Event.APPROVE_RESULT): S.DECIDED,
    (S.REVIEW, Event.REJECT_RESULT): S.INSPECTING,
    (S.DECIDED, Event.CLOSE): S.CLOSED,
    (S.OPEN, Event.WITHDRAW): S.CLOSED,
    (S.ASSIGNED, Event.WITHDRAW): S.CLOSED,
    **{(state, event): state for event, states in _STAY.items() for state in states},
}

_OFFICERS = frozenset({Role.INSPECTING_OFFICER, Role.SUPERVISOR})
ROLES: dict[Event, frozenset[Role]] = {
    Event.OPEN: frozenset({Role.TARGETING_OFFICER, Role.SUPERVISOR}),
    Event.ASSIGN: frozenset({Role.TARGETING_OFFICER, Role.SUPERVISOR}),
    Event.INSPECT: frozenset({Role.INSPECTING_OFFICER}),
    Event.RECORD_RESULT: frozenset({Role.INSPECTING_OFFICER}),
    Event.SUBMIT_RESULT: frozenset({Role.INSPECTING_OFFICER}),
    Event.APPROVE_RESULT: frozenset({Role.SUPERVISOR}),
    Event.REJECT_RESULT: frozenset({Role.SUPERVISOR}),
    Event.REQUEST_ACTION: _OFFICERS,
    Event.APPROVE_ACTION: frozenset({Role.SUPERVISOR}),
    Event.REFUSE_ACTION: frozenset({Role.SUPERVISOR}),
    Event.REVIEW_DETENTION: frozenset({Role.SUPERVISOR}),
    Event.END_ACTION: _OFFICERS,
    Event.TRANSFER_CUSTODY: frozenset(Role),
    Event.CLOSE: frozenset({Role.SUPERVISOR}),
    Event.WITHDRAW: frozenset({Role.SUPERVISOR}),
}


def allowed_events(state: CaseState) -> list[Event]:
    """The events the workflow accepts in ``state``."""
    return [event for (s, event) in TRANSITIONS if s is state]


def next_state(state: CaseState, event: Event) -> CaseState:
    """The state after ``event`` in ``state``; :class:`Conflict` if the workflow forbids it."""
    after = TRANSITIONS.get((state, event))
    if after is None:
        allowed = ", ".join(e.value for e in allowed_events(state)) or "nothing"
        raise Conflict(
            f"cannot {event.value.replace('_', ' ')} a case that is {state.value} "
            f"(allowed: {allowed})",
            state=state.value,
            event=event.value,
        )
    return after


def check_role(role: Role, event: Event) -> None:
    """:class:`Forbidden` unless ``role`` may cause ``event``."""
    if role not in ROLES[event]:
        may = " or ".join(sorted(r.value for r in ROLES[event]))
        raise Forbidden(f"a {role.value} may not {event.value.replace('_', ' ')}; needs {may}")
