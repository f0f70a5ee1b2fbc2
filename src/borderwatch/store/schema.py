"""Tables of the store (SQLAlchemy Core). Alembic migrations create them; this module is
the single description the migrations and the queries share.

History is append-only: a changed declaration gets a new version row and the previous one
is marked ``superseded_at``; nothing is deleted.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

Json = JSON().with_variant(JSONB(), "postgresql")
Id = BigInteger().with_variant(Integer(), "sqlite")
Timestamp = DateTime(timezone=True)

ingest_runs = Table(
    "ingest_runs",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("source_name", Text, nullable=False),
    Column("format", String(16), nullable=False),
    Column("started_at", Timestamp, nullable=False),
    Column("finished_at", Timestamp),
    Column("status", String(16), nullable=False),
    Column("read", Integer, nullable=False, server_default="0"),
    Column("accepted", Integer, nullable=False, server_default="0"),
    Column("quarantined", Integer, nullable=False, server_default="0"),
    Column("duplicates", Integer, nullable=False, server_default="0"),
    Column("versions", Integer, nullable=False, server_default="0"),
)

declarations = Table(
    "declarations",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("source_id", String(64), nullable=False),
    Column("version", Integer, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("type", String(16), nullable=False),
    Column("declared_at", Timestamp, nullable=False),
    Column("office", String(17), nullable=False),
    Column("mode_of_transport", SmallInteger, nullable=False),
    Column("place_of_loading", String(5)),
    Column("place_of_discharge", String(5)),
    Column("country_of_dispatch", String(2)),
    Column("payload", Json, nullable=False),
    Column("ingest_run_id", ForeignKey("ingest_runs.id")),
    Column("recorded_at", Timestamp, nullable=False),
    Column("superseded_at", Timestamp),
    UniqueConstraint("source_id", "version"),
    Index("ix_declarations_declared_at", "declared_at"),
    Index(
        "uq_declarations_live",
        "source_id",
        unique=True,
        sqlite_where=text("superseded_at IS NULL"),
        postgresql_where=text("superseded_at IS NULL"),
    ),
)

goods_items = Table(
    "goods_items",
    metadata,
    Column("declaration_id", ForeignKey("declarations.id"), primary_key=True),
    Column("item_number", Integer, primary_key=True),
    Column("hs_code", String(10), nullable=False),
    Column("description", Text, nullable=False),
    Column("cas_number", String(12)),
    Column("quantity", Float),
    Column("unit", String(8)),
    Column("gross_mass_kg", Float),
    Column("net_mass_kg", Float),
    Column("value", Float, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("origin_country", String(2)),
    Column("duty_rate", Float),
    Index("ix_goods_items_hs_code", "hs_code"),
)

parties = Table(
    "parties",
    metadata,
    Column("declaration_id", ForeignKey("declarations.id"), primary_key=True),
    Column("seq", SmallInteger, primary_key=True),
    Column("role", String(16), nullable=False),
    Column("name", Text),
    Column("schema", String(16), nullable=False),
    Column("country", String(2)),
    Column("eori", String(17)),
    Column("tin", String(35)),
    Column("aeo", String(4)),
    Index("ix_parties_name", "name"),
)

outcomes = Table(
    "outcomes",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("declaration_id", ForeignKey("declarations.id"), nullable=False),
    Column("source_id", String(64), nullable=False),
    Column("inspected", Boolean, nullable=False),
    Column("finding", String(16), nullable=False),
    Column("illicit", Boolean, nullable=False),
    Column("revenue_recovered", Float, nullable=False),
    Column("labels", Json, nullable=False),
    Column("origin", String(16), nullable=False),
    Column("final", Boolean, nullable=False),
    Column("recorded_at", Timestamp, nullable=False),
    Column("recorded_by", String(64), nullable=False),
    Column("superseded_at", Timestamp),
    Index("ix_outcomes_source_id", "source_id"),
)

quarantine = Table(
    "quarantine",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("ingest_run_id", ForeignKey("ingest_runs.id"), nullable=False),
    Column("source_name", Text, nullable=False),
    Column("location", String(64), nullable=False),
    Column("record_id", String(64)),
    Column("raw", Text, nullable=False),
    Column("raw_bytes", Integer, nullable=False),
    Column("raw_hash", String(64), nullable=False, unique=True),
    Column("reasons", Json, nullable=False),
    Column("quarantined_at", Timestamp, nullable=False),
)
