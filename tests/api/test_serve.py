"""``borderwatch serve --demo`` is refused in production mode."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from borderwatch.cli import app


def test_demo_serving_is_refused_in_production(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BORDERWATCH_MODE", "production")
    monkeypatch.setenv("BORDERWATCH_SECRET_KEY", "a-real-secret-for-this-test-only-0123")
    result = CliRunner().invoke(app, ["serve", "--demo"])
    assert result.exit_code != 0
    assert "refused in production" in str(result.exception)
