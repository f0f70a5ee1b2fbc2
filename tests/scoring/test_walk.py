"""The compiled batch walk against LightGBM's own predict."""

from __future__ import annotations

from pathlib import Path

import lightgbm as lgb
import numpy as np
import polars as pl
import pytest

from borderwatch.scoring import load
from borderwatch.scoring.trees import CHUNK, Forest


def _random_data(seed: int, n: int = 3000) -> tuple[np.ndarray, np.ndarray]:
    """Three numerical features (one mostly integers, so zeros are common) and two
    categorical ones, about 10% NaN and 10% zeros, and a label depending on all of them."""
    rng = np.random.default_rng(seed)
    x = np.column_stack(
        [
            rng.normal(size=n),
            rng.integers(-3, 4, n).astype(float),
            rng.exponential(size=n),
            rng.integers(0, 12, n).astype(float),
            rng.integers(0, 40, n).astype(float),
        ]
    )
    x[rng.random(x.shape) < 0.1] = 0.0
    x[rng.random(x.shape) < 0.1] = np.nan
    signal = np.nan_to_num(x[:, 0] - 0.5 * x[:, 1] + x[:, 2]) + np.isin(x[:, 3], [2, 5, 7])
    y = (signal + rng.normal(size=n) > 0.8 + 0.3 * np.isnan(x[:, 4])).astype(float)
    return x, y


def _probes(x: np.ndarray, seed: int) -> np.ndarray:
    """The data, plus rows with codes never seen in training, negative and fractional codes,
    NaN, zeros, signed zeros and values on either side of zero's threshold."""
    rng = np.random.default_rng(seed)
    odd = x[:500].copy()
    specials = np.array([np.nan, 0.0, -0.0, 1e-36, -1e-36, -1.0, -0.5, 0.5, 99.0, 1e9, 2.7])
    mask = rng.random(odd.shape) < 0.3
    odd[mask] = rng.choice(specials, size=int(mask.sum()))
    return np.vstack([x, odd, np.full((1, x.shape[1]), np.nan), np.zeros((1, x.shape[1]))])


@pytest.mark.parametrize(
    ("zero_as_missing", "use_missing"), [(False, True), (True, True), (False, False)]
)
def test_walk_equals_lightgbm_on_random_data(zero_as_missing: bool, use_missing: bool) -> None:
    """Missing types None, Zero and NaN, categorical splits (a missing or unknown category
    goes right), more trees than one chunk: raw scores within 1e-9 of LightGBM's, and
    bit-identical to the one-row path."""
    x, y = _random_data(11)
    params = {
        "objective": "binary",
        "num_leaves": 15,
        "min_data_in_leaf": 5,
        "cat_smooth": 1.0,
        "min_data_per_group": 5,
        "verbose": -1,
        "num_threads": 1,
        "zero_as_missing": zero_as_missing,
        "use_missing": use_missing,
    }
    data = lgb.Dataset(x, y, categorical_feature=[3, 4])
    booster = lgb.train(params, data, CHUNK * 2 + 13)
    forest = Forest(booster)
    dumped = booster.dump_model()["tree_info"]
    assert any("==" in str(t) for t in dumped), "the model has categorical splits"
    rows = _probes(x, 12)
    expected = booster.predict(rows, raw_score=True)
    got = forest.raw_batch(rows)
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-9)
    assert list(got) == [forest.raw(r)[0] for r in rows]


def test_walk_equals_lightgbm_on_the_scoring_model(
    model_dir: Path, valid_table: pl.DataFrame
) -> None:
    """Both boosters of the real scoring model, on real rows and on rows with NaNs and zeros:
    within 1e-9 of one LightGBM predict, and the same bits as LightGBM in chunks."""
    scorer, _ = load(model_dir)
    x = scorer.matrix(valid_table, keep=False)
    rng = np.random.default_rng(13)
    holes = np.where(rng.random(x.shape) < 0.2, np.nan, x)
    zeros = np.where(rng.random(x.shape) < 0.1, 0.0, x)
    boosters = [scorer.trained.booster, scorer.trained.revenue]
    for model, booster in enumerate(b for b in boosters if b is not None):
        for rows in (x, holes, zeros, np.asfortranarray(holes), holes.astype(np.float32)):
            got = scorer.forest.raw_batch(rows, model)
            expected = booster.predict(rows, raw_score=True)
            np.testing.assert_allclose(got, expected, rtol=0, atol=1e-9)
        for rows in (x, holes, zeros):
            assert list(scorer.forest.raw_batch(rows, model)) == list(
                scorer.forest.lightgbm_batch(rows, model)
            )
