"""Tables of the rule engine: rule versions, lifecycle states and weekly performance.

All three are append-only. A new version of a rule is a new ``rule_versions`` row; a state
change supersedes the live ``rule_states`` row of that version (``superseded_at``) and
inserts a new one naming who, when and why; a recomputed week of ``rule_performance``
supersedes the earlier figures.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Float,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

from borderwatch.store.schema import Id, Json, Timestamp, metadata

rule_versions = Table(
    "rule_versions",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("rule_id", String(48), nullable=False),
    Column("version", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("expression", Text, nullable=False),
    Column("spec", Json, nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("created_at", Timestamp, nullable=False),
    Column("reason", Text, nullable=False),
    UniqueConstraint("rule_id", "version"),
)

rule_states = Table(
    "rule_states",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("rule_id", String(48), nullable=False),
    Column("version", Integer, nullable=False),
    Column("state", String(16), nullable=False),
    Column("shadow", Boolean, nullable=False),
    Column("changed_by", String(64), nullable=False),
    Column("changed_at", Timestamp, nullable=False),
    Column("reason", Text, nullable=False),
    Column("superseded_at", Timestamp),
    Index("ix_rule_states_rule_id", "rule_id"),
    Index(
        "uq_rule_states_live",
        "rule_id",
        "version",
        unique=True,
        sqlite_where=text("superseded_at IS NULL"),
        postgresql_where=text("superseded_at IS NULL"),
    ),
)

rule_performance = Table(
    "rule_performance",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("rule_id", String(48), nullable=False),
    Column("version", Integer, nullable=False),
    Column("week_start", Date, nullable=False),
    Column("hits", Integer, nullable=False),
    Column("inspected_hits", Integer, nullable=False),
    Column("findings", Integer, nullable=False),
    Column("seizures", Integer, nullable=False),
    Column("hit_rate", Float),
    Column("computed_at", Timestamp, nullable=False),
    Column("superseded_at", Timestamp),
    Index("ix_rule_performance_rule_week", "rule_id", "week_start"),
)
