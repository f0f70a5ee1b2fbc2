"""travel: API/PNR messages, booking versions, travellers, hits

Revision ID: 0070
Revises: 0001
Create Date: 2026-11-27 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0070"
down_revision = "0001"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
_TS = sa.DateTime(timezone=True)
_LIVE = sa.text("superseded_at IS NULL")


def _id() -> sa.Column[int]:
    return sa.Column("id", _ID, autoincrement=True, nullable=False)


def _pk(table: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}"))


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    name = op.f(f"fk_{table}_{column}_{target}")
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=name)


def _str(name: str, length: int, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.String(length=length), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "travel_messages",
        _id(),
        _str("content_hash", 64),
        _str("kind", 8),
        _str("sender", 64),
        _str("message_ref", 64),
        _str("flight_key", 32),
        sa.Column("departure", _TS, nullable=True),
        sa.Column("flight", _JSON, nullable=False),
        sa.Column("warnings", _JSON, nullable=False),
        sa.Column("ingest_run_id", _ID, nullable=False),
        sa.Column("received_at", _TS, nullable=False),
        _pk("travel_messages"),
        _fk("travel_messages", "ingest_run_id", "ingest_runs"),
        sa.UniqueConstraint("content_hash", name=op.f("uq_travel_messages_content_hash")),
    )
    op.create_index("ix_travel_messages_flight_key", "travel_messages", ["flight_key"])
    op.create_table(
        "travel_bookings",
        _id(),
        _str("booking_key", 64),
        sa.Column("version", sa.Integer(), nullable=False),
        _str("content_hash", 64),
        sa.Column("message_id", _ID, nullable=False),
        _str("flight_key", 32),
        sa.Column("booked_at", _TS, nullable=True),
        sa.Column("payload", _JSON, nullable=False),
        sa.Column("recorded_at", _TS, nullable=False),
        sa.Column("superseded_at", _TS, nullable=True),
        sa.Column("masked_at", _TS, nullable=True),
        _pk("travel_bookings"),
        _fk("travel_bookings", "message_id", "travel_messages"),
        sa.UniqueConstraint("booking_key", "version", name=op.f("uq_travel_bookings_booking_key")),
    )
    op.create_index(
        "uq_travel_bookings_live",
        "travel_bookings",
        ["booking_key"],
        unique=True,
        sqlite_where=_LIVE,
        postgresql_where=_LIVE,
    )
    op.create_table(
        "travel_travellers",
        _id(),
        sa.Column("message_id", _ID, nullable=False),
        sa.Column("booking_id", _ID, nullable=True),
        _str("flight_key", 32),
        sa.Column("seq", sa.Integer(), nullable=False),
        _str("kind", 16),
        _str("person_key", 200),
        sa.Column("surname", sa.Text(), nullable=False),
        sa.Column("given_names", sa.Text(), nullable=False),
        _str("birth_date", 10, True),
        _str("nationality", 2, True),
        sa.Column("payload", _JSON, nullable=False),
        sa.Column("recorded_at", _TS, nullable=False),
        sa.Column("masked_at", _TS, nullable=True),
        _pk("travel_travellers"),
        _fk("travel_travellers", "message_id", "travel_messages"),
        _fk("travel_travellers", "booking_id", "travel_bookings"),
    )
    op.create_index("ix_travel_travellers_person_key", "travel_travellers", ["person_key"])
    op.create_index("ix_travel_travellers_flight_key", "travel_travellers", ["flight_key"])
    op.create_table(
        "travel_hits",
        _id(),
        sa.Column("traveller_id", _ID, nullable=False),
        _str("kind", 16),
        _str("code", 64),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reasons", _JSON, nullable=False),
        sa.Column("recorded_at", _TS, nullable=False),
        _pk("travel_hits"),
        _fk("travel_hits", "traveller_id", "travel_travellers"),
    )
    op.create_index("ix_travel_hits_traveller_id", "travel_hits", ["traveller_id"])


def downgrade() -> None:
    op.drop_index("ix_travel_hits_traveller_id", table_name="travel_hits")
    op.drop_table("travel_hits")
    op.drop_index("ix_travel_travellers_flight_key", table_name="travel_travellers")
    op.drop_index("ix_travel_travellers_person_key", table_name="travel_travellers")
    op.drop_table("travel_travellers")
    op.drop_index("uq_travel_bookings_live", table_name="travel_bookings")
    op.drop_table("travel_bookings")
    op.drop_index("ix_travel_messages_flight_key", table_name="travel_messages")
    op.drop_table("travel_messages")
