"""Chain of custody on SQLite and PostgreSQL: append-only, hash-linked, continuity checked,
tampering detected, printable."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import Engine, update

from borderwatch import cases
from borderwatch.errors import Conflict, InvalidInput, NotFound
from borderwatch.store.cases import custody_transfers, seized_items
from tests.cases.helpers import INSPECTOR, SEIZURE, SUPERVISOR, counts, inspecting

# Far enough ahead that a slow run (a loaded machine) still hands items over after their seizure.
T0 = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(days=1)


def _seized(engine: Engine, tmp: Path) -> tuple[int, str]:
    case = inspecting(engine, tmp)
    cases.request_action(engine, case.id, SEIZURE, INSPECTOR, case.version)
    (label,) = cases.items_of(engine, case.id)
    return case.id, label


def _move(handed: str, received: str, minutes: int, **extra: object) -> dict[str, object]:
    at = T0 + dt.timedelta(minutes=minutes)
    return {"handed_by": handed, "received_by": received, "at": at.isoformat(),
            "place": "warehouse 3", "seals": ["S-0001"], **extra}  # fmt: skip


def _hand(engine: Engine, case_id: int, label: str, *moves: dict[str, object]) -> None:
    for move in moves:
        version = cases.get_case(engine, case_id).version
        cases.transfer(engine, label, move, SUPERVISOR, version)


def test_transfers_chain_verify_and_print(engine: Engine, tmp_path: Path) -> None:
    case_id, label = _seized(engine, tmp_path)
    assert label == f"C{case_id}-A1-1"
    _hand(engine, case_id, label, _move("ivan", "wanda", 0),
          _move("wanda", "lab-kim", 60, condition="resealed", seals=["S-0002"]))  # fmt: skip
    check = cases.verify(engine, label)
    assert (check.ok, check.transfers, check.holder) == (True, 2, "lab-kim")
    report = cases.custody_report(engine, case_id)
    assert f"## Item {label}" in report and "Chain: verified" in report
    assert "| 2 |" in report and "| wanda | lab-kim | warehouse 3 | S-0002 | resealed |" in report
    events = [e["event"] for e in cases.history(engine, case_id)]
    assert events.count("transfer_custody") == 2


def test_continuity_time_order_and_people_are_checked(engine: Engine, tmp_path: Path) -> None:
    case_id, label = _seized(engine, tmp_path)
    _hand(engine, case_id, label, _move("ivan", "wanda", 10))
    version = cases.get_case(engine, case_id).version
    before = counts(engine)
    with pytest.raises(Conflict, match="held by wanda, so ivan cannot hand it over"):
        cases.transfer(engine, label, _move("ivan", "kim", 20), SUPERVISOR, version)
    with pytest.raises(InvalidInput) as early:
        cases.transfer(engine, label, _move("wanda", "kim", 5), SUPERVISOR, version)
    assert [e.path for e in early.value.errors] == ["at"]
    with pytest.raises(InvalidInput) as same:
        cases.transfer(engine, label, _move("wanda", "wanda", 20), SUPERVISOR, version)
    assert [e.path for e in same.value.errors] == ["received_by"]
    with pytest.raises(InvalidInput) as cond:
        cases.transfer(engine, label, _move("wanda", "kim", 20, condition="wet"), SUPERVISOR,
                       version)  # fmt: skip
    assert [e.path for e in cond.value.errors] == ["condition"]
    with pytest.raises(Conflict, match="version"):
        cases.transfer(engine, label, _move("wanda", "kim", 20), SUPERVISOR, version - 1)
    with pytest.raises(NotFound):
        cases.transfer(engine, "C9-A9-9", _move("wanda", "kim", 20), SUPERVISOR, version)
    assert counts(engine) == before


def test_tampering_with_a_transfer_or_the_item_is_detected(engine: Engine, tmp_path: Path) -> None:
    case_id, label = _seized(engine, tmp_path)
    _hand(engine, case_id, label, _move("ivan", "wanda", 0), _move("wanda", "kim", 30))
    with engine.begin() as conn:
        conn.execute(update(custody_transfers).where(custody_transfers.c.seq == 1)
                     .values(received_by="mallory"))  # fmt: skip
    check = cases.verify(engine, label)
    assert not check.ok
    assert check.problems == [
        "transfer 1: content does not match its hash (altered)",
        "transfer 2: handed by wanda, but mallory held the item",
    ]
    with engine.begin() as conn:
        conn.execute(update(seized_items).values(quantity=10.0))
    assert "genesis hash" in cases.verify(engine, label).problems[0]
    assert "FAILED" in cases.custody_report(engine, case_id)


def test_a_case_without_seizure_reports_no_items(engine: Engine, tmp_path: Path) -> None:
    case = inspecting(engine, tmp_path)
    assert "No items were seized" in cases.custody_report(engine, case.id)
