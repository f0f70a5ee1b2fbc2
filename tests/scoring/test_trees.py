"""Compiled trees against LightGBM itself."""

from __future__ import annotations

from pathlib import Path

import lightgbm as lgb
import numpy as np
import polars as pl
import pytest

from borderwatch.scoring import load
from borderwatch.scoring.features import FEATURES
from borderwatch.scoring.trees import CHUNK, Forest


def _rows(scorer_x: np.ndarray, seed: int) -> list[np.ndarray]:
    """Real rows, rows with random missing values and rows with random zeros."""
    rng = np.random.default_rng(seed)
    holes = np.where(rng.random(scorer_x.shape) < 0.2, np.nan, scorer_x)
    zeros = np.where(rng.random(scorer_x.shape) < 0.1, 0.0, scorer_x)
    return [scorer_x, holes, zeros]


def test_compiled_trees_equal_lightgbm(model_dir: Path, valid_table: pl.DataFrame) -> None:
    """The one-row path reaches LightGBM's leaves and is bit-identical to the batch path
    (the compiled walk, which gives the bits of LightGBM's predict in chunks of trees:
    ``test_walk.py``); Saabas contributions add up to the raw score minus the root values."""
    scorer, _ = load(model_dir)
    x = scorer.matrix(valid_table[:300], keep=False)
    forest, booster = scorer.forest, scorer.trained.booster
    for rows in _rows(x, 5):
        leaves = booster.predict(rows, pred_leaf=True).astype(int)
        n = leaves.shape[1]
        expected = forest.lookup[np.arange(n), leaves]
        assert all((forest.leaves(r)[:n] == e).all() for r, e in zip(rows, expected, strict=True))
        assert [forest.raw(r)[0] for r in rows] == list(forest.raw_batch(rows))
        if scorer.trained.revenue is not None:
            assert [forest.raw(r)[1] for r in rows] == list(forest.raw_batch(rows, 1))
    holes = _rows(x, 5)[1]
    for r in holes[:50]:
        raws, contributions = forest.explain(r)
        assert abs(contributions.sum() + forest.root_values.sum() - raws[0]) < 1e-9


def test_batch_contributions_equal_one_row(model_dir: Path, valid_table: pl.DataFrame) -> None:
    """The compiled batch credits every row's path as the one-row path does: the same bits,
    with missing values and zeros, and no row at all gives no row."""
    scorer, _ = load(model_dir)
    forest = scorer.forest
    x = scorer.matrix(valid_table[:300], keep=False)
    for rows in _rows(x, 9):
        batch = forest.contributions_batch(rows)
        assert batch.shape == (len(rows), forest.n_features)
        assert np.count_nonzero(batch) > len(rows)
        for r, b in zip(rows, batch, strict=True):
            assert np.array_equal(forest.contributions(r), b)
    assert forest.contributions_batch(x[:0]).shape == (0, forest.n_features)


def test_batch_raw_scores_equal_lightgbm(model_dir: Path, valid_table: pl.DataFrame) -> None:
    """Chunked batch raw scores match one LightGBM predict over all trees (to rounding)."""
    scorer, _ = load(model_dir)
    x = scorer.matrix(valid_table[:300], keep=False)
    forest, booster = scorer.forest, scorer.trained.booster
    for rows in _rows(x, 6):
        expected = booster.predict(rows, raw_score=True)
        np.testing.assert_allclose(forest.raw_batch(rows), expected, rtol=0, atol=1e-12)
    assert forest.raw_batch(x[:0]).shape == (0,)


@pytest.mark.parametrize("zero_as_missing", [False, True])
def test_several_chunks_of_trees(
    model_dir: Path, valid_table: pl.DataFrame, zero_as_missing: bool
) -> None:
    """A booster with more trees than one chunk (and 8 leaves; zeros as missing values or
    not): both paths still agree bit for bit, and the leaves are LightGBM's."""
    scorer, _ = load(model_dir)
    x = scorer.matrix(valid_table, keep=False)
    y = valid_table["label"].to_numpy()
    categorical = [i for i, f in enumerate(FEATURES) if f.categorical]
    train = np.where(np.random.default_rng(8).random(x.shape) < 0.1, 0.0, x)
    data = lgb.Dataset(train, y, categorical_feature=categorical)
    params = {"objective": "binary", "num_leaves": 8, "verbose": -1, "num_threads": 1}
    booster = lgb.train({**params, "zero_as_missing": zero_as_missing}, data, CHUNK * 2 + 7)
    forest = Forest(booster)
    for rows in _rows(x[:200], 7):
        leaves = booster.predict(rows, pred_leaf=True).astype(int)
        expected = forest.lookup[np.arange(leaves.shape[1]), leaves]
        assert all((forest.leaves(r) == e).all() for r, e in zip(rows, expected, strict=True))
        assert [forest.raw(r)[0] for r in rows] == list(forest.raw_batch(rows))
