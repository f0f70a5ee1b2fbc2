"""Feature definitions and point-in-time history."""

from __future__ import annotations

import math

import numpy as np
import polars as pl
import pytest

from borderwatch.errors import InvalidInput
from borderwatch.scoring.columnar import matrix
from borderwatch.scoring.features import FEATURES, NAMES, build_vocabulary
from borderwatch.scoring.history import History
from borderwatch.scoring.table import FlatRow, rows
from borderwatch.scoring.train import feature_matrix

from .factory import random_table


def test_every_feature_is_explained() -> None:
    assert len(set(NAMES)) == len(NAMES)
    for feature in FEATURES:
        assert len(feature.description) > 20, feature.name


def _features(flat: list[FlatRow], delay: float = 0.0) -> np.ndarray:
    history = History(0.2, 20.0, delay)
    return feature_matrix(flat, history, build_vocabulary(flat), learn=True)


def test_later_rows_never_change_earlier_features(train_table: pl.DataFrame) -> None:
    flat = rows(train_table)[:1500]
    cut = 900
    full = _features(flat)
    changed = [r._replace(label=1 - (r.label or 0), value=r.value * 3) for r in flat[cut:]]
    altered = _features(flat[:cut] + changed)
    prefix = _features(flat[:cut])
    np.testing.assert_array_equal(full[:cut], prefix)
    np.testing.assert_array_equal(altered[:cut], prefix)
    assert not np.array_equal(full[cut:], altered[cut:], equal_nan=True)


def test_a_row_never_sees_its_own_or_same_day_labels(train_table: pl.DataFrame) -> None:
    flat = rows(train_table)[:800]
    last_day = flat[-1].day
    flipped = [r._replace(label=1 - (r.label or 0)) if r.day == last_day else r for r in flat]
    base, other = _features(flat), _features(flipped)
    np.testing.assert_array_equal(base, other)


def test_label_delay_hides_recent_labels() -> None:
    def row(i: int, day: float, label: int) -> FlatRow:
        return FlatRow(
            f"D{i}",
            day,
            "IMP",
            "DEC",
            None,
            None,
            "847130",
            "CN",
            "CN",
            "1",
            "10",
            None,
            None,
            None,
            None,
            None,
            None,
            10.0,
            100.0,
            5.0,
            label,
            0.0,
        )

    flat = [row(0, 0.0, 1), row(1, 5.0, 0), row(2, 40.0, 0)]
    x = _features(flat, delay=30.0)
    labelled = NAMES.index("importer_labelled")
    count = NAMES.index("importer_count")
    assert list(x[:, count]) == [0.0, 1.0, 2.0]
    assert list(x[:, labelled]) == [0.0, 0.0, 2.0]
    age = x[2, NAMES.index("importer_age_days")]
    assert age == 40.0 and math.isnan(x[0, NAMES.index("importer_age_days")])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_vectorised_features_equal_the_incremental_path(
    train_table: pl.DataFrame, valid_table: pl.DataFrame, seed: int
) -> None:
    """Oracle: training (labels learned) then scoring, row by row against vectorised, from
    the same history state; also the history state each leaves behind."""
    table = random_table(train_table, valid_table, 1200, seed)
    first, second = table[:800], table[800:]
    vocab = build_vocabulary(rows(first))
    slow, fast = History(0.2, 20.0, 3.0), History(0.2, 20.0, 3.0)
    expected = feature_matrix(rows(first), slow, vocab, learn=True)
    np.testing.assert_array_equal(matrix(first, fast, vocab, learn=True, keep=True), expected)
    assert slow.stats == fast.stats and list(slow.pending) == list(fast.pending)
    expected = feature_matrix(rows(second), slow, vocab, learn=False)
    np.testing.assert_array_equal(matrix(second, fast, vocab, learn=False, keep=False), expected)


def test_batch_rows_must_be_in_lodging_order(train_table: pl.DataFrame) -> None:
    shuffled = train_table[:50].reverse()
    with pytest.raises(InvalidInput, match="lodging order"):
        matrix(shuffled, History(0.2), build_vocabulary(rows(shuffled)), False, False)


@pytest.mark.parametrize("seed", [4, 5, 6])
def test_a_kept_scored_batch_leaves_the_history_of_the_row_by_row_path(
    train_table: pl.DataFrame, valid_table: pl.DataFrame, seed: int
) -> None:
    """Oracle: after training, a batch scored with ``keep`` (grouped by key) leaves the same
    statistics, key order and queued labels as scoring its rows one by one, and the next
    batch sees the same features from it."""
    table = random_table(train_table, valid_table, 1500, seed)
    first, second, third = table[:700], table[700:1200], table[1200:]
    vocab = build_vocabulary(rows(first))
    slow, fast = History(0.2, 20.0, 3.0), History(0.2, 20.0, 3.0)
    feature_matrix(rows(first), slow, vocab, learn=True)
    matrix(first, fast, vocab, learn=True, keep=True)
    expected = feature_matrix(rows(second), slow, vocab, learn=False)
    np.testing.assert_array_equal(matrix(second, fast, vocab, learn=False, keep=True), expected)
    for name in slow.stats:
        assert list(slow.stats[name].items()) == list(fast.stats[name].items()), name
    assert list(slow.pending) == list(fast.pending)
    expected = feature_matrix(rows(third), slow, vocab, learn=False)
    np.testing.assert_array_equal(matrix(third, fast, vocab, learn=False, keep=False), expected)
