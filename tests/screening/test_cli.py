from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from borderwatch.cli import app
from borderwatch.screening import batch, fixture_path


def test_screen_command_writes_explained_hits(tmp_path: Path):
    parties = tmp_path / "parties.csv"
    parties.write_text(
        "id,name,schema,country\n1,Saddam Husein al-Tikriti,Person,IQ\n2,,Person,\n"
        "3,Acme Imports BV,Company,NL\n4,ARTAVIL,Vessel,\n",
        encoding="utf-8",
    )
    out = tmp_path / "hits.csv"
    args = [
        "screen",
        "--input",
        str(parties),
        "--out",
        str(out),
        "--list",
        str(fixture_path("un_consolidated_extract.xml")),
        "--list",
        str(fixture_path("ofac/sdn.csv")),
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert rows[0]["id"] == "1" and rows[0]["entity_id"] == "IQi.001"
    assert rows[0]["list"] == "un" and "name_similarity" in rows[0]["explanation"]
    assert {r["id"] for r in rows} == {"1", "4"}
    assert any(r["entity_id"] == "15036" and r["list"] == "ofac" for r in rows)
    assert "empty name" in result.output


def test_screen_command_threshold(tmp_path: Path):
    parties = tmp_path / "p.csv"
    parties.write_text("id,name\n1,Saddam Husein al-Tikriti\n", encoding="utf-8")
    out = tmp_path / "hits.csv"
    result = CliRunner().invoke(
        app,
        [
            "screen",
            "--input",
            str(parties),
            "--out",
            str(out),
            "--threshold",
            "0.95",
            "--default-lists",
        ],
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert rows and all(float(r["score"]) >= 0.95 for r in rows)


def test_screen_command_on_two_processes_writes_what_one_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # blocks of 7 parties: the rows of several blocks, with repeats, in input order
    monkeypatch.setattr(batch, "BLOCK", 7)
    names = ["Saddam Husein al-Tikriti", "ARTAVIL", "Acme Imports BV", "", "Kim Jong Un"]
    rows = [f"{i},{names[i % len(names)]}" for i in range(30)]
    parties = tmp_path / "p.csv"
    parties.write_text("id,name\n" + "\n".join(rows) + "\n", encoding="utf-8")
    written = []
    for workers in ("1", "2"):
        out = tmp_path / f"hits-{workers}.csv"
        args = ["screen", "--input", str(parties), "--out", str(out), "--default-lists"]
        result = CliRunner().invoke(app, [*args, "--workers", workers])
        assert result.exit_code == 0, result.output
        assert "24 of 30 parties screened" in result.output
        written.append(out.read_text(encoding="utf-8"))
    assert written[0] == written[1]
    ids = [r["id"] for r in csv.DictReader(written[0].splitlines())]
    assert ids == sorted(ids, key=int) and {"0", "25"} <= set(ids)


def test_screen_command_needs_a_list(tmp_path: Path):
    parties = tmp_path / "p.csv"
    parties.write_text("id,name\n1,Saddam Husein al-Tikriti\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["screen", "--input", str(parties)])
    assert result.exit_code != 0 and "--list" in str(result.exception)


def test_review_commands_dismiss_then_list(tmp_path: Path):
    args = ["--name", "Saddam Hussein al-Tikriti", "--schema", "Person", "--entity-id"]
    args += ["IQi.001", "--by", "alice", "--default-lists"]
    dismissed = CliRunner().invoke(
        app, ["screen-review", "dismiss", *args, "--reason", "other person"]
    )
    assert dismissed.exit_code == 0, dismissed.output
    assert "dismissed by alice" in dismissed.output
    confirmed = CliRunner().invoke(app, ["screen-review", "confirm", *args, "--reason", "same"])
    assert confirmed.exit_code == 0, confirmed.output
    listed = CliRunner().invoke(app, ["screen-review", "list"])
    lines = listed.output.strip().splitlines()
    assert [line.split("\t")[1:3] for line in lines] == [
        ["dismissed", "superseded"],
        ["confirmed", "live"],
    ]
