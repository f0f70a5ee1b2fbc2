"""Helpers for case tests: store declarations, officers in their roles, a case walked to a
given point of the workflow."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select

from borderwatch import cases
from borderwatch.cases import Actor, CaseView, Role
from borderwatch.store.cases import (
    action_states,
    case_actions,
    case_events,
    case_inspections,
    case_results,
    custody_transfers,
    seized_items,
)
from borderwatch.store.cases import (
    cases as cases_table,
)
from borderwatch.store.schema import outcomes
from tests.factory import decl
from tests.ingest.helpers import run, write_jsonl

TARGETER = Actor("tina", Role.TARGETING_OFFICER)
INSPECTOR = Actor("ivan", Role.INSPECTING_OFFICER)
INSPECTOR2 = Actor("inga", Role.INSPECTING_OFFICER)
SUPERVISOR = Actor("sam", Role.SUPERVISOR)
SUPERVISOR2 = Actor("sara", Role.SUPERVISOR)

TABLES = (
    cases_table, case_events, case_inspections, case_results, case_actions, action_states,
    seized_items, custody_transfers, outcomes,
)  # fmt: skip

SEIZURE_RESULT: dict[str, Any] = {
    "finding": "seizure",
    "items": [
        {"commodity": "drugs", "description": "cocaine bricks", "quantity": 12.5, "unit": "kg",
         "concealment": "false floor of container"},
    ],
}  # fmt: skip

SEIZURE: dict[str, Any] = {
    "type": "seizure",
    "legal_basis": "UCC-198",
    "reason": "cocaine found in a false floor",
    "place": "NLRTM customs warehouse 3",
    "seals": ["S-0001"],
    "items": SEIZURE_RESULT["items"],
}


def store_declarations(engine: Engine, tmp: Path, *source_ids: str, **overrides: Any) -> None:
    """Ingest one valid declaration per source id."""
    records = [decl(source_id=s, **overrides) for s in source_ids]
    report = run(engine, write_jsonl(tmp / f"decl-{source_ids[0]}.jsonl", records))
    assert report.accepted == len(source_ids)


def counts(engine: Engine) -> dict[str, int]:
    """Rows in every table cases write to (to prove a refusal wrote nothing)."""
    with engine.connect() as conn:
        return {
            t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
            for t in TABLES
        }


def opened(engine: Engine, tmp: Path, sid: str = "D-1", **detection: Any) -> CaseView:
    store_declarations(engine, tmp, sid)
    method = detection or {"rules": [{"rule_id": "R-COCA", "version": 2}], "score": 0.71}
    return cases.open_case(engine, sid, method, TARGETER, "rule hit")


def inspecting(engine: Engine, tmp: Path, sid: str = "D-1", **detection: Any) -> CaseView:
    """A case assigned to INSPECTOR, with one physical inspection recorded."""
    case = opened(engine, tmp, sid, **detection)
    case = cases.assign(engine, case.id, INSPECTOR.user, TARGETER, case.version)
    return cases.inspect(engine, case.id, "physical", INSPECTOR, case.version, "quay 4")


def decided(engine: Engine, tmp: Path, result: dict[str, Any], sid: str = "D-1",
            **detection: Any) -> CaseView:  # fmt: skip
    """A case whose result has been submitted by INSPECTOR and approved by SUPERVISOR."""
    case = inspecting(engine, tmp, sid, **detection)
    case = cases.record_result(engine, case.id, result, INSPECTOR, case.version, submit=True)
    return cases.approve_result(engine, case.id, SUPERVISOR, case.version)
