"""Screening tables: stored hits with the list version they were made with, and the
append-only analyst reviews of hits.

A review (confirm or dismiss) is never updated: a new decision on the same party and list
entry supersedes the live row (``superseded_at``) and is inserted with who, when and why.
A dismissal is keyed on the party, the list, the entity id and the entry's fingerprint, so
it stops applying when the list entry changes.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, Index, String, Table, Text, text

from borderwatch.store.schema import Id, Json, Timestamp, metadata

screening_hits = Table(
    "screening_hits",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("party_key", String(64), nullable=False),
    Column("party_name", Text, nullable=False),
    Column("list_name", String(64), nullable=False),
    Column("list_version", String(64), nullable=False),
    Column("entity_id", String(128), nullable=False),
    Column("entry_hash", String(64), nullable=False),
    Column("matched_name", Text, nullable=False),
    Column("score", Float, nullable=False),
    Column("features", Json, nullable=False),
    Column("recorded_at", Timestamp, nullable=False),
    Index("ix_screening_hits_party", "party_key", "list_name", "entity_id"),
)

screening_reviews = Table(
    "screening_reviews",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("party_key", String(64), nullable=False),
    Column("list_name", String(64), nullable=False),
    Column("entity_id", String(128), nullable=False),
    Column("entry_hash", String(64), nullable=False),
    Column("list_version", String(64), nullable=False),
    Column("decision", String(16), nullable=False),
    Column("reason", Text, nullable=False),
    Column("recorded_by", String(64), nullable=False),
    Column("recorded_at", Timestamp, nullable=False),
    Column("superseded_at", Timestamp),
    Index("ix_screening_reviews_party", "party_key", "list_name", "entity_id"),
    Index(
        "uq_screening_reviews_live",
        "party_key",
        "list_name",
        "entity_id",
        unique=True,
        sqlite_where=text("superseded_at IS NULL"),
        postgresql_where=text("superseded_at IS NULL"),
    ),
)
