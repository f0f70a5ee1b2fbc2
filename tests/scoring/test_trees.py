"""Compiled trees against LightGBM itself."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl

from borderwatch.scoring import load


def test_compiled_trees_equal_lightgbm(model_dir: Path, valid_table: pl.DataFrame) -> None:
    """Bit-identical raw scores on real rows and on rows with random missing values and
    zeros; Saabas contributions add up to the raw score minus the root values."""
    scorer, _ = load(model_dir)
    x = scorer.matrix(valid_table[:300], keep=False)
    rng = np.random.default_rng(5)
    holes = np.where(rng.random(x.shape) < 0.2, np.nan, x)
    zeros = np.where(rng.random(x.shape) < 0.1, 0.0, x)
    forest, booster = scorer.forest, scorer.trained.booster
    for rows in (x, holes, zeros):
        expected = booster.predict(rows, raw_score=True)
        assert [forest.raw(r)[0] for r in rows] == list(expected)
        revenue = scorer.trained.revenue
        if revenue is not None:
            assert [forest.raw(r)[1] for r in rows] == list(revenue.predict(rows))
    for r in holes[:50]:
        raws, contributions = forest.explain(r)
        assert abs(contributions.sum() + forest.root_values.sum() - raws[0]) < 1e-9


def test_batch_raw_scores_equal_lightgbm(model_dir: Path, valid_table: pl.DataFrame) -> None:
    """The batch path (LightGBM's leaves, summed in tree order) is bit-identical too."""
    scorer, _ = load(model_dir)
    x = scorer.matrix(valid_table[:300], keep=False)
    holes = np.where(np.random.default_rng(6).random(x.shape) < 0.2, np.nan, x)
    forest, booster = scorer.forest, scorer.trained.booster
    for rows in (x, holes):
        assert list(forest.raw_batch(rows)) == list(booster.predict(rows, raw_score=True))
    assert forest.raw_batch(x[:0]).shape == (0,)
