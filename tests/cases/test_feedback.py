"""Feedback on SQLite and PostgreSQL: holds for the purge job, hit statistics from approved
results only, and concurrent edits refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from borderwatch import cases
from borderwatch.cases import ledger
from borderwatch.cases.types import Event
from borderwatch.errors import Conflict
from tests.cases.helpers import (
    INSPECTOR,
    SEIZURE,
    SEIZURE_RESULT,
    SUPERVISOR,
    TARGETER,
    decided,
    inspecting,
    opened,
    store_declarations,
)

NONE = {"finding": "none"}


def test_case_holds_open_cases_and_closed_seizures(engine: Engine, tmp_path: Path) -> None:
    opened(engine, tmp_path, "D-OPEN")
    seized = decided(engine, tmp_path, SEIZURE_RESULT, "D-SEIZED")
    seized = cases.close(engine, seized.id, SUPERVISOR, seized.version)
    clean = decided(engine, tmp_path, NONE, "D-CLEAN")
    cases.close(engine, clean.id, SUPERVISOR, clean.version)
    store_declarations(engine, tmp_path, "D-NOCASE")
    holds = cases.case_holds(engine, ["D-OPEN", "D-SEIZED", "D-CLEAN", "D-NOCASE", "D-404"])
    assert holds == {"D-OPEN": None, "D-SEIZED": seized.closed_at}
    with engine.connect() as conn:
        assert cases.case_holds(conn, ["D-SEIZED"]) == {"D-SEIZED": seized.closed_at}


def test_a_second_open_case_keeps_the_hold_open(engine: Engine, tmp_path: Path) -> None:
    first = decided(engine, tmp_path, SEIZURE_RESULT, "D-1")
    cases.close(engine, first.id, SUPERVISOR, first.version)
    cases.open_case(engine, "D-1", {"other": "intelligence report 17"}, TARGETER)
    assert cases.case_holds(engine, ["D-1"]) == {"D-1": None}


def test_a_seizure_action_holds_even_when_the_result_found_nothing(
    engine: Engine, tmp_path: Path
) -> None:
    case = inspecting(engine, tmp_path)
    seizure = cases.request_action(engine, case.id, SEIZURE, INSPECTOR, case.version)
    version = cases.get_case(engine, case.id).version
    cases.decide_action(engine, seizure.id, SUPERVISOR, version, False, "not lawful")
    case = cases.record_result(engine, case.id, NONE, INSPECTOR, version + 1, submit=True)
    case = cases.approve_result(engine, case.id, SUPERVISOR, case.version)
    case = cases.close(engine, case.id, SUPERVISOR, case.version)
    assert cases.case_holds(engine, ["D-1"]) == {"D-1": case.closed_at}


def test_hit_statistics_per_rule_band_and_random_sample(engine: Engine, tmp_path: Path) -> None:
    rule_a = {"rules": [{"rule_id": "R-A", "version": 1}], "score": 0.9}
    both = {"rules": [{"rule_id": "R-A", "version": 2}, {"rule_id": "R-B", "version": 1}]}
    decided(engine, tmp_path, SEIZURE_RESULT, "D-1", **rule_a)
    decided(engine, tmp_path, NONE, "D-2", **both)
    decided(engine, tmp_path, {"finding": "irregularity"}, "D-3", random=True)
    decided(engine, tmp_path, NONE, "D-4", random=True, score=0.1)
    draft = inspecting(engine, tmp_path, "D-5", **rule_a)
    cases.record_result(engine, draft.id, SEIZURE_RESULT, INSPECTOR, draft.version)
    submitted = inspecting(engine, tmp_path, "D-6", **rule_a)
    cases.record_result(engine, submitted.id, NONE, INSPECTOR, submitted.version, submit=True)
    stats = {(s.group, s.key): (s.cases, s.findings, s.seizures, s.hit_rate)
             for s in cases.rule_hit_statistics(engine)}  # fmt: skip
    assert stats == {
        ("all", "all"): (4, 2, 1, 0.5),
        ("rule", "R-A"): (2, 1, 1, 0.5),
        ("rule", "R-B"): (1, 0, 0, 0.0),
        ("band", "0.8-1.0"): (1, 1, 1, 1.0),
        ("band", "0.0-0.2"): (1, 0, 0, 0.0),
        ("random", "sample"): (2, 1, 0, 0.5),
    }


@pytest.mark.postgres
def test_concurrent_writers_on_the_same_version_one_wins(pg_engine: Engine,
                                                        tmp_path: Path) -> None:  # fmt: skip
    case = opened(pg_engine, tmp_path)
    with pg_engine.connect() as first, pg_engine.connect() as second:
        first.begin()
        second.begin()
        a, after_a = ledger.begin(first, case.id, Event.ASSIGN, TARGETER, case.version)
        b, after_b = ledger.begin(second, case.id, Event.ASSIGN, TARGETER, case.version)
        ledger.append(first, a, Event.ASSIGN, after_a, TARGETER, "", {"officer": "ivan"})
        first.commit()
        with pytest.raises(Conflict, match="changed by someone else at the same time"):
            ledger.append(second, b, Event.ASSIGN, after_b, TARGETER, "", {"officer": "inga"})
        second.rollback()
    final = cases.get_case(pg_engine, case.id)
    assert (final.version, final.assignee) == (2, "ivan")
