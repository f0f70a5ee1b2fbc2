"""``borderwatch assess`` (one declaration in real time, a JSON Lines file) and ``report``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson
from typer.testing import CliRunner

from borderwatch.cli import app
from tests.factory import decl

runner = CliRunner()


def test_assess_one_prints_its_decision_and_a_bad_one_is_refused(
    model_dir: Path, tmp_path: Path
) -> None:
    one = tmp_path / "one.json"
    one.write_bytes(orjson.dumps(decl(source_id="CLI-1")))
    result = runner.invoke(app, ["assess", "--one", str(one), "--model", str(model_dir)])
    assert result.exit_code == 0, result.output
    decision = json.loads(result.stdout)
    assert decision["source_id"] == "CLI-1" and decision["lane"] in ("green", "yellow", "red")
    assert decision["versions"]["model"] and decision["versions"]["lists"]
    one.write_bytes(orjson.dumps(decl(source_id="CLI-2", hs="999999")))
    bad = runner.invoke(app, ["assess", "--one", str(one), "--model", str(model_dir)])
    assert bad.exit_code != 0 and "hs_code" in str(bad.exception)


def test_assess_file_then_report_json(
    model_dir: Path, records: list[dict[str, Any]], tmp_path: Path
) -> None:
    path = tmp_path / "trade.jsonl"
    lines = [orjson.dumps(r) for r in records[-300:]] + [b'{"source_id": "BAD"}', b"{oops"]
    path.write_bytes(b"\n".join(lines) + b"\n")
    result = runner.invoke(
        app, ["assess", "--file", str(path), "--model", str(model_dir), "--json"]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["assessed"] == 300 and summary["refused"] == 2
    out = runner.invoke(app, ["report", "--json", "--chart", str(tmp_path / "r.png")])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["declarations"] == 300 and "inspection_rate" in data
    assert Path(data["chart"]).is_file()
    text = runner.invoke(app, ["report"])
    assert "inspection rate" in text.stdout and "chart:" in text.stdout
    # Readable units and n/a, never a raw float of seconds or a Python None.
    assert "None" not in text.stdout
    lodged = next(line for line in text.stdout.splitlines() if "lodging to decision" in line)
    value, unit = lodged.split()[-2:]
    assert unit in {"s", "h", "days"} or lodged.endswith("n/a"), lodged
    assert unit != "s" or float(value) < 120, lodged


def test_assess_file_on_two_processes_stores_the_decisions_of_one(
    model_dir: Path, records: list[dict[str, Any]], tmp_path: Path
) -> None:
    path = tmp_path / "trade.jsonl"
    path.write_bytes(b"\n".join(orjson.dumps(r) for r in records[-1200:]) + b"\n")
    runs = []
    for workers in ("1", "2"):
        args = ["assess", "--file", str(path), "--model", str(model_dir), "--json"]
        result = runner.invoke(app, [*args, "--workers", workers])
        assert result.exit_code == 0, result.output
        summary = json.loads(result.stdout)
        out = runner.invoke(app, ["report", "--json", "--chart", str(tmp_path / "r.png")])
        runs.append((summary["processes"], summary["assessed"], summary["lanes"]))
        stored = {k: v for k, v in json.loads(out.stdout)["lanes"].items() if v}
        assert stored == summary["lanes"]  # the decisions stored
    assert [r[0] for r in runs] == [1, 2]
    assert runs[0][1:] == runs[1][1:] and runs[0][1] == 1200
    refused = runner.invoke(app, ["assess", "--file", str(path), "--workers", "0"])
    assert refused.exit_code != 0 and "--workers" in refused.output
