"""The workflow as a Hypothesis state machine: random officers send random events with
current or stale versions; the store must follow the transition table exactly, refuse
everything else with the right error, and write nothing on a refusal."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from sqlalchemy import Engine

from borderwatch import cases
from borderwatch.cases import Actor, CaseState, Event, Role
from borderwatch.cases.machine import ROLES, TRANSITIONS, allowed_events
from borderwatch.errors import BorderwatchError, Conflict, Forbidden
from borderwatch.store.engine import make_engine, migrate
from tests.cases.helpers import SEIZURE_RESULT, TARGETER, counts, store_declarations

ACTORS = [
    TARGETER,
    Actor("ivan", Role.INSPECTING_OFFICER),
    Actor("inga", Role.INSPECTING_OFFICER),
    Actor("sam", Role.SUPERVISOR),
    Actor("ivan", Role.SUPERVISOR),  # the inspector acting as supervisor: four-eyes must hold
]
DETAIN = {"type": "detention", "legal_basis": "UCC-46", "reason": "hold"}
RELEASE = {"type": "release", "legal_basis": "UCC-194", "reason": "free"}
EVENTS = [Event.ASSIGN, Event.INSPECT, Event.RECORD_RESULT, Event.SUBMIT_RESULT,
          Event.APPROVE_RESULT, Event.REJECT_RESULT, Event.CLOSE, Event.WITHDRAW,
          Event.REQUEST_ACTION]  # fmt: skip


def test_every_state_is_reachable_and_only_closed_is_terminal() -> None:
    reached, todo = {CaseState.OPEN}, [CaseState.OPEN]
    while todo:
        state = todo.pop()
        for (s, _event), after in TRANSITIONS.items():
            if s is state and after not in reached:
                reached.add(after)
                todo.append(after)
    assert reached == set(CaseState)
    assert allowed_events(CaseState.CLOSED) == [Event.TRANSFER_CUSTODY]
    assert set(ROLES) == set(Event)


class Workflow(RuleBasedStateMachine):
    engine: Engine
    tmp: Path
    ids = itertools.count()

    @initialize()
    def open_one(self) -> None:
        sid = f"HM-{next(self.ids)}"
        store_declarations(self.engine, self.tmp, sid)
        case = cases.open_case(self.engine, sid, {"random": True}, TARGETER)
        self.case_id, self.state, self.version = case.id, CaseState.OPEN, 1
        self.assignee: str | None = None
        self.submitter: str | None = None
        self.detained = False
        self.action = DETAIN

    def _expect(self, event: Event, actor: Actor, version: int) -> Any:
        if actor.role not in ROLES[event]:
            return Forbidden
        if version != self.version or (self.state, event) not in TRANSITIONS:
            return Conflict
        own = event in (Event.INSPECT, Event.RECORD_RESULT, Event.SUBMIT_RESULT)
        if own and actor.user != self.assignee:
            return Forbidden
        if event in (Event.APPROVE_RESULT, Event.REJECT_RESULT) and actor.user == self.submitter:
            return Forbidden
        if event in (Event.CLOSE, Event.WITHDRAW) and self.detained:
            return Conflict
        return TRANSITIONS[(self.state, event)]

    def _do(self, event: Event, actor: Actor, version: int) -> None:
        e, db, cid = Event, self.engine, self.case_id
        calls = {
            e.ASSIGN: lambda: cases.assign(db, cid, "ivan", actor, version),
            e.INSPECT: lambda: cases.inspect(db, cid, "physical", actor, version, "quay"),
            e.RECORD_RESULT: lambda: cases.record_result(db, cid, SEIZURE_RESULT, actor, version),
            e.SUBMIT_RESULT: lambda: cases.record_result(
                db, cid, SEIZURE_RESULT, actor, version, submit=True),
            e.APPROVE_RESULT: lambda: cases.approve_result(db, cid, actor, version),
            e.REJECT_RESULT: lambda: cases.reject_result(db, cid, actor, version, "again"),
            e.CLOSE: lambda: cases.close(db, cid, actor, version),
            e.WITHDRAW: lambda: cases.withdraw(db, cid, actor, version, "withdrawn"),
            e.REQUEST_ACTION: lambda: cases.request_action(db, cid, self.action, actor, version),
        }  # fmt: skip
        calls[event]()

    @rule(event=st.sampled_from(EVENTS), who=st.sampled_from(ACTORS), stale=st.booleans(),
          release=st.booleans())  # fmt: skip
    def act(self, event: Event, who: Actor, stale: bool, release: bool) -> None:
        self.action = RELEASE if release else DETAIN
        version = self.version - 1 if stale else self.version
        expected = self._expect(event, who, version)
        before = counts(self.engine)
        if isinstance(expected, type):
            with pytest.raises(expected):
                self._do(event, who, version)
            assert counts(self.engine) == before
            return
        self._do(event, who, version)
        self._apply(event, who, expected)

    def _apply(self, event: Event, who: Actor, state: CaseState) -> None:
        self.state, self.version = state, self.version + 1
        if event is Event.ASSIGN:
            self.assignee = "ivan"
        if event is Event.SUBMIT_RESULT:
            self.submitter = who.user
        if event is Event.REQUEST_ACTION:
            self.detained = self.action is DETAIN

    @invariant()
    def store_agrees(self) -> None:
        case = cases.get_case(self.engine, self.case_id)
        assert (case.state, case.version, case.assignee) == (
            self.state, self.version, self.assignee
        )  # fmt: skip


def test_workflow_state_machine(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'machine.db'}")
    migrate(engine)
    Workflow.engine, Workflow.tmp = engine, tmp_path
    run = Workflow.TestCase()
    run.settings = settings(max_examples=30, stateful_step_count=25, deadline=None,
                            suppress_health_check=list(HealthCheck))  # fmt: skip
    try:
        run.runTest()
    except BorderwatchError as exc:  # pragma: no cover - shows the refused step on failure
        raise AssertionError(str(exc)) from exc
    finally:
        engine.dispose()
