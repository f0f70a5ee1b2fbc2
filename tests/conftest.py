"""Shared fixtures.

Fixture data sets:
- ``decl(...)`` (tests/factory.py): one valid canonical declaration as a dict; override any
  field by keyword. Use it for model, ingest and engine tests.
- The reference files shipped in ``borderwatch/reference/data`` (HS, UN/LOCODE, controlled
  goods): always available, no fixture needed.
- ``tests/fixtures/``: small files for format tests (KCS sample rows, list extracts).

Stores:
- ``sqlite_engine``: a migrated SQLite file in a temporary directory, for every store test.
- ``pg_engine``: a migrated PostgreSQL schema of its own, dropped afterwards. Marked
  ``postgres``; it needs ``BORDERWATCH_TEST_POSTGRES_URL`` (the Makefile sets the local
  server). Without a reachable server the tests skip, except under ``CI=true`` where they fail.
- ``engine``: parametrised over both, for tests that must hold on each back end.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from borderwatch.settings import get_settings
from borderwatch.store.engine import make_engine, migrate

PG_URL = os.environ.get(
    "BORDERWATCH_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _pg_reachable() -> str | None:
    """None when PostgreSQL answers, else the reason it does not."""
    if not PG_URL:
        return "BORDERWATCH_TEST_POSTGRES_URL is not set"
    try:
        probe = create_engine(PG_URL)
        with probe.connect() as conn:
            conn.execute(text("select 1"))
        probe.dispose()
    except Exception as exc:  # any connection failure means: no server here
        return f"PostgreSQL at {PG_URL} is not reachable: {exc.__class__.__name__}"
    return None


_PG_PROBLEM = _pg_reachable()


def pytest_report_header() -> str:
    if _PG_PROBLEM:
        return f"PostgreSQL tests: SKIPPED ({_PG_PROBLEM})"
    return "PostgreSQL tests: enabled"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _PG_PROBLEM:
        terminalreporter.write_line(
            f"NOTE: the PostgreSQL tests were skipped: {_PG_PROBLEM}", yellow=True, bold=True
        )


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test gets its own data directory and fresh settings."""
    monkeypatch.setenv("BORDERWATCH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("BORDERWATCH_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'store.db'}")
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """URL of a fresh PostgreSQL schema of this test's own."""
    if _PG_PROBLEM:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs PostgreSQL: {_PG_PROBLEM}")
        pytest.skip(_PG_PROBLEM)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def pg_engine(pg_url: str) -> Iterator[Engine]:
    engine = make_engine(pg_url)
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest) -> Engine:
    """A migrated store on each back end in turn."""
    name = "sqlite_engine" if request.param == "sqlite" else "pg_engine"
    return request.getfixturevalue(name)  # type: ignore[no-any-return]
