"""Model registry tables: registered model versions and the append-only activation log."""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, String, Table, Text

from borderwatch.store.schema import Id, Json, Timestamp, metadata

scoring_models = Table(
    "scoring_models",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("version", String(64), nullable=False, unique=True),
    Column("path", Text, nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("features", Json, nullable=False),
    Column("params", Json, nullable=False),
    Column("metrics", Json, nullable=False),
    Column("training_rows", Integer, nullable=False),
    Column("created_at", Timestamp, nullable=False),
    Column("created_by", String(64), nullable=False),
)

scoring_activations = Table(
    "scoring_activations",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("version", String(64), nullable=False),
    Column("action", String(16), nullable=False),
    Column("recorded_at", Timestamp, nullable=False),
    Column("recorded_by", String(64), nullable=False),
    Column("superseded_at", Timestamp),
    Index("ix_scoring_activations_version", "version"),
)
