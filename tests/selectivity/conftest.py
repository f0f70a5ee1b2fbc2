"""Selectivity fixtures: generated trade with planted threats (borderwatch.synth, seed 11), a
small model trained once per session on its first half, and fresh assessors over it (each
assessor keeps point-in-time history, so every test builds its own)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from borderwatch.cli.synth import shipped_watchlist
from borderwatch.model import Declaration, validate_declaration
from borderwatch.scoring import TrainConfig, table_of, train_model
from borderwatch.selectivity import Assessor, Policy, build_assessor, load_policy, parse_policy
from borderwatch.synth import generate

TRAIN, ASSESS = 3000, 1500


@pytest.fixture(scope="session")
def records() -> list[dict[str, Any]]:
    return list(generate(TRAIN + ASSESS, seed=11, days=60, threat_rate=0.02,
                         watchlist=shipped_watchlist()))  # fmt: skip


@pytest.fixture(scope="session")
def fresh(records: list[dict[str, Any]]) -> list[Declaration]:
    """The declarations to assess (after the training period), validated."""
    return [validate_declaration(r) for r in records[TRAIN:]]


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory: pytest.TempPathFactory, records: list[dict[str, Any]]) -> Path:
    out = tmp_path_factory.mktemp("selectivity-model")
    table = table_of(validate_declaration(r) for r in records[:TRAIN])
    table = table.filter(table["label"].is_not_null())  # inspected declarations only
    train_model(table, out, TrainConfig(rounds=30), created_by="tester")
    return out


def policy_with(**office: Any) -> Policy:
    """The shipped policy with default office fields replaced (capacity merged)."""
    base = load_policy().model_dump(mode="json")
    base["default"].update(office)
    base["offices"] = {}
    return parse_policy(base)


@pytest.fixture
def make(model_dir: Path) -> Callable[..., Assessor]:
    def factory(policy: Policy | None = None, **kwargs: Any) -> Assessor:
        kwargs.setdefault("model_dir", model_dir)
        return build_assessor(policy=policy or load_policy(), **kwargs)

    return factory
