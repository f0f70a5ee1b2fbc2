"""users, offices, login attempts and queue claims

Revision ID: 0080
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0080"
down_revision = "0001"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_TS = sa.DateTime(timezone=True)


def _id() -> sa.Column[int]:
    return sa.Column("id", _ID, autoincrement=True, nullable=False)


def upgrade() -> None:
    op.create_table(
        "offices",
        sa.Column("code", sa.String(length=17), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_offices")),
    )
    op.create_table(
        "users",
        _id(),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("office", sa.String(length=17), nullable=True),
        sa.Column("demo", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
        sa.ForeignKeyConstraint(["office"], ["offices.code"], name=op.f("fk_users_office_offices")),
    )
    op.create_table(
        "login_attempts",
        _id(),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("client", sa.String(length=64), nullable=False),
        sa.Column("at", _TS, nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_attempts")),
    )
    with op.batch_alter_table("login_attempts") as batch:
        batch.create_index("ix_login_attempts_username_at", ["username", "at"], unique=False)
    op.create_table(
        "queue_claims",
        _id(),
        sa.Column("source_id", sa.String(length=64), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("claimed_at", _TS, nullable=False),
        sa.Column("released_at", _TS, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_queue_claims")),
    )
    with op.batch_alter_table("queue_claims") as batch:
        batch.create_index("ix_queue_claims_source_id", ["source_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("queue_claims") as batch:
        batch.drop_index("ix_queue_claims_source_id")
    op.drop_table("queue_claims")
    with op.batch_alter_table("login_attempts") as batch:
        batch.drop_index("ix_login_attempts_username_at")
    op.drop_table("login_attempts")
    op.drop_table("users")
    op.drop_table("offices")
