"""Audit log: appends per second on PostgreSQL and chain verification speed.

Appends go through ``record_many`` (one head-row lock and one executemany per batch, as a
pipeline stage records its decisions) and through ``record`` with one transaction per
event (the worst case: an interactive action). Baselines measured in the same run: the same
rows inserted into an unchained copy of the table (what the chain costs), and streaming the
log without hashing (what verification adds to reading it).
"""

from __future__ import annotations

import os
import statistics
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from tempfile import TemporaryDirectory

from sqlalchemy import Engine, create_engine, select, text

from borderwatch.audit import AuditEvent, record, record_many, verify
from borderwatch.store.audit import audit_log
from borderwatch.store.engine import make_engine, migrate

PG_URL = os.environ.get(
    "BORDERWATCH_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
BATCH = 1000


def _event(i: int) -> AuditEvent:
    return AuditEvent(
        f"officer{i % 7}",
        "decision",
        "declaration",
        f"DECL-{i:08d}",
        "customs_control",
        {"lane": "red" if i % 9 == 0 else "green", "n": i},
    )


@contextmanager
def _pg() -> Iterator[Engine]:
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(f"{PG_URL}?options=-csearch_path%3D{schema}")
    migrate(engine)
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _rate(n: int, work: Callable[[], None], runs: int = 3) -> float:
    rates = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        rates.append(n / (time.perf_counter() - started))
    return statistics.median(rates)


def _batched(engine: Engine, n: int, start: list[int]) -> Callable[[], None]:
    def work() -> None:
        for b in range(0, n, BATCH):
            with engine.begin() as conn:
                record_many(conn, [_event(start[0] + b + i) for i in range(BATCH)])
        start[0] += n

    return work


def _singles(engine: Engine, n: int) -> Callable[[], None]:
    def work() -> None:
        for i in range(n):
            with engine.begin() as conn:
                record(conn, _event(i))

    return work


def _unchained(engine: Engine, n: int) -> Callable[[], None]:
    rows = [
        {
            "seq": i,
            "at": "2024-01-01T00:00:00+00:00",
            "actor": e.actor,
            "action": e.action,
            "subject_type": e.subject_type,
            "subject_id": e.subject_id,
            "purpose": e.purpose,
            "details": '{"lane":"green"}',
            "prev_hash": "0" * 64,
            "hash": "0" * 64,
        }
        for i, e in ((i, _event(i)) for i in range(n))
    ]
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE plain_log AS SELECT * FROM audit_log WHERE false"))

    def work() -> None:
        for b in range(0, n, BATCH):
            with engine.begin() as conn:
                conn.execute(
                    text(
                        "INSERT INTO plain_log VALUES (:seq, :at, :actor, :action, "
                        ":subject_type, :subject_id, :purpose, :details, :prev_hash, "
                        ":hash)"
                    ),
                    rows[b : b + BATCH],
                )
        with engine.begin() as conn:
            conn.execute(text("TRUNCATE plain_log"))

    return work


def _read_only(engine: Engine) -> None:
    with (
        engine.connect() as conn,
        conn.execution_options(yield_per=20_000).execute(select(audit_log)) as result,
    ):
        for _ in result.partitions():
            pass


def _fill(engine: Engine, n: int) -> None:
    _batched(engine, n, [10_000_000])()


def _verify_rate(engine: Engine, n: int) -> tuple[float, float]:
    assert verify(engine).checked == n
    return _rate(n, lambda: _check(engine)), _rate(n, lambda: _read_only(engine))


def _check(engine: Engine) -> None:
    if not verify(engine).ok:
        raise RuntimeError("the benchmark log does not verify")


def run(quick: bool) -> str:
    appends, singles, size = (10_000, 300, 50_000) if quick else (50_000, 2_000, 250_000)
    load_start = os.getloadavg()[0]
    with _pg() as pg:
        batched = _rate(appends, _batched(pg, appends, [0]))
        single = _rate(singles, _singles(pg, singles))
        plain = _rate(appends, _unchained(pg, appends))
    with _pg() as pg:
        _fill(pg, size)
        pg_verify, pg_read = _verify_rate(pg, size)
    with TemporaryDirectory() as tmp:
        lite = make_engine(f"sqlite:///{Path(tmp) / 'a.db'}")
        migrate(lite)
        _fill(lite, size)
        lite_verify, lite_read = _verify_rate(lite, size)
        lite.dispose()
    flag = " (`--quick`)" if quick else ""
    load = f"{load_start:.1f} at the start, {os.getloadavg()[0]:.1f} at the end"
    rows = [
        (f"appends/s, PostgreSQL, `record_many` batches of {BATCH:,} ({appends:,} events)",
         f"{batched:,.0f}", f"{plain:,.0f} unchained `INSERT`", ">= 5,000/s"),
        (f"appends/s, PostgreSQL, `record`, one transaction per event ({singles:,})",
         f"{single:,.0f}", "", ""),
        (f"verification, PostgreSQL ({size:,} entries)", f"{pg_verify:,.0f} entries/s",
         f"{pg_read:,.0f} rows/s read only", ">= 200,000/s"),
        (f"verification, SQLite ({size:,} entries)", f"{lite_verify:,.0f} entries/s",
         f"{lite_read:,.0f} rows/s read only", ">= 200,000/s"),
    ]  # fmt: skip
    table = "\n".join("| " + " | ".join(r) + " |" for r in rows)
    return f"""### Audit log (hash chain): appends and verification

Command: `.venv/bin/python -m benchmarks audit`{flag}. PostgreSQL on the local server, a
fresh schema per run; events with a small details object. Medians of 3 runs. The machine
({os.cpu_count()} cores) was shared with other jobs: load average {load}; the database
server and the verifier share those cores, so rates are lower than on an idle machine.

| measure | Borderwatch | baseline (same run) | target |
|---|---|---|---|
{table}

One transaction per event is bounded by the commit (a WAL flush) and by the head-row lock
that serialises appenders; callers that record many events (pipeline decisions, purges)
use `record_many` in their own batch transaction. Read-only baseline: streaming every
column of the log through SQLAlchemy without hashing. The verifier reads four columns
through the driver in binary (`seq`, `prev_hash`, `hash` and the entry text built by the
database), as one streamed query on PostgreSQL, and makes one hashlib call per entry.
"""
