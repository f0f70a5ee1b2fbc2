"""Property-based run of every operation of the OpenAPI schema: no input makes a server
error, and every error keeps the one body shape."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from borderwatch.app import create_app
from borderwatch.settings import Settings
from borderwatch.store import make_engine, migrate
from tests.api.conftest import TestClient, add_users, login

pytestmark = pytest.mark.slow
_TOKENS: dict[str, dict[str, str]] = {}


def _check(case: Any) -> None:
    user = "supervisor" if case.path.startswith(("/cases", "/queue")) else "analyst"
    response = case.call(headers=_TOKENS[user])
    case.validate_response(response, checks=[not_a_server_error])
    if response.status_code >= 400 and "json" in response.headers.get("content-type", ""):
        assert set(response.json()) == {"error", "message", "details"}


def test_no_input_makes_a_server_error(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'store.db'}")
    migrate(engine)
    add_users(engine)
    app = create_app(Settings(data_dir=tmp_path, mode="development"), engine)
    with TestClient(app) as client:
        for name in ("analyst", "supervisor"):
            _TOKENS[name] = login(client, name)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    for operation in operations:
        run = given(case=operation.as_strategy())(_check)
        settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))(run)()
    engine.dispose()
