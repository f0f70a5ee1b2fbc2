"""The case workflow on SQLite and PostgreSQL: transitions, roles, four-eyes, optimistic
locking, results and their validation; every refusal leaves no trace."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from borderwatch import audit, cases
from borderwatch.cases import Actor, CaseState, Role
from borderwatch.errors import Conflict, Forbidden, InvalidInput, NotFound
from borderwatch.store.schema import outcomes
from tests.cases.helpers import (
    INSPECTOR,
    INSPECTOR2,
    SEIZURE_RESULT,
    SUPERVISOR,
    TARGETER,
    counts,
    inspecting,
    opened,
    store_declarations,
)


def _paths(exc: pytest.ExceptionInfo[InvalidInput]) -> list[str]:
    return [e.path for e in exc.value.errors]


def test_a_case_runs_from_opening_to_closing_and_keeps_its_history(
    engine: Engine, tmp_path: Path
) -> None:
    case = opened(engine, tmp_path)
    assert (case.state, case.version, case.assignee) == (CaseState.OPEN, 1, None)
    assert case.detection.score_band == "0.6-0.8"
    case = cases.assign(engine, case.id, "ivan", TARGETER, 1)
    case = cases.inspect(engine, case.id, "scan", INSPECTOR, case.version, "scanner 2")
    case = cases.record_result(engine, case.id, SEIZURE_RESULT, INSPECTOR, case.version)
    assert case.state is CaseState.INSPECTING
    case = cases.record_result(
        engine, case.id, SEIZURE_RESULT, INSPECTOR, case.version, submit=True
    )
    assert case.state is CaseState.REVIEW
    case = cases.approve_result(engine, case.id, SUPERVISOR, case.version, "checked photos")
    assert case.state is CaseState.DECIDED
    case = cases.close(engine, case.id, SUPERVISOR, case.version)
    assert case.state is CaseState.CLOSED and case.closed_at is not None
    events = cases.history(engine, case.id)
    assert [e["event"] for e in events] == [
        "open", "assign", "inspect", "record_result", "submit_result", "approve_result", "close"
    ]  # fmt: skip
    assert [e["seq"] for e in events] == list(range(1, 8))
    assert events[5]["actor"] == "sam" and events[5]["reason"] == "checked photos"
    trail = audit.entries(engine, subject_type="case", subject_id=str(case.id))
    assert [e.action for e in trail] == [f"case.{e['event']}" for e in events]
    assert trail[5].actor == "sam" and trail[5].details["to"] == "decided"
    assert audit.verify(engine).ok
    statuses = [r["status"] for r in cases.results(engine, case.id)]
    assert statuses == ["draft", "submitted", "approved"]
    assert sum(r["superseded_at"] is None for r in cases.results(engine, case.id)) == 1


def test_approved_result_becomes_the_live_outcome_label(engine: Engine, tmp_path: Path) -> None:
    case = inspecting(engine, tmp_path)
    case = cases.record_result(engine, case.id, SEIZURE_RESULT, INSPECTOR, case.version)
    case = cases.record_result(
        engine, case.id, SEIZURE_RESULT, INSPECTOR, case.version, submit=True
    )
    with engine.connect() as conn:
        assert conn.execute(select(outcomes).where(outcomes.c.origin == "case")).first() is None
    cases.approve_result(engine, case.id, SUPERVISOR, case.version)
    with engine.connect() as conn:
        rows = list(conn.execute(select(outcomes).where(outcomes.c.source_id == "D-1")))
    live = [r for r in rows if r.superseded_at is None]
    assert len(live) == 1
    assert (live[0].origin, live[0].final, live[0].recorded_by) == ("case", True, "sam")
    assert (live[0].finding, live[0].inspected, live[0].illicit) == ("seizure", True, True)


def test_a_new_approved_result_supersedes_the_ingested_outcome(
    engine: Engine, tmp_path: Path
) -> None:
    store_declarations(engine, tmp_path, "D-9", outcome={"inspected": False})
    case = cases.open_case(engine, "D-9", {"random": True}, TARGETER)
    case = cases.assign(engine, case.id, "ivan", TARGETER, case.version)
    case = cases.inspect(engine, case.id, "documentary", INSPECTOR, case.version, "office")
    case = cases.record_result(engine, case.id, {"finding": "none"}, INSPECTOR, case.version,
                               submit=True)  # fmt: skip
    cases.approve_result(engine, case.id, SUPERVISOR, case.version)
    with engine.connect() as conn:
        rows = list(conn.execute(select(outcomes).order_by(outcomes.c.id)))
    assert [(r.origin, r.superseded_at is None) for r in rows] == [
        ("ingest", False), ("case", True)
    ]  # fmt: skip


def test_opening_refuses_unknown_declarations_bad_detection_and_duplicates(
    engine: Engine, tmp_path: Path
) -> None:
    case = opened(engine, tmp_path)
    before = counts(engine)
    with pytest.raises(NotFound, match="D-404"):
        cases.open_case(engine, "D-404", {"random": True}, TARGETER)
    with pytest.raises(InvalidInput) as bad:
        cases.open_case(engine, "D-1", {"score": 1.5}, TARGETER)
    assert _paths(bad) == ["detection.score"]
    with pytest.raises(InvalidInput, match="detection method"):
        cases.open_case(engine, "D-1", {}, TARGETER)
    with pytest.raises(Conflict, match=f"open case {case.id}"):
        cases.open_case(engine, "D-1", {"random": True}, TARGETER)
    with pytest.raises(Forbidden, match="inspecting_officer may not open"):
        cases.open_case(engine, "D-1", {"random": True}, INSPECTOR)
    assert counts(engine) == before


def test_invalid_transitions_are_refused_and_write_nothing(engine: Engine, tmp_path: Path) -> None:
    case = opened(engine, tmp_path)
    before = counts(engine)
    with pytest.raises(Conflict, match="cannot inspect a case that is open"):
        cases.inspect(engine, case.id, "physical", INSPECTOR, case.version, "quay")
    with pytest.raises(Conflict, match="cannot approve result"):
        cases.approve_result(engine, case.id, SUPERVISOR, case.version)
    with pytest.raises(Conflict, match="cannot close a case that is open"):
        cases.close(engine, case.id, SUPERVISOR, case.version)
    with pytest.raises(NotFound):
        cases.assign(engine, 999, "ivan", TARGETER, 1)
    assert counts(engine) == before


def test_roles_and_assignment_are_enforced(engine: Engine, tmp_path: Path) -> None:
    case = opened(engine, tmp_path)
    with pytest.raises(Forbidden, match="needs supervisor or targeting_officer"):
        cases.assign(engine, case.id, "ivan", INSPECTOR, case.version)
    case = cases.assign(engine, case.id, "ivan", TARGETER, case.version)
    before = counts(engine)
    with pytest.raises(Forbidden, match="assigned to ivan, not inga"):
        cases.inspect(engine, case.id, "physical", INSPECTOR2, case.version, "quay")
    with pytest.raises(InvalidInput) as bad:
        cases.inspect(engine, case.id, "sniffing", INSPECTOR, case.version, "quay")
    assert _paths(bad) == ["type"]
    assert counts(engine) == before


def test_a_stale_version_is_refused_with_a_clear_conflict(engine: Engine, tmp_path: Path) -> None:
    case = opened(engine, tmp_path)
    cases.assign(engine, case.id, "ivan", TARGETER, case.version)
    before = counts(engine)
    with pytest.raises(Conflict, match="at version 2, but the change was made on version 1"):
        cases.assign(engine, case.id, "inga", TARGETER, case.version)
    assert counts(engine) == before
    assert cases.get_case(engine, case.id).assignee == "ivan"


def test_the_submitter_cannot_approve_their_own_result(engine: Engine, tmp_path: Path) -> None:
    case = inspecting(engine, tmp_path)
    case = cases.record_result(engine, case.id, SEIZURE_RESULT, INSPECTOR, case.version,
                               submit=True)  # fmt: skip
    before = counts(engine)
    with pytest.raises(Forbidden, match="four-eyes"):
        cases.approve_result(engine, case.id, Actor("ivan", Role.SUPERVISOR), case.version)
    with pytest.raises(Forbidden, match="may not approve result"):
        cases.approve_result(engine, case.id, INSPECTOR2, case.version)
    with pytest.raises(InvalidInput) as bad:
        cases.reject_result(engine, case.id, SUPERVISOR, case.version, " ")
    assert _paths(bad) == ["reason"]
    assert counts(engine) == before
    case = cases.reject_result(engine, case.id, SUPERVISOR, case.version, "weigh it again")
    assert case.state is CaseState.INSPECTING
    assert cases.results(engine, case.id)[-1]["status"] == "rejected"


@pytest.mark.parametrize(
    ("result", "paths"),
    [
        ({"finding": "seizure", "items": [{"commodity": "drugs", "description": "x",
          "quantity": -3, "unit": "kg"}]}, ["items[0].quantity"]),
        ({"finding": "seizure", "items": [{"commodity": "cigarettes", "description": "x",
          "quantity": 40, "unit": "kg"}]}, ["items[0].unit"]),
        ({"finding": "seizure", "items": [{"commodity": "alcohol", "description": "x",
          "quantity": 4, "unit": "gallons"}]}, ["items[0].unit"]),
        ({"finding": "seizure"}, ["items"]),
        ({"finding": "none", "items": SEIZURE_RESULT["items"]}, ["items"]),
        ({"finding": "maybe"}, ["finding"]),
    ],
)  # fmt: skip
def test_bad_results_are_refused_naming_the_field(
    engine: Engine, tmp_path: Path, result: dict[str, object], paths: list[str]
) -> None:
    case = inspecting(engine, tmp_path)
    before = counts(engine)
    with pytest.raises(InvalidInput) as bad:
        cases.record_result(engine, case.id, result, INSPECTOR, case.version, submit=True)
    assert _paths(bad) == paths
    assert counts(engine) == before


def test_withdrawing_needs_a_reason_and_closes_the_case(engine: Engine, tmp_path: Path) -> None:
    case = opened(engine, tmp_path)
    with pytest.raises(InvalidInput):
        cases.withdraw(engine, case.id, SUPERVISOR, case.version, "")
    case = cases.withdraw(engine, case.id, SUPERVISOR, case.version, "duplicate selection")
    assert case.state is CaseState.CLOSED
    assert [c.id for c in cases.list_cases(engine, CaseState.CLOSED)] == [case.id]
    assert cases.list_cases(engine, CaseState.OPEN) == []
