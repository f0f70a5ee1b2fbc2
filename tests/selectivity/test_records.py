"""Decision records on SQLite and PostgreSQL: append-only saving, overrides with who and why,
audit entries in the same transaction, runs over stored declarations and the report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from sqlalchemy import Engine

from borderwatch.audit import entries, verify
from borderwatch.errors import InvalidInput, NotFound
from borderwatch.ingest import JsonlReader, ingest
from borderwatch.model import Declaration
from borderwatch.model.decisions import Basis, Lane
from borderwatch.selectivity import (
    Assessor,
    live_decisions,
    override,
    report,
    run_assessment,
    save_decisions,
)
from borderwatch.selectivity.records import history
from tests.factory import decl


def _ingest(engine: Engine, records: list[dict[str, Any]], tmp: Path) -> None:
    path = tmp / "trade.jsonl"
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    ingest(engine, JsonlReader(path, 1 << 20), batch_size=1000)


def test_saving_again_supersedes_and_keeps_the_earlier_decision(
    engine: Engine, make: Callable[..., Assessor]
) -> None:
    first = make().assess(decl(source_id="A-1"))
    with engine.begin() as conn:
        save_decisions(conn, [first], "run-1")
    with engine.begin() as conn:
        save_decisions(conn, [make().assess(decl(source_id="A-1"))], "run-2")
    rows = history(engine, "A-1")
    assert [r["run_id"] for r in rows] == ["run-1", "run-2"]
    assert rows[0]["superseded_at"] is not None and rows[1]["superseded_at"] is None
    (live,) = live_decisions(engine, ["A-1"])
    assert live.comparable() == first.comparable()
    assert [e.action for e in entries(engine, subject_id="A-1")] == ["decision", "decision"]


def test_audit_entries_vanish_with_a_rolled_back_decision(
    engine: Engine, make: Callable[..., Assessor]
) -> None:
    d = make().assess(decl(source_id="R-1"))
    with pytest.raises(RuntimeError), engine.begin() as conn:
        save_decisions(conn, [d], "run")
        raise RuntimeError("caller fails after saving")
    assert live_decisions(engine, ["R-1"]) == []
    assert entries(engine, subject_id="R-1") == []


def test_override_inserts_who_when_why_and_supersedes(
    engine: Engine, make: Callable[..., Assessor]
) -> None:
    with engine.begin() as conn:
        save_decisions(conn, [make().assess(decl(source_id="O-1"))], "run")
    with pytest.raises(InvalidInput):
        override(engine, "O-1", Lane.RED, "officer.jan", " ")
    with pytest.raises(NotFound):
        override(engine, "NOPE", Lane.RED, "officer.jan", "tip-off")
    new = override(engine, "O-1", Lane.RED, "officer.jan", "tip-off from port police")
    (live,) = live_decisions(engine, ["O-1"])
    assert (live.lane, live.basis, live.decided_by) == (Lane.RED, Basis.OVERRIDE, "officer.jan")
    assert live.reasons[-1].text.endswith("tip-off from port police") and new.lane is Lane.RED
    rows = history(engine, "O-1")
    assert len(rows) == 2 and rows[1]["why"] == "tip-off from port police"
    assert entries(engine, subject_id="O-1")[-1].action == "override"
    assert verify(engine).ok


def test_run_over_stored_declarations_by_date_and_report(
    engine: Engine,
    make: Callable[..., Assessor],
    records: list[dict[str, Any]],
    fresh: list[Declaration],
    tmp_path: Path,
) -> None:
    assess = records[-len(fresh) :]
    _ingest(engine, assess, tmp_path)
    first, last = fresh[0].declared_at.date(), fresh[-1].declared_at.date()
    summary = run_assessment(engine, start=first + dt.timedelta(days=1), end=last,
                             assessor=make())  # fmt: skip
    expected = sum(1 for d in fresh if d.declared_at.date() > first)
    assert summary.assessed == expected and not summary.refusals
    stored = live_decisions(engine)
    assert len(stored) == expected
    again = make().assess_batch([d for d in fresh if d.declared_at.date() > first]).decisions
    assert [d.comparable() for d in stored] == [d.comparable() for d in again]
    out = report(engine, chart=tmp_path / "chart.png").to_dict()
    assert out["declarations"] == expected
    assert 0 < out["inspection_rate"] < 1
    planted = sum(1 for r in assess[1:] if r["outcome"]["labels"]
                  and r["outcome"]["labels"][0] in ("sanctioned_party", "weapons_vague",
                                                    "precursor_transshipment"))  # fmt: skip
    assert out["planted_threats"] >= planted - 5
    assert out["planted_threats_selected"] <= out["planted_threats"]
    assert out["detection_rate"] is not None
    assert (tmp_path / "chart.png").stat().st_size > 1000
