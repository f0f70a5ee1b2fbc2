"""The ingest and quarantine commands as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.ingest.helpers import numbered, write_jsonl

ROOT = Path(__file__).resolve().parents[2]


def bw(*args: str, data_dir: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BORDERWATCH_DATA_DIR": str(data_dir)}
    env.pop("BORDERWATCH_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "borderwatch", *args],
        env=env,
        text=True,
        capture_output=True,
        input=stdin.decode() if stdin else None,
        timeout=120,
        check=False,
    )


def test_ingest_json_report_has_the_contract_keys(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [*numbered(3), {"source_id": "BAD"}])
    result = bw("ingest", "--format", "jsonl", str(path), "--json", data_dir=tmp_path / "d")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert {
        k: report[k] for k in ("read", "accepted", "quarantined", "duplicates", "versions")
    } == {"read": 4, "accepted": 3, "quarantined": 1, "duplicates": 0, "versions": 0}
    listing = bw("quarantine", "list", "--json", data_dir=tmp_path / "d")
    items = json.loads(listing.stdout)["items"]
    assert items[0]["record_id"] == "BAD"
    assert any(r["path"] == "goods" for r in items[0]["reasons"])


def test_ingest_reads_standard_input(tmp_path: Path) -> None:
    data = b"".join(json.dumps(r).encode() + b"\n" for r in numbered(2))
    result = bw("ingest", "-", "--json", data_dir=tmp_path / "d", stdin=data)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["accepted"] == 2


def test_unreadable_input_exits_non_zero_with_a_clear_error(tmp_path: Path) -> None:
    result = bw("ingest", str(tmp_path / "missing.jsonl"), data_dir=tmp_path / "d")
    assert result.returncode != 0
    assert "no such file" in result.stderr
    result = bw(
        "ingest",
        "--format",
        "csv",
        str(ROOT / "examples" / "national_export.csv"),
        data_dir=tmp_path / "d",
    )
    assert result.returncode != 0 and "--mapping" in result.stderr


def test_quarantined_records_are_not_a_failure(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "bad.jsonl", [{"source_id": "X"}])
    result = bw("ingest", str(path), data_dir=tmp_path / "d")
    assert result.returncode == 0
    assert "quarantine list" in result.stdout
