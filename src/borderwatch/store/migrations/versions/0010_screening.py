"""screening: screening_hits, screening_reviews

Revision ID: 0010
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0010"
down_revision = "0001"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
_TS = sa.DateTime(timezone=True)
_LIVE = sa.text("superseded_at IS NULL")


def upgrade() -> None:
    op.create_table(
        "screening_hits",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("party_key", sa.String(64), nullable=False),
        sa.Column("party_name", sa.Text(), nullable=False),
        sa.Column("list_name", sa.String(64), nullable=False),
        sa.Column("list_version", sa.String(64), nullable=False),
        sa.Column("entity_id", sa.String(128), nullable=False),
        sa.Column("entry_hash", sa.String(64), nullable=False),
        sa.Column("matched_name", sa.Text(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("features", _JSON, nullable=False),
        sa.Column("recorded_at", _TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screening_hits")),
    )
    op.create_index(
        "ix_screening_hits_party", "screening_hits", ["party_key", "list_name", "entity_id"]
    )
    op.create_table(
        "screening_reviews",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("party_key", sa.String(64), nullable=False),
        sa.Column("list_name", sa.String(64), nullable=False),
        sa.Column("entity_id", sa.String(128), nullable=False),
        sa.Column("entry_hash", sa.String(64), nullable=False),
        sa.Column("list_version", sa.String(64), nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(64), nullable=False),
        sa.Column("recorded_at", _TS, nullable=False),
        sa.Column("superseded_at", _TS, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screening_reviews")),
    )
    op.create_index(
        "ix_screening_reviews_party", "screening_reviews", ["party_key", "list_name", "entity_id"]
    )
    op.create_index(
        "uq_screening_reviews_live",
        "screening_reviews",
        ["party_key", "list_name", "entity_id"],
        unique=True,
        sqlite_where=_LIVE,
        postgresql_where=_LIVE,
    )


def downgrade() -> None:
    op.drop_index("uq_screening_reviews_live", table_name="screening_reviews")
    op.drop_index("ix_screening_reviews_party", table_name="screening_reviews")
    op.drop_table("screening_reviews")
    op.drop_index("ix_screening_hits_party", table_name="screening_hits")
    op.drop_table("screening_hits")
