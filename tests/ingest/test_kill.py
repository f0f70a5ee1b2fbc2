"""A real kill: SIGKILL the ingest process mid-file, run it again, and find exactly the right
rows and no partial declaration."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import Engine, func, select
from tests.ingest.helpers import (
    count,
    declarations,
    goods_items,
    live,
    numbered,
    parties,
    write_jsonl,
)

N = 3000


def _ingest_process(url: str, path: Path, tmp_path: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "BORDERWATCH_DATABASE_URL": url,
        "BORDERWATCH_INGEST_BATCH_SIZE": "40",
        "BORDERWATCH_DATA_DIR": str(tmp_path / "data"),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "borderwatch", "ingest", str(path), "--json"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _wait_for_rows(engine: Engine, proc: subprocess.Popen[bytes], at_least: int) -> int:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        stored = count(engine, declarations)
        if stored >= at_least:
            return stored
        time.sleep(0.02)
    raise AssertionError(f"ingest ended or stalled before {at_least} rows: {proc.poll()}")


def test_kill_mid_ingest_then_rerun_gives_exactly_the_right_rows(
    engine: Engine, tmp_path: Path
) -> None:
    path = write_jsonl(tmp_path / "big.jsonl", numbered(N))
    url = engine.url.render_as_string(hide_password=False)
    proc = _ingest_process(url, path, tmp_path)
    stored = _wait_for_rows(engine, proc, 200)
    os.kill(proc.pid, signal.SIGKILL)
    # Returns once every process holding the output is gone: validation workers end with it.
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    after_kill = count(engine, declarations)
    assert stored <= after_kill < N, "the kill must land mid-file"
    # No partial declaration: every stored declaration has its goods item and both parties.
    assert count(engine, goods_items) == after_kill
    assert count(engine, parties) == 2 * after_kill

    rerun = _ingest_process(url, path, tmp_path)
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err.decode()
    assert live(engine) == N
    assert count(engine, declarations) == N
    assert count(engine, goods_items) == N
    with engine.connect() as conn:
        distinct = conn.execute(select(func.count(func.distinct(declarations.c.source_id))))
        assert distinct.scalar_one() == N
    assert b'"duplicates": ' + str(after_kill).encode() in out
