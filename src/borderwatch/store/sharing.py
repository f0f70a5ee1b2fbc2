"""Sharing and privacy tables: agencies, agreements, partner credentials, signed messages,
partner lookouts and the record of purged declarations.

Registry rows are append-only: a change supersedes the live row (``superseded_at``) and adds
a new one with who, when and why. Messages keep the exact signed token that travelled.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

from borderwatch.store.schema import Id, Json, Timestamp, metadata

_LIVE = text("superseded_at IS NULL")

sharing_agencies = Table(
    "sharing_agencies",
    metadata,
    Column("row_id", Id, primary_key=True, autoincrement=True),
    Column("agency_id", String(32), nullable=False),
    Column("name", Text, nullable=False),
    Column("country", String(2), nullable=False),
    Column("public_key", Text, nullable=False),
    Column("local", Boolean, nullable=False),
    Column("recorded_at", Timestamp, nullable=False),
    Column("recorded_by", String(64), nullable=False),
    Column("reason", Text, nullable=False),
    Column("superseded_at", Timestamp),
    Index(
        "uq_sharing_agencies_live",
        "agency_id",
        unique=True,
        sqlite_where=_LIVE,
        postgresql_where=_LIVE,
    ),
)

sharing_agreements = Table(
    "sharing_agreements",
    metadata,
    Column("row_id", Id, primary_key=True, autoincrement=True),
    Column("agreement_id", String(64), nullable=False),
    Column("version", Integer, nullable=False),
    Column("agency_id", String(32), nullable=False),
    Column("terms", Json, nullable=False),
    Column("recorded_at", Timestamp, nullable=False),
    Column("recorded_by", String(64), nullable=False),
    Column("reason", Text, nullable=False),
    Column("superseded_at", Timestamp),
    UniqueConstraint("agreement_id", "version"),
    Index(
        "uq_sharing_agreements_live",
        "agreement_id",
        unique=True,
        sqlite_where=_LIVE,
        postgresql_where=_LIVE,
    ),
)

sharing_credentials = Table(
    "sharing_credentials",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("token_id", String(32), nullable=False, unique=True),
    Column("agency_id", String(32), nullable=False),
    Column("secret_hash", Text, nullable=False),
    Column("scopes", Json, nullable=False),
    Column("issued_at", Timestamp, nullable=False),
    Column("issued_by", String(64), nullable=False),
    Column("expires_at", Timestamp, nullable=False),
    Column("revoked_at", Timestamp),
    Column("revoked_by", String(64)),
)

sharing_messages = Table(
    "sharing_messages",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("message_id", String(64), nullable=False),
    Column("direction", String(3), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("agency_id", String(32)),
    Column("agreement_id", String(64)),
    Column("purpose", String(64)),
    Column("issued_at", Timestamp),
    Column("expires_at", Timestamp),
    Column("token", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("reason", Text),
    Column("recorded_at", Timestamp, nullable=False),
    Column("recorded_by", String(64), nullable=False),
    Index("ix_sharing_messages_partner", "agency_id", "direction", "id"),
    Index(
        "uq_sharing_messages_kept",
        "direction",
        "message_id",
        unique=True,
        sqlite_where=text("status <> 'rejected'"),
        postgresql_where=text("status <> 'rejected'"),
    ),
)

sharing_lookouts = Table(
    "sharing_lookouts",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("message_id", String(64), nullable=False),
    Column("agency_id", String(32), nullable=False),
    Column("entry_id", String(64), nullable=False),
    Column("name", Text, nullable=False),
    Column("schema", String(16), nullable=False),
    Column("country", String(2)),
    Column("birth_date", String(10)),
    Column("aliases", Json, nullable=False),
    Column("identifiers", Json, nullable=False),
    Column("expires_at", Timestamp, nullable=False),
    Column("received_at", Timestamp, nullable=False),
    Column("superseded_at", Timestamp),
    Index("ix_sharing_lookouts_entry", "agency_id", "entry_id"),
)

privacy_purges = Table(
    "privacy_purges",
    metadata,
    Column("declaration_id", ForeignKey("declarations.id"), primary_key=True),
    Column("category", String(16), primary_key=True),
    Column("source_id", String(64), nullable=False),
    Column("retention_days", Integer, nullable=False),
    Column("purged_at", Timestamp, nullable=False),
    Column("purged_by", String(64), nullable=False),
)
