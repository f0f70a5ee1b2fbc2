"""Every error, whatever raised it, has the one body shape ``{error, message, details}``."""

from __future__ import annotations

from borderwatch.app import create_app
from borderwatch.settings import Settings
from tests.api.conftest import TestClient, assert_error, login


def test_unauthenticated_forbidden_missing_and_invalid_share_one_shape(
    client: TestClient,
) -> None:
    assert_error(client.get("/declarations"), 401, "unauthenticated")
    partner = login(client, "partner")
    assert_error(client.get("/declarations", headers=partner), 403, "forbidden")
    analyst = login(client, "analyst")
    assert_error(client.get("/declarations/NOPE", headers=analyst), 404, "not_found")
    assert_error(client.get("/no/such/path"), 404, "not_found")
    assert_error(client.delete("/assess"), 405, "method_not_allowed")
    body = assert_error(
        client.get("/declarations?limit=0&offset=-1", headers=analyst), 422, "invalid_input"
    )
    assert {e["path"] for e in body["details"]["errors"]} == {"limit", "offset"}


def test_an_unexpected_failure_is_an_internal_error_without_internals(
    settings: Settings, sqlite_engine: object
) -> None:
    app = create_app(settings, sqlite_engine)  # type: ignore[arg-type]

    def boom() -> None:
        raise RuntimeError("secret detail")

    app.add_api_route("/boom", boom)
    with TestClient(app, raise_server_exceptions=False) as client:
        body = assert_error(client.get("/boom"), 500, "internal")
    assert "secret" not in body["message"]


def test_a_bad_token_is_unauthenticated_with_a_bearer_challenge(client: TestClient) -> None:
    response = client.get("/auth/me", headers={"Authorization": "Bearer not.a.token"})
    assert_error(response, 401, "unauthenticated")
    assert response.headers["WWW-Authenticate"] == "Bearer"
