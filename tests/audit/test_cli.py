"""``borderwatch audit`` as an operator runs it: exit codes and the entry named."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.audit.helpers import fill, tamper

from borderwatch.store import open_store

# The audit commands under the same runner as ``borderwatch`` (error mapping, exit codes),
# without importing every other command group.
RUN = (
    "import sys, typer; from borderwatch.cli.util import run_app; "
    "from borderwatch.cli.audit import register; app = typer.Typer(); register(app); "
    "sys.argv[0] = 'borderwatch'; sys.exit(run_app(app))"
)


def bw(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BORDERWATCH_DATA_DIR": str(data_dir)}
    env.pop("BORDERWATCH_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-c", RUN, *args],
        env=env,
        text=True,
        capture_output=True,
        timeout=120,
        check=False,
    )


def test_verify_anchor_and_check_anchor_exit_codes(tmp_path: Path) -> None:
    data = tmp_path / "d"
    engine = open_store(f"sqlite:///{data / 'borderwatch.db'}")
    fill(engine, 6)
    ok = bw("audit", "verify", "--json", data_dir=data)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["checked"] == 6
    anchor = tmp_path / "anchor.json"
    assert bw("audit", "anchor", "--out", str(anchor), data_dir=data).returncode == 0
    listing = bw("audit", "log", "--json", "--subject-id", "DECL-2", data_dir=data)
    assert [e["seq"] for e in json.loads(listing.stdout)["items"]] == [2]

    tamper(engine, "UPDATE audit_log SET actor = 'mallory' WHERE seq = 5")
    bad = bw("audit", "verify", data_dir=data)
    assert bad.returncode == 1
    assert "entry 5" in bad.stderr and "edited" in bad.stderr
    checked = bw("audit", "check-anchor", str(anchor), "--json", data_dir=data)
    assert checked.returncode == 1 and json.loads(checked.stdout)["first_bad"] == 5
    engine.dispose()


def test_a_missing_or_malformed_anchor_is_a_clear_error(tmp_path: Path) -> None:
    data = tmp_path / "d"
    missing = bw("audit", "check-anchor", str(tmp_path / "none.json"), data_dir=data)
    assert missing.returncode == 2 and "no such anchor file" in missing.stderr
    (tmp_path / "bad.json").write_text('{"seq": "x"}')
    bad = bw("audit", "check-anchor", str(tmp_path / "bad.json"), data_dir=data)
    assert bad.returncode == 1 and "seq" in bad.stderr and "hash" in bad.stderr
