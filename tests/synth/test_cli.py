"""The ``borderwatch generate`` command."""

from __future__ import annotations

from pathlib import Path

import orjson
import typer
from typer.testing import CliRunner

from borderwatch.cli.synth import register, shipped_watchlist
from borderwatch.model import validate_declaration


def _app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    app.command("noop", hidden=True)(lambda: None)
    return app


def test_generate_writes_a_file_and_reports(tmp_path: Path) -> None:
    out = tmp_path / "decl.jsonl"
    args = [
        "generate",
        "-n",
        "1500",
        "--seed",
        "3",
        "-o",
        str(out),
        "--threat-rate",
        "0.05",
        "--start",
        "2023-06-01",
        "--days",
        "30",
        "--office",
        "BEANR",
    ]
    result = CliRunner().invoke(_app(), args)
    assert result.exit_code == 0, result.output
    lines = out.read_bytes().splitlines()
    assert len(lines) == 1500
    records = [orjson.loads(line) for line in lines]
    assert {r["office"] for r in records} == {"BEANR"}
    assert records[0]["declared_at"].startswith("2023-06")
    validate_declaration(records[-1])
    assert "1,500 declarations" in result.output
    assert any("sanctioned_party" in r["outcome"]["labels"] for r in records)


def test_no_sanctions_skips_the_pattern(tmp_path: Path) -> None:
    out = tmp_path / "decl.jsonl"
    result = CliRunner().invoke(_app(), ["generate", "-n", "200", "-o", str(out), "--no-sanctions"])
    assert result.exit_code == 0, result.output
    assert "skipped: sanctioned_party" in result.output


def test_bad_office_is_an_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        _app(), ["generate", "-n", "10", "-o", str(tmp_path / "x"), "--office", "QQQQQ"]
    )
    assert result.exit_code != 0


def test_shipped_watchlist_names_entries_like_screening_hits() -> None:
    entries = shipped_watchlist()
    assert len(entries) > 100
    assert all(e.name and ":" in e.list_id for e in entries)
    assert {e.schema for e in entries} >= {"Person", "Company"}
