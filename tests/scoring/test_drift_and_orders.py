"""Drift against the stored training reference, ranking orders and unseen codes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl
import pytest

from borderwatch.errors import InvalidInput
from borderwatch.scoring import TrainConfig, load, score_one, train_model
from borderwatch.scoring.service import drift_table, evaluate_table, score_table
from borderwatch.scoring.table import rows


def test_drift_is_low_on_similar_data_and_high_on_shifted_data(
    model_dir: Path, train_table: pl.DataFrame
) -> None:
    same = drift_table(model_dir, train_table[2500:])
    assert {"score", "tax_rate", "importer_count"} <= set(same["name"])
    tax_same = same.filter(pl.col("name") == "tax_rate")["psi"][0]
    shifted = drift_table(model_dir, train_table[2500:].with_columns(pl.col("tax_rate") * 10 + 7))
    tax_shifted = shifted.filter(pl.col("name") == "tax_rate")
    assert tax_same < 0.1 < tax_shifted["psi"][0] and tax_shifted["level"][0] == "act"


def test_expected_revenue_order(model_dir: Path, valid_table: pl.DataFrame) -> None:
    by_p, _ = score_table(model_dir, valid_table)
    by_rev, _ = score_table(model_dir, valid_table, by="expected-revenue")
    assert (by_rev["score"] >= 0).all() and not by_p["score"].equals(by_rev["score"])
    metrics = evaluate_table(model_dir, valid_table, by="expected-revenue")
    assert 0 <= metrics["revenue@10%"] <= 1
    with pytest.raises(InvalidInput, match="order"):
        score_table(model_dir, valid_table, by="value")


def test_unseen_codes_warn_or_fail_in_strict_mode(
    model_dir: Path, valid_table: pl.DataFrame
) -> None:
    odd = valid_table[:20].with_columns(
        office=pl.when(pl.int_range(20) < 3).then(pl.lit("X9")).otherwise(pl.col("office"))
    )
    scores, unseen = score_table(model_dir, odd)
    assert scores.height == 20
    assert unseen.filter(pl.col("column") == "office")["value"].to_list() == ["X9"] * 3
    with pytest.raises(InvalidInput) as info:
        score_table(model_dir, odd, strict=True)
    assert info.value.errors[0].path.endswith(":office")
    scorer, _ = load(model_dir)
    result = score_one(scorer, rows(odd)[0])
    assert any("office 'X9' not seen in training" in w for w in result.warnings)
    assert np.isfinite(result.probability)


def test_training_refuses_a_calibration_window_with_one_outcome(
    train_table: pl.DataFrame, tmp_path: Path
) -> None:
    tail = int(train_table.height * 0.15) + 1
    label = pl.int_range(pl.len()) < pl.len() - tail
    table = train_table.with_columns(label=pl.when(label).then(pl.col("label")).otherwise(0))
    with pytest.raises(InvalidInput, match="calibration needs both outcomes") as info:
        train_model(table, tmp_path, TrainConfig(rounds=5), created_by="tester")
    assert info.value.errors[0].reason == "is constant"
    assert not any(tmp_path.iterdir())
