"""Audit tables: the hash-chained, append-only log and its one-row chain head.

``audit_log.seq`` is assigned by :mod:`borderwatch.audit` (not by the database) so the
chain has no gaps; ``details`` holds the canonical JSON text that was hashed, byte for byte.
``audit_head`` is the row every writer locks to append, and a cross-check for verification.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Index, SmallInteger, String, Table, Text

from borderwatch.store.schema import Timestamp, metadata

GENESIS_HASH = "0" * 64

audit_log = Table(
    "audit_log",
    metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("at", Timestamp, nullable=False),
    Column("actor", String(64), nullable=False),
    Column("action", String(64), nullable=False),
    Column("subject_type", String(32), nullable=False),
    Column("subject_id", String(128), nullable=False),
    Column("purpose", String(64)),
    Column("details", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Index("ix_audit_log_subject", "subject_type", "subject_id"),
    Index("ix_audit_log_at", "at"),
)

audit_head = Table(
    "audit_head",
    metadata,
    Column("id", SmallInteger, primary_key=True, autoincrement=False),
    Column("seq", BigInteger, nullable=False),
    Column("hash", String(64), nullable=False),
)
