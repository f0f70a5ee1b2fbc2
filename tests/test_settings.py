"""Settings: environment overrides, refusal of default secrets in production, docs in step."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from borderwatch.settings import DEFAULT_SECRET, Settings, get_settings

DOC = Path(__file__).resolve().parents[1] / "docs" / "settings.md"


def test_every_setting_is_documented_with_its_meaning() -> None:
    doc = DOC.read_text()
    for name, field in Settings.model_fields.items():
        assert f"`BORDERWATCH_{name.upper()}`" in doc, name
        assert field.description and field.description in doc, name
    documented = {line.split("`")[1] for line in doc.splitlines() if line.startswith("| `BORD")}
    assert documented == {f"BORDERWATCH_{n.upper()}" for n in Settings.model_fields}


def test_environment_overrides_and_default_store_is_sqlite_in_data_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BORDERWATCH_DATA_DIR", str(tmp_path / "x"))
    monkeypatch.setenv("BORDERWATCH_INGEST_BATCH_SIZE", "17")
    get_settings.cache_clear()
    settings = get_settings()
    assert settings.ingest_batch_size == 17
    assert settings.store_url == f"sqlite:///{tmp_path / 'x' / 'borderwatch.db'}"


def test_default_secret_is_refused_in_production(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BORDERWATCH_MODE", "production")
    with pytest.raises(ValidationError, match="SECRET_KEY must be set"):
        Settings()
    monkeypatch.setenv("BORDERWATCH_SECRET_KEY", "a-real-secret")
    assert Settings().secret_key != DEFAULT_SECRET
