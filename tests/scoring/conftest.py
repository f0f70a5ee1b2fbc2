"""Scoring fixtures: the shipped KCS sample (tests/fixtures/kcs) and a small model trained on
it once per session (few rounds, so tests stay fast)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from borderwatch.scoring import TrainConfig, train_model
from borderwatch.scoring.kcs import read_kcs

KCS = Path(__file__).resolve().parents[1] / "fixtures" / "kcs"
TRAIN = KCS / "train_2020_head3000.csv"
VALID = KCS / "valid_2021q1_head1000.csv"
SMALL = TrainConfig(rounds=40)


@pytest.fixture(scope="session")
def train_table() -> pl.DataFrame:
    return read_kcs(TRAIN, labelled=True)


@pytest.fixture(scope="session")
def valid_table() -> pl.DataFrame:
    return read_kcs(VALID, labelled=True)


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory: pytest.TempPathFactory, train_table: pl.DataFrame) -> Path:
    out = tmp_path_factory.mktemp("model")
    train_model(train_table, out, SMALL, created_by="tester")
    return out
