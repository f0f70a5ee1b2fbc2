"""Model directories: ``manifest.json`` (format, version, who/when, training-data fingerprint,
features, parameters, metrics), the LightGBM boosters as text, ``state.json`` (the
categorical vocabulary and the history state at the end of training) and ``drift.json``
(training distributions of the score and of every feature, for drift monitoring).

A directory written by another format version, or for a different feature list, is refused
with a clear error rather than scored wrongly.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lightgbm as lgb
import orjson
import polars as pl

from borderwatch.errors import Conflict, NotFound, SourceUnreadable
from borderwatch.scoring.drift import Profile
from borderwatch.scoring.features import NAMES
from borderwatch.scoring.history import ENTITIES, History, Key
from borderwatch.scoring.scorer import Scorer
from borderwatch.scoring.train import TrainConfig, Trained

FORMAT = "borderwatch-scoring/2"
"""Version 2: unit-value sums kept as quantised integers, drift reference in ``drift.json``."""


@dataclass(frozen=True)
class Manifest:
    """What a model directory says about itself."""

    format: str
    version: str
    created_at: str
    created_by: str
    fingerprint: str
    features: list[str]
    params: dict[str, Any]
    metrics: dict[str, float]
    calibration: tuple[float, float]
    training_rows: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return dict(self.__dict__)


def fingerprint(table: pl.DataFrame) -> str:
    """SHA-256 of the training table's content (flat schema, in order)."""
    return hashlib.sha256(table.write_csv().encode()).hexdigest()


def new_manifest(
    trained: Trained, table: pl.DataFrame, metrics: dict[str, float], created_by: str | None = None
) -> Manifest:
    """A manifest for a freshly trained model."""
    now = dt.datetime.now(dt.UTC)
    return Manifest(
        FORMAT,
        f"{now:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}",
        now.isoformat(),
        created_by or getpass.getuser(),
        fingerprint(table),
        list(NAMES),
        trained.config.to_dict(),
        metrics,
        trained.calibration,
        table.height,
    )


def _state(trained: Trained) -> dict[str, Any]:
    h = trained.history
    stats = {
        name: [[list(k) if isinstance(k, tuple) else k, s] for k, s in table.items()]
        for name, table in h.stats.items()
    }
    pending = [
        [d, [[n, list(k) if isinstance(k, tuple) else k] for n, k in keys], lab, rev]
        for d, keys, lab, rev in h.pending
    ]
    return {"vocab": trained.vocab, "prior": h.prior, "stats": stats, "pending": pending}


def save(trained: Trained, manifest: Manifest, directory: Path) -> Path:
    """Write the model directory (created if needed) and return it."""
    directory.mkdir(parents=True, exist_ok=True)
    trained.booster.save_model(str(directory / "model.txt"))
    if trained.revenue is not None:
        trained.revenue.save_model(str(directory / "revenue.txt"))
    (directory / "state.json").write_bytes(orjson.dumps(_state(trained)))
    reference = {name: p.to_dict() for name, p in trained.reference.items()}
    (directory / "drift.json").write_bytes(orjson.dumps(reference))
    (directory / "manifest.json").write_bytes(
        orjson.dumps(manifest.to_dict(), option=orjson.OPT_INDENT_2)
    )
    return directory


def read_manifest(directory: Path) -> Manifest:
    """The manifest of ``directory``, checked against this Borderwatch's format and features."""
    path = directory / "manifest.json"
    if not path.is_file():
        raise NotFound(
            f"{directory}: not a model directory (no manifest.json)", path=str(directory)
        )
    try:
        data = orjson.loads(path.read_bytes())
    except orjson.JSONDecodeError as exc:
        raise SourceUnreadable(f"{path}: not valid JSON: {exc}") from exc
    if data.get("format") != FORMAT:
        raise Conflict(
            f"{directory}: model format {data.get('format')!r} is not {FORMAT!r}; "
            "retrain the model with this version"
        )
    if data.get("features") != NAMES:
        raise Conflict(
            f"{directory}: the model's feature list differs from this version's; retrain the model"
        )
    data["calibration"] = tuple(data["calibration"])
    return Manifest(**data)


def _key(k: Any) -> Key:
    return (str(k[0]), str(k[1])) if isinstance(k, list) else str(k)


def load(directory: Path) -> tuple[Scorer, Manifest]:
    """A scorer with the model and the history state saved in ``directory``."""
    manifest = read_manifest(directory)
    try:
        state = orjson.loads((directory / "state.json").read_bytes())
        drift = orjson.loads((directory / "drift.json").read_bytes())
        booster = lgb.Booster(model_file=str(directory / "model.txt"))
        rev_path = directory / "revenue.txt"
        revenue = lgb.Booster(model_file=str(rev_path)) if rev_path.exists() else None
    except (OSError, orjson.JSONDecodeError, lgb.basic.LightGBMError) as exc:
        raise SourceUnreadable(f"{directory}: model files unreadable: {exc}") from exc
    params = dict(manifest.params)
    config = TrainConfig(**params)
    history = History(state["prior"], config.smoothing, config.label_delay_days)
    for name, _ in ENTITIES:
        history.stats[name].update((_key(k), s) for k, s in state["stats"][name])
    for d, keys, lab, rev in state["pending"]:
        history.pending.append((d, [(n, _key(k)) for n, k in keys], lab, rev))
    trained = Trained(booster, revenue, manifest.calibration, state["vocab"], history, config)
    trained.reference = {name: Profile(**p) for name, p in drift.items()}
    return Scorer(trained, manifest.version), manifest
