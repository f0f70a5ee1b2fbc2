"""``borderwatch case`` as an officer runs it: the workflow, custody, reports and exports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from borderwatch.cli import cases as cases_cli
from borderwatch.cli.util import run_app
from borderwatch.errors import Conflict
from borderwatch.store import open_store
from tests.cases.helpers import SEIZURE, SEIZURE_RESULT, store_declarations

runner = CliRunner()
app = typer.Typer()
cases_cli.register(app)
TINA = ["--user", "tina", "--role", "targeting_officer"]
IVAN = ["--user", "ivan", "--role", "inspecting_officer"]
SAM = ["--user", "sam", "--role", "supervisor"]
SARA = ["--user", "sara", "--role", "supervisor"]


def bw(*args: str, stdin: str | None = None) -> str:
    result = runner.invoke(app, ["case", *args], input=stdin, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_the_whole_workflow_from_the_command_line(tmp_path: Path) -> None:
    store_declarations(open_store(), tmp_path, "D-1")
    assert "opened: open, version 1" in bw("open", "D-1", "--rule", "R-COCA@2", "--score",
                                            "0.83", *TINA)  # fmt: skip
    bw("assign", "1", "ivan", *TINA, "-V", "1")
    bw("inspect", "1", "--type", "physical", "--place", "quay 4", *IVAN, "-V", "2")
    out = bw("action", "1", "-", *IVAN, "-V", "3", stdin=json.dumps(SEIZURE))
    assert "seizure 1: pending_approval" in out and "article 198" in out
    bw("decide", "1", "--approve", "-r", "lawful", *SAM, "-V", "4")
    bw("transfer", "C1-A1-1", "--from", "ivan", "--to", "wanda", "--place", "vault",
       "--seal", "S-0002", *SAM, "-V", "5")  # fmt: skip
    assert "1 transfers, held by wanda" in bw("verify", "C1-A1-1")
    result = tmp_path / "result.json"
    result.write_text(json.dumps(SEIZURE_RESULT))
    bw("result", "1", str(result), "--submit", *IVAN, "-V", "6")
    bw("approve", "1", *SAM, "-V", "7")
    assert "closed: closed, version 9" in bw("close", "1", *SARA, "-V", "8")
    shown = json.loads(bw("show", "1", "--json"))
    assert shown["state"] == "closed" and shown["items"] == ["C1-A1-1"]
    assert len(shown["history"]) == 9
    rows = list(csv.DictReader(io.StringIO(bw("export-seizures", "--format", "csv"))))
    assert [(r["commodity"], r["quantity"], r["unit"], r["detection_rules"]) for r in rows] == [
        ("drugs", "12.5", "kg", "R-COCA@2")
    ]
    assert rows[0]["consignee"] == "Acme Imports BV" and rows[0]["transport_mode"] == "sea"
    doc = json.loads(bw("export-seizures", "--format", "json"))
    assert doc["seizures"][0]["legal_basis"].endswith("article 198")
    stats = json.loads(bw("stats", "--json"))
    assert {(s["group"], s["key"], s["hit_rate"]) for s in stats} >= {("rule", "R-COCA", 1.0)}
    report = tmp_path / "custody.md"
    bw("custody-report", "1", "-o", str(report))
    assert "Chain: verified" in report.read_text()
    assert "UCC-198" in bw("powers")


def test_a_stale_version_is_reported_as_an_error(tmp_path: Path) -> None:
    store_declarations(open_store(), tmp_path, "D-1")
    bw("open", "D-1", "--random", *TINA)
    bw("assign", "1", "ivan", *TINA, "-V", "1")
    result = runner.invoke(app, ["case", "assign", "1", "inga", *TINA, "-V", "1"])
    assert isinstance(result.exception, Conflict)
    assert "at version 2" in str(result.exception)


def test_errors_print_plainly_with_a_non_zero_exit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.argv", ["borderwatch", "case", "open", "D-404", "--random", *TINA])
    assert run_app(app) == 2
    assert capsys.readouterr().err.strip() == "error: no declaration 'D-404'"
