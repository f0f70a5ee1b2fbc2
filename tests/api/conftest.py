"""API fixtures: the real application over a migrated store (SQLite and PostgreSQL in turn),
users of every role, and helpers to log in and to store declarations and decisions.

- ``client``: a TestClient of ``create_app`` over ``engine``, with the users of ``USERS``
  (password ``pw-<name>``) at office ``NLRTM001`` unless noted.
- ``login(client, name)``: the ``Authorization`` header of a fresh token.
- ``store_declarations(engine, *decls)`` and ``store_decision(engine, ...)``: real rows.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import orjson
import pytest
from starlette.exceptions import StarletteDeprecationWarning

with warnings.catch_warnings():  # Starlette prefers httpx2 for its test client; httpx works
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient
from sqlalchemy import Engine

from borderwatch.api import hash_password
from borderwatch.app import create_app
from borderwatch.ingest import JsonlReader, ingest
from borderwatch.model.decisions import Basis, Decision, DecisionReason, Lane, ReasonKind, Versions
from borderwatch.selectivity import save_decisions
from borderwatch.settings import Settings
from borderwatch.store.users import Principal, Role, add_office, add_user

OFFICE = "NLRTM001"
OTHER = "NLAMS001"
USERS: dict[str, tuple[Role, str | None]] = {
    "targeter": (Role.TARGETING_OFFICER, OFFICE),
    "inspector": (Role.INSPECTING_OFFICER, OFFICE),
    "supervisor": (Role.SUPERVISOR, OFFICE),
    "analyst": (Role.ANALYST, None),
    "analyst2": (Role.ANALYST, None),
    "auditor": (Role.AUDITOR, None),
    "partner": (Role.PARTNER, None),
    "elsewhere": (Role.TARGETING_OFFICER, OTHER),
}


@cache
def _hash(password: str) -> str:
    return hash_password(password)


def add_users(engine: Engine) -> None:
    """The offices and the users of :data:`USERS`."""
    add_office(engine, OFFICE, "Rotterdam")
    add_office(engine, OTHER, "Schiphol")
    for name, (role, office) in USERS.items():
        add_user(engine, Principal(name, name.title(), role, office), _hash(f"pw-{name}"))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", mode="development")


@pytest.fixture
def client(engine: Engine, settings: Settings) -> Iterator[TestClient]:
    add_users(engine)
    with TestClient(create_app(settings, engine)) as test_client:
        yield test_client


def login(client: TestClient, name: str) -> dict[str, str]:
    response = client.post("/auth/token", data={"username": name, "password": f"pw-{name}"})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def store_declarations(engine: Engine, tmp_path: Path, *decls: dict[str, Any]) -> None:
    path = tmp_path / f"decls-{len(list(tmp_path.iterdir()))}.jsonl"
    path.write_bytes(b"\n".join(orjson.dumps(d) for d in decls) + b"\n")
    report = ingest(engine, JsonlReader(path, 1_048_576))
    assert report.accepted == len(decls)


def decision(source_id: str, lane: Lane, score: float, office: str = OFFICE,
             basis: Basis = Basis.RISK) -> Decision:  # fmt: skip
    reason = DecisionReason(ReasonKind.SCREENING, "un:QDi.001", "2024-01", "matched 'ACME'", 0.9)
    return Decision(
        source_id, office, "import", dt.datetime(2024, 3, 1, 10, tzinfo=dt.UTC), lane, lane,
        basis, score, score, False, False, False, (reason,), Versions("p1", "r1", None, {}),
    )  # fmt: skip


def store_decisions(engine: Engine, *decisions: Decision) -> None:
    with engine.begin() as conn:
        save_decisions(conn, list(decisions), "run-1")


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    """The response is the one error body with ``status`` and ``code``."""
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert set(body) == {"error", "message", "details"}
    assert body["error"] == code
    assert isinstance(body["message"], str) and body["message"]
    assert isinstance(body["details"], dict)
    return body
