"""Login (OAuth2 password flow, argon2 hashes, JWT), rate limiting, demo users."""

from __future__ import annotations

import time

import pytest
from joserfc import jwt
from joserfc.jwk import OctKey
from sqlalchemy import Engine, select

from borderwatch.api import install_demo_users
from borderwatch.api.security import MAX_FAILURES
from borderwatch.app import create_app
from borderwatch.errors import Forbidden
from borderwatch.settings import Settings
from borderwatch.store.users import login_attempts, users
from tests.api.conftest import TestClient, assert_error, login


def test_login_issues_a_token_naming_the_user_and_role(client: TestClient) -> None:
    me = client.get("/auth/me", headers=login(client, "targeter")).json()
    assert me["username"] == "targeter"
    assert me["role"] == "targeting_officer"
    assert me["office"] == "NLRTM001"
    assert "queue.work" in me["permissions"] and "audit.read" not in me["permissions"]


def test_passwords_are_stored_as_argon2_hashes(client: TestClient, engine: Engine) -> None:
    with engine.connect() as conn:
        stored = conn.execute(select(users.c.password_hash).where(users.c.username == "analyst"))
        value = stored.scalar_one()
    assert value.startswith("$argon2id$") and "pw-analyst" not in value


def test_a_wrong_password_is_refused_and_recorded(client: TestClient, engine: Engine) -> None:
    response = client.post("/auth/token", data={"username": "analyst", "password": "nope"})
    assert_error(response, 401, "unauthenticated")
    assert_error(
        client.post("/auth/token", data={"username": "ghost", "password": "x"}),
        401,
        "unauthenticated",
    )
    with engine.connect() as conn:
        rows = conn.execute(select(login_attempts.c.username, login_attempts.c.ok)).all()
    assert ("analyst", False) in [tuple(r) for r in rows]


def test_repeated_failures_are_rate_limited_even_with_the_right_password(
    client: TestClient,
) -> None:
    for _ in range(MAX_FAILURES):
        bad = client.post("/auth/token", data={"username": "auditor", "password": "guess"})
        assert bad.status_code == 401
    response = client.post("/auth/token", data={"username": "auditor", "password": "pw-auditor"})
    body = assert_error(response, 429, "too_many_requests")
    assert int(response.headers["Retry-After"]) == body["details"]["retry_after"] > 0


def test_forged_and_expired_tokens_are_refused(client: TestClient, settings: Settings) -> None:
    now = int(time.time())
    forged = jwt.encode({"alg": "HS256"}, {"sub": "analyst", "exp": now + 60},
                        OctKey.import_key(b"another-secret-of-enough-length-x"))  # fmt: skip
    expired = jwt.encode({"alg": "HS256"}, {"sub": "analyst", "exp": now - 60},
                         OctKey.import_key(settings.secret_key.encode()))  # fmt: skip
    for token in (forged, expired):
        response = client.get("/auth/me", headers={"Authorization": f"Bearer {token}"})
        assert_error(response, 401, "unauthenticated")


def test_demo_users_are_refused_outside_demo_mode(
    sqlite_engine: Engine, settings: Settings
) -> None:
    with pytest.raises(Forbidden):
        install_demo_users(sqlite_engine, settings)
    demo = settings.model_copy(update={"mode": "demo"})
    created = install_demo_users(sqlite_engine, demo)
    user = created[0]
    form = {"username": user.principal.username, "password": user.password}
    with TestClient(create_app(demo, sqlite_engine)) as client:
        assert client.post("/auth/token", data=form).status_code == 200
    with TestClient(create_app(settings, sqlite_engine)) as client:
        body = assert_error(client.post("/auth/token", data=form), 401, "unauthenticated")
    assert "demo" in body["message"]
