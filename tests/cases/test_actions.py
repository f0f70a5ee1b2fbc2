"""Enforcement actions on SQLite and PostgreSQL: legal basis, approval, detention deadlines,
preconditions; every refusal leaves no trace."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from borderwatch import cases
from borderwatch.cases import ActionState, Actor, Role
from borderwatch.errors import Conflict, Forbidden, InvalidInput
from tests.cases.helpers import (
    INSPECTOR,
    SEIZURE,
    SEIZURE_RESULT,
    SUPERVISOR,
    SUPERVISOR2,
    TARGETER,
    counts,
    inspecting,
    opened,
)

DETAIN = {"type": "detention", "legal_basis": "UCC-46", "reason": "hold for X-ray"}


def _version(engine: Engine, case_id: int) -> int:
    return cases.get_case(engine, case_id).version


@pytest.mark.parametrize(
    ("action", "paths"),
    [
        ({"type": "detention", "reason": "hold"}, ["legal_basis"]),
        ({**SEIZURE, "items": []}, ["items"]),
        ({**SEIZURE, "place": None}, ["place"]),
        ({**SEIZURE, "items": [{**SEIZURE["items"][0], "quantity": 0}]}, ["items[0].quantity"]),
        ({**SEIZURE, "items": [{**SEIZURE["items"][0], "commodity": "alcohol"}]},
         ["items[0].unit"]),
        ({"type": "referral", "legal_basis": "NAT-PENAL-REFERRAL", "reason": "r"}, ["agency"]),
        ({"type": "penalty", "legal_basis": "UCC-42", "reason": "r", "amount": 500},
         ["currency"]),
        ({"type": "forfeiture", "legal_basis": "UCC-198", "reason": "r"}, ["follows_action"]),
        ({**DETAIN, "items": SEIZURE["items"]}, ["items"]),
        ({**DETAIN, "legal_basis": "UCC-999"}, ["legal_basis"]),
        ({**DETAIN, "legal_basis": "UCC-198"}, ["legal_basis"]),
    ],
)  # fmt: skip
def test_bad_actions_are_refused_naming_the_field(
    engine: Engine, tmp_path: Path, action: dict[str, Any], paths: list[str]
) -> None:
    case = inspecting(engine, tmp_path)
    before = counts(engine)
    with pytest.raises(InvalidInput) as bad:
        cases.request_action(engine, case.id, action, INSPECTOR, case.version)
    assert [e.path for e in bad.value.errors] == paths
    assert counts(engine) == before


def test_a_seizure_needs_an_inspection(engine: Engine, tmp_path: Path) -> None:
    case = opened(engine, tmp_path)
    case = cases.assign(engine, case.id, "ivan", TARGETER, case.version)
    before = counts(engine)
    with pytest.raises(Conflict, match="seizure needs an inspection first"):
        cases.request_action(engine, case.id, SEIZURE, INSPECTOR, case.version)
    assert counts(engine) == before
    detained = cases.request_action(engine, case.id, DETAIN, INSPECTOR, case.version)
    assert detained.state is ActionState.IN_FORCE


def test_detention_deadline_review_overdue_and_release(engine: Engine, tmp_path: Path) -> None:
    case = inspecting(engine, tmp_path)
    start = dt.datetime.now(dt.UTC)
    detention = cases.request_action(engine, case.id, DETAIN, INSPECTOR, case.version)
    assert detention.state is ActionState.IN_FORCE and detention.due_at is not None
    assert dt.timedelta(hours=23) < detention.due_at - start < dt.timedelta(hours=25)
    assert detention.citation.endswith("article 46")
    assert cases.overdue(engine) == []
    late = start + dt.timedelta(hours=25)
    assert [a.id for a in cases.overdue(engine, late)] == [detention.id]
    with pytest.raises(Forbidden):
        cases.review_detention(engine, detention.id, INSPECTOR, _version(engine, case.id), "ok")
    reviewed = cases.review_detention(
        engine, detention.id, SUPERVISOR, _version(engine, case.id), "lab result pending"
    )
    assert reviewed.due_at is not None and reviewed.due_at > detention.due_at
    case = cases.record_result(engine, case.id, {"finding": "none"}, INSPECTOR,
                               _version(engine, case.id), submit=True)  # fmt: skip
    case = cases.approve_result(engine, case.id, SUPERVISOR, case.version)
    before = counts(engine)
    with pytest.raises(Conflict, match=f"detention {detention.id} is still in force"):
        cases.close(engine, case.id, SUPERVISOR, case.version)
    assert counts(engine) == before
    release = {"type": "release", "legal_basis": "UCC-194", "reason": "nothing found"}
    cases.request_action(engine, case.id, release, SUPERVISOR, case.version)
    states = {a.type.value: a.state for a in cases.actions_of(engine, case.id)}
    assert states == {"detention": ActionState.ENDED, "release": ActionState.IN_FORCE}
    closed = cases.close(engine, case.id, SUPERVISOR, _version(engine, case.id))
    assert closed.closed_at is not None
    assert cases.overdue(engine, late) == []


def test_approval_is_four_eyes_and_a_seizure_ends_detentions(
    engine: Engine, tmp_path: Path
) -> None:
    case = inspecting(engine, tmp_path)
    cases.request_action(engine, case.id, DETAIN, INSPECTOR, case.version)
    seizure = cases.request_action(engine, case.id, SEIZURE, SUPERVISOR,
                                   _version(engine, case.id))  # fmt: skip
    assert seizure.state is ActionState.PENDING_APPROVAL and seizure.requested_by == "sam"
    version = _version(engine, case.id)
    before = counts(engine)
    with pytest.raises(Forbidden, match="four-eyes"):
        cases.decide_action(engine, seizure.id, SUPERVISOR, version, True, "ok")
    with pytest.raises(Forbidden, match="may not approve action"):
        cases.decide_action(engine, seizure.id, INSPECTOR, version, True, "ok")
    assert counts(engine) == before
    approved = cases.decide_action(engine, seizure.id, SUPERVISOR2, version, True, "lawful")
    assert (approved.state, approved.changed_by) == (ActionState.IN_FORCE, "sara")
    kinds = {a.type.value: a.state for a in cases.actions_of(engine, case.id)}
    assert kinds["detention"] is ActionState.ENDED
    with pytest.raises(Conflict, match="is in_force, not pending_approval"):
        cases.decide_action(engine, seizure.id, SUPERVISOR2, _version(engine, case.id), True, "")


def test_pending_approval_blocks_closing_and_refusal_is_recorded(
    engine: Engine, tmp_path: Path
) -> None:
    case = inspecting(engine, tmp_path)
    penalty = {"type": "penalty", "legal_basis": "UCC-42", "reason": "undervaluation",
               "amount": 1500, "currency": "EUR"}  # fmt: skip
    action = cases.request_action(engine, case.id, penalty, INSPECTOR, case.version)
    case = cases.record_result(engine, case.id, {"finding": "irregularity", "revenue_recovered":
                               900}, INSPECTOR, _version(engine, case.id), submit=True)  # fmt: skip
    case = cases.approve_result(engine, case.id, SUPERVISOR, case.version)
    with pytest.raises(Conflict, match=f"penalty {action.id} awaits approval"):
        cases.close(engine, case.id, SUPERVISOR, case.version)
    refused = cases.decide_action(engine, action.id, SUPERVISOR, case.version, False, "too high")
    assert refused.state is ActionState.REFUSED
    cases.close(engine, case.id, SUPERVISOR, _version(engine, case.id))


def test_forfeiture_follows_a_seizure_in_force(engine: Engine, tmp_path: Path) -> None:
    case = inspecting(engine, tmp_path)
    seizure = cases.request_action(engine, case.id, SEIZURE, INSPECTOR, case.version)
    forfeit = {"type": "forfeiture", "legal_basis": "UCC-199", "reason": "prohibited goods",
               "follows_action": seizure.id}  # fmt: skip
    before = counts(engine)
    with pytest.raises(Conflict, match="is pending_approval, not in force"):
        cases.request_action(engine, case.id, forfeit, INSPECTOR, _version(engine, case.id))
    with pytest.raises(Conflict, match="is not a seizure"):
        cases.request_action(engine, case.id, {**forfeit, "follows_action": 999}, INSPECTOR,
                             _version(engine, case.id))  # fmt: skip
    assert counts(engine) == before
    cases.decide_action(engine, seizure.id, SUPERVISOR, _version(engine, case.id), True, "ok")
    done = cases.request_action(engine, case.id, forfeit, INSPECTOR, _version(engine, case.id))
    assert done.state is ActionState.PENDING_APPROVAL


def test_actions_on_a_closed_case_are_refused(engine: Engine, tmp_path: Path) -> None:
    case = inspecting(engine, tmp_path)
    case = cases.record_result(engine, case.id, SEIZURE_RESULT, INSPECTOR, case.version,
                               submit=True)  # fmt: skip
    case = cases.approve_result(engine, case.id, SUPERVISOR, case.version)
    case = cases.close(engine, case.id, SUPERVISOR, case.version)
    with pytest.raises(Conflict, match="cannot request action a case that is closed"):
        cases.request_action(engine, case.id, DETAIN, Actor("ivan", Role.INSPECTING_OFFICER),
                             case.version)  # fmt: skip
