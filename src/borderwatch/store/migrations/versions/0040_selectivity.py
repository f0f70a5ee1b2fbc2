"""lane decisions (append-only)

Revision ID: 0040
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0040"
down_revision = "0001"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
_TS = sa.DateTime(timezone=True)
_LIVE = sa.text("superseded_at IS NULL")


def upgrade() -> None:
    op.create_table(
        "decisions",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("source_id", sa.String(64), nullable=False),
        sa.Column("office", sa.String(17), nullable=False),
        sa.Column("declaration_type", sa.String(16), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("lodged_at", _TS, nullable=False),
        sa.Column("lane", sa.String(8), nullable=False),
        sa.Column("risk_lane", sa.String(8), nullable=False),
        sa.Column("basis", sa.String(16), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("expected_value", sa.Float(), nullable=False),
        sa.Column("random", sa.Boolean(), nullable=False),
        sa.Column("overflow", sa.Boolean(), nullable=False),
        sa.Column("aeo", sa.Boolean(), nullable=False),
        sa.Column("reasons", _JSON, nullable=False),
        sa.Column("versions", _JSON, nullable=False),
        sa.Column("policy_version", sa.String(64), nullable=False),
        sa.Column("model_version", sa.String(64), nullable=True),
        sa.Column("failed", _JSON, nullable=False),
        sa.Column("run_id", sa.String(32), nullable=False),
        sa.Column("decided_at", _TS, nullable=False),
        sa.Column("decided_by", sa.String(64), nullable=False),
        sa.Column("why", sa.Text(), nullable=True),
        sa.Column("superseded_at", _TS, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decisions")),
    )
    op.create_index("ix_decisions_source_id", "decisions", ["source_id"])
    op.create_index("ix_decisions_office_day", "decisions", ["office", "day"])
    op.create_index(
        "uq_decisions_live",
        "decisions",
        ["source_id"],
        unique=True,
        sqlite_where=_LIVE,
        postgresql_where=_LIVE,
    )


def downgrade() -> None:
    op.drop_index("uq_decisions_live", table_name="decisions")
    op.drop_index("ix_decisions_office_day", table_name="decisions")
    op.drop_index("ix_decisions_source_id", table_name="decisions")
    op.drop_table("decisions")
