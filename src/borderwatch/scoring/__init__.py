"""ML risk scoring: point-in-time features, a calibrated LightGBM model with TreeSHAP reason
codes, a model registry, drift monitoring and a selection-bias simulator.

Stable API: :func:`train_model`, :func:`load`, :func:`score_one`, :func:`score_batch`.
"""

from borderwatch.scoring.artefact import Manifest, load
from borderwatch.scoring.canonical import flat_row
from borderwatch.scoring.scorer import Scorer
from borderwatch.scoring.service import (
    evaluate_table,
    read_table,
    score_batch,
    score_one,
    score_table,
    table_of,
    train_model,
)
from borderwatch.scoring.table import FlatRow
from borderwatch.scoring.train import TrainConfig, train

__all__ = [
    "FlatRow",
    "Manifest",
    "Scorer",
    "TrainConfig",
    "evaluate_table",
    "flat_row",
    "load",
    "read_table",
    "score_batch",
    "score_one",
    "score_table",
    "table_of",
    "train",
    "train_model",
]
