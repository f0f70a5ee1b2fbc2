"""Model registry on SQLite and PostgreSQL, the 0030 migration, and drift (PSI)."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import orjson
import pytest
from alembic import command
from sqlalchemy import Engine

from borderwatch.errors import Conflict, NotFound
from borderwatch.scoring import registry
from borderwatch.scoring.drift import psi
from borderwatch.store.engine import alembic_config, table_names


def _copy(model_dir: Path, tmp_path: Path, version: str) -> Path:
    out = tmp_path / version
    shutil.copytree(model_dir, out)
    manifest = orjson.loads((out / "manifest.json").read_bytes())
    (out / "manifest.json").write_bytes(orjson.dumps({**manifest, "version": version}))
    return out


def test_activate_and_roll_back_append_only(
    engine: Engine, model_dir: Path, tmp_path: Path
) -> None:
    registry.register(engine, _copy(model_dir, tmp_path, "v1"))
    registry.register(engine, _copy(model_dir, tmp_path, "v2"))
    with pytest.raises(Conflict):
        registry.register(engine, _copy(model_dir, tmp_path / "again", "v1"))
    with pytest.raises(NotFound):
        registry.activate(engine, "v9", "ana")
    assert registry.active(engine) is None
    registry.activate(engine, "v1", "ana")
    registry.activate(engine, "v2", "bob")
    assert registry.active(engine) == "v2"
    assert registry.rollback(engine, "cyd") == "v1"
    assert registry.active(engine) == "v1"
    log = registry.history(engine)
    assert [(r["version"], r["action"], r["recorded_by"]) for r in log] == [
        ("v1", "activate", "ana"),
        ("v2", "activate", "bob"),
        ("v1", "rollback", "cyd"),
    ]
    assert [r["superseded_at"] is None for r in log] == [False, False, True]


def test_migration_downgrades(sqlite_engine: Engine) -> None:
    assert {"scoring_models", "scoring_activations"} <= table_names(sqlite_engine)
    cfg = alembic_config()
    with sqlite_engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0030@-1")
    assert not {"scoring_models", "scoring_activations"} & table_names(sqlite_engine)


def test_psi_is_zero_for_the_same_population_and_grows_with_shift() -> None:
    rng = np.random.default_rng(1)
    ref = rng.normal(size=5000)
    assert psi(ref, rng.normal(size=5000)) < 0.02
    assert psi(ref, rng.normal(1.0, size=5000)) > 0.25
    assert psi(ref, np.full(100, np.nan)) > 1
