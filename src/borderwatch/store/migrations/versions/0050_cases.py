"""cases, case history, inspections, results, enforcement actions, seized items, custody

Revision ID: 0050
Revises: 0001
Create Date: 2026-11-26 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0050"
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


def _fkc(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    name = op.f(f"fk_{table}_{column}_{target}")
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=name)


def _text(name: str, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.Text(), nullable=nullable)


def _str(name: str, length: int, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.String(length=length), nullable=nullable)


def _ref(name: str) -> sa.Column[int]:
    return sa.Column(name, _ID, nullable=False)


def upgrade() -> None:
    op.create_table(
        "cases", _id(), _str("source_id", 64), _ref("declaration_id"), _str("office", 17),
        sa.Column("detection", _JSON, nullable=False), _str("opened_by", 64),
        sa.Column("opened_at", _TS, nullable=False), _text("reason"),
        _pk("cases"), _fkc("cases", "declaration_id", "declarations"),
    )  # fmt: skip
    with op.batch_alter_table("cases") as batch:
        batch.create_index("ix_cases_source_id", ["source_id"], unique=False)
    op.create_table(
        "case_events", _id(), _ref("case_id"), sa.Column("seq", sa.Integer(), nullable=False),
        _str("event", 24), _str("from_state", 16, True), _str("to_state", 16), _str("actor", 64),
        _str("role", 24), sa.Column("at", _TS, nullable=False), _text("reason"),
        sa.Column("data", _JSON, nullable=False), _pk("case_events"),
        _fkc("case_events", "case_id", "cases"),
        sa.UniqueConstraint("case_id", "seq", name=op.f("uq_case_events_case_id")),
    )  # fmt: skip
    op.create_table(
        "case_inspections", _id(), _ref("case_id"), _str("type", 16), _str("officer", 64),
        sa.Column("at", _TS, nullable=False), _text("place"), _text("notes"),
        _pk("case_inspections"), _fkc("case_inspections", "case_id", "cases"),
    )  # fmt: skip
    with op.batch_alter_table("case_inspections") as batch:
        batch.create_index("ix_case_inspections_case_id", ["case_id"], unique=False)
    op.create_table(
        "case_results", _id(), _ref("case_id"), _str("status", 16), _str("finding", 16),
        sa.Column("items", _JSON, nullable=False),
        sa.Column("revenue_recovered", sa.Float(), nullable=False), _text("notes"),
        _str("submitted_by", 64, True), _str("recorded_by", 64),
        sa.Column("recorded_at", _TS, nullable=False), _text("reason"),
        sa.Column("superseded_at", _TS, nullable=True),
        _pk("case_results"), _fkc("case_results", "case_id", "cases"),
    )  # fmt: skip
    with op.batch_alter_table("case_results") as batch:
        batch.create_index("uq_case_results_live", ["case_id"], unique=True,
                           sqlite_where=_LIVE, postgresql_where=_LIVE)  # fmt: skip
    op.create_table(
        "case_actions", _id(), _ref("case_id"), _str("type", 16), _str("power_id", 64),
        _text("statute"), _text("article"), _text("power_description"),
        sa.Column("approval_required", sa.Boolean(), nullable=False),
        sa.Column("review_hours", sa.Integer(), nullable=True),
        sa.Column("details", _JSON, nullable=False), _str("requested_by", 64),
        sa.Column("requested_at", _TS, nullable=False), _text("reason"),
        _pk("case_actions"), _fkc("case_actions", "case_id", "cases"),
    )  # fmt: skip
    with op.batch_alter_table("case_actions") as batch:
        batch.create_index("ix_case_actions_case_id", ["case_id"], unique=False)
    op.create_table(
        "action_states", _id(), _ref("action_id"), _str("state", 16),
        sa.Column("due_at", _TS, nullable=True), _str("changed_by", 64),
        sa.Column("changed_at", _TS, nullable=False), _text("reason"),
        sa.Column("superseded_at", _TS, nullable=True),
        _pk("action_states"), _fkc("action_states", "action_id", "case_actions"),
    )  # fmt: skip
    with op.batch_alter_table("action_states") as batch:
        batch.create_index("uq_action_states_live", ["action_id"], unique=True,
                           sqlite_where=_LIVE, postgresql_where=_LIVE)  # fmt: skip
    op.create_table(
        "seized_items", _id(), _ref("case_id"), _ref("action_id"), _str("label", 32),
        _str("commodity", 16), _text("description"),
        sa.Column("quantity", sa.Float(), nullable=False), _str("unit", 8),
        _str("seized_by", 64), sa.Column("seized_at", _TS, nullable=False), _text("place"),
        sa.Column("seals", _JSON, nullable=False), _str("genesis_hash", 64),
        _pk("seized_items"), _fkc("seized_items", "case_id", "cases"),
        _fkc("seized_items", "action_id", "case_actions"),
        sa.UniqueConstraint("label", name=op.f("uq_seized_items_label")),
    )  # fmt: skip
    op.create_table(
        "custody_transfers", _id(), _ref("item_id"),
        sa.Column("seq", sa.Integer(), nullable=False), _str("handed_by", 64),
        _str("received_by", 64), sa.Column("at", _TS, nullable=False), _text("place"),
        sa.Column("seals", _JSON, nullable=False), _str("condition", 16), _text("note"),
        _str("recorded_by", 64), sa.Column("recorded_at", _TS, nullable=False),
        _str("prev_hash", 64), _str("hash", 64),
        _pk("custody_transfers"), _fkc("custody_transfers", "item_id", "seized_items"),
        sa.UniqueConstraint("item_id", "seq", name=op.f("uq_custody_transfers_item_id")),
    )  # fmt: skip


def downgrade() -> None:
    op.drop_table("custody_transfers")
    op.drop_table("seized_items")
    with op.batch_alter_table("action_states") as batch:
        batch.drop_index("uq_action_states_live", sqlite_where=_LIVE, postgresql_where=_LIVE)
    op.drop_table("action_states")
    with op.batch_alter_table("case_actions") as batch:
        batch.drop_index("ix_case_actions_case_id")
    op.drop_table("case_actions")
    with op.batch_alter_table("case_results") as batch:
        batch.drop_index("uq_case_results_live", sqlite_where=_LIVE, postgresql_where=_LIVE)
    op.drop_table("case_results")
    with op.batch_alter_table("case_inspections") as batch:
        batch.drop_index("ix_case_inspections_case_id")
    op.drop_table("case_inspections")
    op.drop_table("case_events")
    with op.batch_alter_table("cases") as batch:
        batch.drop_index("ix_cases_source_id")
    op.drop_table("cases")
