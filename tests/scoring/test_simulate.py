"""Selection-bias simulator: policies learn only from what they inspected."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl
import pytest

from borderwatch.errors import InvalidInput
from borderwatch.scoring.simchart import write_chart
from borderwatch.scoring.simulate import POLICIES, SimConfig, run_policy, simulate, summary

CONFIG = SimConfig(rate=0.1, retrain_every=2, warmup_weeks=2, rounds=10, label_delay_days=7)


def _timeline(train_table: pl.DataFrame) -> pl.DataFrame:
    """The 3,000 sample rows spread over ten weeks, in order."""
    n = train_table.height
    return train_table.with_columns(day=18262.0 + np.arange(n) * 70.0 / n)


def test_a_policy_never_uses_labels_it_did_not_inspect(train_table: pl.DataFrame) -> None:
    table = _timeline(train_table)
    weeks, inspected = run_policy(table, "explore-uncertain", CONFIG)
    label = table["label"].to_numpy()
    flipped = table.with_columns(label=pl.Series(np.where(inspected, label, 1 - label)))
    again, inspected_again = run_policy(flipped, "explore-uncertain", CONFIG)
    np.testing.assert_array_equal(inspected, inspected_again)
    assert [w["precision"] for w in weeks] == [w["precision"] for w in again]
    assert 0.08 < inspected.mean() < 0.12


def test_weekly_figures_are_relative_to_the_oracle(
    train_table: pl.DataFrame, tmp_path: Path
) -> None:
    weekly = simulate(_timeline(train_table), CONFIG)
    assert set(weekly["policy"]) == set(POLICIES) and weekly["week"].max() == 9
    for measure in ("precision", "recall", "revenue"):
        ratio = weekly[f"{measure}_vs_oracle"].drop_nans()
        assert ((ratio >= 0) & (ratio <= 1 + 1e-9)).all(), measure
    table = summary(weekly, CONFIG.warmup_weeks)
    assert table["weeks"].to_list() == [8, 8, 8]
    assert write_chart(weekly, tmp_path / "sim.png", 0.1).stat().st_size > 10_000


def test_simulation_needs_labels(train_table: pl.DataFrame) -> None:
    unlabelled = train_table.with_columns(label=pl.lit(None, pl.Int8))
    with pytest.raises(InvalidInput, match="labels"):
        simulate(unlabelled, CONFIG)
