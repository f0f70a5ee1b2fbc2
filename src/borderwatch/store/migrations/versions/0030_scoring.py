"""model registry: scoring_models, scoring_activations

Revision ID: 0030
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0030"
down_revision = "0001"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "scoring_models",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("version", sa.String(64), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("features", _JSON, nullable=False),
        sa.Column("params", _JSON, nullable=False),
        sa.Column("metrics", _JSON, nullable=False),
        sa.Column("training_rows", sa.Integer(), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scoring_models")),
        sa.UniqueConstraint("version", name=op.f("uq_scoring_models_version")),
    )
    op.create_table(
        "scoring_activations",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("version", sa.String(64), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("recorded_at", _TS, nullable=False),
        sa.Column("recorded_by", sa.String(64), nullable=False),
        sa.Column("superseded_at", _TS, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scoring_activations")),
    )
    op.create_index("ix_scoring_activations_version", "scoring_activations", ["version"])


def downgrade() -> None:
    op.drop_index("ix_scoring_activations_version", table_name="scoring_activations")
    op.drop_table("scoring_activations")
    op.drop_table("scoring_models")
