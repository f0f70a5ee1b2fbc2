"""Ingest throughput and peak memory: generated declarations into SQLite and PostgreSQL.

Each measurement runs ``borderwatch ingest`` in a fresh process on a fresh store, so peak RSS is
the ingest's own. Baseline in the same run: the same ingest into PostgreSQL with plain
SQLAlchemy ``executemany`` inserts instead of COPY.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench-output"
PG = os.environ.get(
    "BORDERWATCH_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)

_PEAK = """
import atexit, resource, sys
atexit.register(lambda: sys.stderr.write(
    f"\\nPEAK_RSS_KB={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n"))
"""

_PLAIN = (
    _PEAK
    + """
from borderwatch.cli import main
sys.argv = ["borderwatch", *sys.argv[1:]]
main()
"""
)

_BASELINE = (
    _PEAK
    + """
from borderwatch.store import bulk
class Plain(bulk.PostgresBulkWriter):
    insert = bulk.BulkWriter.insert
bulk.bulk_writer = lambda conn: Plain(conn)
import borderwatch.ingest.runner as runner
runner.bulk_writer = bulk.bulk_writer
from borderwatch.cli import main
sys.argv = ["borderwatch", *sys.argv[1:]]
main()
"""
)


def _dataset(count: int) -> Path:
    OUT.mkdir(exist_ok=True)
    path = OUT / f"synth-{count}.jsonl"
    if not path.exists():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "borderwatch",
                "generate",
                "-n",
                str(count),
                "--seed",
                "7",
                "--out",
                str(path),
            ],
            check=True,
            stderr=subprocess.DEVNULL,
        )
    return path


def _pg_schema() -> str:
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    engine = create_engine(PG)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    return schema


def _drop(schema: str) -> None:
    engine = create_engine(PG)
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


def _run(path: Path, backend: str, baseline: bool = False) -> tuple[float, float]:
    """(declarations per second, peak RSS in MiB) of one ingest in a fresh process."""
    data_dir = OUT / f"store-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "BORDERWATCH_DATA_DIR": str(data_dir)}
    schema = None
    if backend == "postgresql":
        schema = _pg_schema()
        env["BORDERWATCH_DATABASE_URL"] = f"{PG}?options=-csearch_path%3D{schema}"
    args = [str(path), "--json"]
    cmd = [sys.executable, "-c", _BASELINE if baseline else _PLAIN, "ingest", *args]
    started = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"ingest failed ({done.returncode}): {done.stderr[-2000:]}")
    elapsed = time.perf_counter() - started
    peak = int(done.stderr.rsplit("PEAK_RSS_KB=", 1)[1].split()[0])
    if schema:
        _drop(schema)
    shutil.rmtree(data_dir, ignore_errors=True)
    count = sum(1 for _ in path.open("rb"))
    return count / elapsed, peak / 1024


def run(quick: bool = False) -> str:
    small, large = (20_000, 100_000) if quick else (100_000, 1_000_000)
    repeats = 3
    rows = []
    for backend in ("sqlite", "postgresql"):
        runs = [_run(_dataset(small), backend) for _ in range(repeats)]
        big = _run(_dataset(large), backend)
        rows.append(
            (
                backend,
                statistics.median(r[0] for r in runs),
                statistics.median(r[1] for r in runs),
                big[0],
                big[1],
            )
        )
    base = [_run(_dataset(small), "postgresql", baseline=True) for _ in range(repeats)]
    lines = [
        "### Ingest: generated declarations into the store",
        "",
        f"Command: `.venv/bin/python -m benchmarks ingest{' --quick' if quick else ''}` "
        f"(each figure one `borderwatch ingest FILE --json` in a fresh process on a fresh store; "
        f"{small:,} declarations: median of {repeats} runs; {large:,}: one run).",
        "",
        f"| back end | decl/s at {small:,} | peak RSS MiB | decl/s at {large:,} | "
        "peak RSS MiB | target |",
        "|---|---|---|---|---|---|",
    ]
    for backend, rate, rss, big_rate, big_rss in rows:
        target = ">= 20,000 decl/s, flat memory" if backend == "postgresql" else "flat memory"
        lines.append(
            f"| {backend} | {rate:,.0f} | {rss:,.0f} | {big_rate:,.0f} | {big_rss:,.0f} "
            f"| {target} |"
        )
    lines.append(
        f"| baseline: postgresql, SQLAlchemy executemany instead of COPY | "
        f"{statistics.median(b[0] for b in base):,.0f} | "
        f"{statistics.median(b[1] for b in base):,.0f} | | | |"
    )
    lines += [
        "",
        "Peak RSS is the whole ingest process (Python, reference tables, one batch); "
        "measured by the process itself (`ru_maxrss`).",
    ]
    return "\n".join(lines) + "\n"
