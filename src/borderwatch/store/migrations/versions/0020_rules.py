"""rule versions, lifecycle states, weekly rule performance

Revision ID: 0020
Revises: 0001
Create Date: 2026-11-25 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0020"
down_revision = "0001"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "rule_versions",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("rule_id", sa.String(length=48), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("expression", sa.Text(), nullable=False),
        sa.Column("spec", _JSON, nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rule_versions")),
        sa.UniqueConstraint("rule_id", "version", name=op.f("uq_rule_versions_rule_id")),
    )
    op.create_table(
        "rule_states",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("rule_id", sa.String(length=48), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("shadow", sa.Boolean(), nullable=False),
        sa.Column("changed_by", sa.String(length=64), nullable=False),
        sa.Column("changed_at", _TS, nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("superseded_at", _TS, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rule_states")),
    )
    with op.batch_alter_table("rule_states", schema=None) as batch_op:
        batch_op.create_index("ix_rule_states_rule_id", ["rule_id"], unique=False)
        batch_op.create_index(
            "uq_rule_states_live",
            ["rule_id", "version"],
            unique=True,
            sqlite_where=sa.text("superseded_at IS NULL"),
            postgresql_where=sa.text("superseded_at IS NULL"),
        )
    op.create_table(
        "rule_performance",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("rule_id", sa.String(length=48), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.Column("inspected_hits", sa.Integer(), nullable=False),
        sa.Column("findings", sa.Integer(), nullable=False),
        sa.Column("seizures", sa.Integer(), nullable=False),
        sa.Column("hit_rate", sa.Float(), nullable=True),
        sa.Column("computed_at", _TS, nullable=False),
        sa.Column("superseded_at", _TS, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rule_performance")),
    )
    with op.batch_alter_table("rule_performance", schema=None) as batch_op:
        batch_op.create_index(
            "ix_rule_performance_rule_week", ["rule_id", "week_start"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("rule_performance", schema=None) as batch_op:
        batch_op.drop_index("ix_rule_performance_rule_week")
    op.drop_table("rule_performance")
    with op.batch_alter_table("rule_states", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_rule_states_live",
            sqlite_where=sa.text("superseded_at IS NULL"),
            postgresql_where=sa.text("superseded_at IS NULL"),
        )
        batch_op.drop_index("ix_rule_states_rule_id")
    op.drop_table("rule_states")
    op.drop_table("rule_versions")
