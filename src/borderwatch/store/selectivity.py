"""Lane decisions, append-only: a re-assessment or an officer's override supersedes the live
row of a declaration (``superseded_at``) and inserts a new one naming who decided and why."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, Float, Index, String, Table, Text, text

from borderwatch.store.schema import Id, Json, Timestamp, metadata

decisions = Table(
    "decisions",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("source_id", String(64), nullable=False),
    Column("office", String(17), nullable=False),
    Column("declaration_type", String(16), nullable=False),
    Column("day", Date, nullable=False),
    Column("lodged_at", Timestamp, nullable=False),
    Column("lane", String(8), nullable=False),
    Column("risk_lane", String(8), nullable=False),
    Column("basis", String(16), nullable=False),
    Column("score", Float, nullable=False),
    Column("expected_value", Float, nullable=False),
    Column("random", Boolean, nullable=False),
    Column("overflow", Boolean, nullable=False),
    Column("aeo", Boolean, nullable=False),
    Column("reasons", Json, nullable=False),
    Column("versions", Json, nullable=False),
    Column("policy_version", String(64), nullable=False),
    Column("model_version", String(64)),
    Column("failed", Json, nullable=False),
    Column("run_id", String(32), nullable=False),
    Column("decided_at", Timestamp, nullable=False),
    Column("decided_by", String(64), nullable=False),
    Column("why", Text),
    Column("superseded_at", Timestamp),
    Index("ix_decisions_source_id", "source_id"),
    Index("ix_decisions_office_day", "office", "day"),
    Index(
        "uq_decisions_live",
        "source_id",
        unique=True,
        sqlite_where=text("superseded_at IS NULL"),
        postgresql_where=text("superseded_at IS NULL"),
    ),
)
