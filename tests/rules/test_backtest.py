"""Backtests and weekly performance over stored declarations and outcomes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import typer
from sqlalchemy import Engine

from borderwatch.cli.rules import register
from borderwatch.cli.util import run_app
from borderwatch.model import Declaration
from borderwatch.rules import RuleSet, compile_rule, performance, registry
from borderwatch.rules.backtest import Window, evaluate, labelled_view
from borderwatch.rules.chart import write_chart
from borderwatch.store.schema import declarations, outcomes
from tests.rules.helpers import declaration, spec

NOW = dt.datetime(2024, 6, 1, tzinfo=dt.UTC)


def _store(engine: Engine, decl: Declaration, finding: str | None) -> None:
    with engine.begin() as conn:
        new_id = conn.execute(
            declarations.insert().values(
                source_id=decl.source_id,
                version=1,
                content_hash=decl.source_id,
                type=decl.type.value,
                declared_at=decl.declared_at,
                office=decl.office,
                mode_of_transport=int(decl.mode_of_transport.value),
                payload=decl.model_dump(mode="json", by_alias=True),
                recorded_at=NOW,
            )
        ).inserted_primary_key[0]
        if finding is not None:
            conn.execute(
                outcomes.insert().values(
                    declaration_id=new_id,
                    source_id=decl.source_id,
                    inspected=True,
                    finding=finding,
                    illicit=finding == "seizure",
                    revenue_recovered=0.0,
                    labels=[],
                    origin="test",
                    final=True,
                    recorded_at=NOW,
                    recorded_by="t",
                )
            )


def _seed(engine: Engine) -> None:
    """Ten weeks: radioactive goods every Monday (inspected, seizure on even weeks), laptops
    every Wednesday (inspected every other week, nothing found)."""
    for week in range(10):
        monday = dt.datetime(2024, 1, 1, 9, tzinfo=dt.UTC) + dt.timedelta(weeks=week)
        hot = declaration(source_id=f"HOT-{week}", declared_at=monday.isoformat(), hs="284410")
        _store(engine, hot, "seizure" if week % 2 == 0 else "none")
        cold = declaration(source_id=f"COLD-{week}",
                           declared_at=(monday + dt.timedelta(days=2)).isoformat())  # fmt: skip
        _store(engine, cold, "none" if week % 2 == 0 else None)


def test_backtest_figures(engine: Engine) -> None:
    _seed(engine)
    window = Window(dt.date(2024, 1, 1), dt.date(2024, 3, 10))
    other = RuleSet([compile_rule(spec("item_count >= 1", "R-ALL"))])
    rule = compile_rule(spec("radioactive_items > 0", "R-RAD"))
    result = evaluate(rule, other, labelled_view(engine, window), window)
    assert (result.declarations, result.hits, result.inspected_hits) == (20, 10, 10)
    assert (result.findings, result.seizures) == (5, 5)
    assert result.hit_rate == pytest.approx(0.5)
    assert result.base_rate == pytest.approx(5 / 15)
    assert result.lift == pytest.approx(1.5)
    assert result.load_per_day == pytest.approx(10 / 70)
    assert result.overlap == {"R-ALL@1": 10}
    assert [w["hits"] for w in result.weekly] == [1] * 10
    assert [w["findings"] for w in result.weekly] == [1, 0] * 5


def test_window_excludes_declarations_outside_it(sqlite_engine: Engine) -> None:
    _seed(sqlite_engine)
    window = Window(dt.date(2024, 1, 8), dt.date(2024, 1, 14))
    assert labelled_view(sqlite_engine, window).height == 2


def test_chart_is_written(sqlite_engine: Engine, tmp_path: Path) -> None:
    _seed(sqlite_engine)
    window = Window(dt.date(2024, 1, 1), dt.date(2024, 3, 10))
    rule = compile_rule(spec("radioactive_items > 0", "R-RAD"))
    result = evaluate(rule, RuleSet([]), labelled_view(sqlite_engine, window), window)
    assert write_chart(result, tmp_path / "w.png").read_bytes()[:4] == b"\x89PNG"
    assert b"<svg" in write_chart(result, tmp_path / "w.svg").read_bytes()[:400]


def test_performance_is_stored_and_recomputation_supersedes(engine: Engine) -> None:
    _seed(engine)
    registry.save(engine, [spec("radioactive_items > 0", "R-RAD")], "alice", "new")
    registry.approve(engine, "R-RAD", "bob")
    registry.activate(engine, "R-RAD", "bob")
    window = Window(dt.date(2024, 1, 1), dt.date(2024, 1, 21))
    performance.compute(engine, window)
    performance.compute(engine, window)
    rows = performance.stored(engine, "R-RAD")
    assert [(r["hits"], r["findings"]) for r in rows] == [(1, 1), (1, 0), (1, 1)]
    assert rows[0]["hit_rate"] == 1.0 and rows[1]["hit_rate"] == 0.0


def _run(args: list[str], monkeypatch: pytest.MonkeyPatch) -> int:
    app = typer.Typer()
    register(app)

    @app.callback()
    def _root() -> None:
        """Test root."""

    monkeypatch.setattr("sys.argv", ["borderwatch", *args])
    return run_app(app)


def test_backtest_command(
    sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch, capsys: Any, tmp_path: Path
) -> None:
    _seed(sqlite_engine)
    monkeypatch.setenv("BORDERWATCH_DATABASE_URL", str(sqlite_engine.url))
    chart = tmp_path / "bt.svg"
    args = ["rules", "backtest", "--expr", "radioactive_items > 0", "--from", "2024-01-01",
            "--to", "2024-03-10", "--chart", str(chart)]  # fmt: skip
    assert _run(args, monkeypatch) == 0
    out = capsys.readouterr().out
    assert "hit rate" in out and "50.0%" in out
    assert chart.exists()
    bad = ["rules", "backtest", "--expr", "radioactive_items >", "--from", "2024-01-01",
           "--to", "2024-03-10"]  # fmt: skip
    assert _run(bad, monkeypatch) != 0


def test_rules_reading_screening_columns_carry_a_note(sqlite_engine: Engine) -> None:
    _seed(sqlite_engine)
    window = Window(dt.date(2024, 1, 1), dt.date(2024, 3, 10))
    labelled = labelled_view(sqlite_engine, window)
    rule = compile_rule(spec("party_hits > 0 OR radioactive_items > 0", "R-SCR"))
    result = evaluate(rule, RuleSet([]), labelled, window)
    assert result.hits == 10 and len(result.notes) == 1 and "party_hits" in result.notes[0]
    plain = compile_rule(spec("radioactive_items > 0", "R-RAD"))
    assert evaluate(plain, RuleSet([]), labelled, window).notes == []
