"""audit log (hash chain, append-only triggers) and sharing/privacy tables

Revision ID: 0060
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0060"
down_revision = "0001"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
_TS = sa.DateTime(timezone=True)
_LIVE = sa.text("superseded_at IS NULL")
_KEPT = sa.text("status <> 'rejected'")

_SQLITE_GUARDS = [
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
]
_PG_GUARDS = [
    "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$",
    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()",
]


def _audit() -> None:
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("at", _TS, nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("subject_type", sa.String(32), nullable=False),
        sa.Column("subject_id", sa.String(128), nullable=False),
        sa.Column("purpose", sa.String(64), nullable=True),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_log")),
    )
    op.create_index("ix_audit_log_subject", "audit_log", ["subject_type", "subject_id"])
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    head = op.create_table(
        "audit_head",
        sa.Column("id", sa.SmallInteger(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    op.bulk_insert(head, [{"id": 1, "seq": 0, "hash": "0" * 64}])
    guards = _PG_GUARDS if op.get_bind().dialect.name == "postgresql" else _SQLITE_GUARDS
    for statement in guards:
        op.execute(statement)


def _registry() -> None:
    op.create_table(
        "sharing_agencies",
        sa.Column("row_id", _ID, autoincrement=True, nullable=False),
        sa.Column("agency_id", sa.String(32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("public_key", sa.Text(), nullable=False),
        sa.Column("local", sa.Boolean(), nullable=False),
        sa.Column("recorded_at", _TS, nullable=False),
        sa.Column("recorded_by", sa.String(64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("superseded_at", _TS, nullable=True),
        sa.PrimaryKeyConstraint("row_id", name=op.f("pk_sharing_agencies")),
    )
    op.create_index(
        "uq_sharing_agencies_live",
        "sharing_agencies",
        ["agency_id"],
        unique=True,
        sqlite_where=_LIVE,
        postgresql_where=_LIVE,
    )
    op.create_table(
        "sharing_agreements",
        sa.Column("row_id", _ID, autoincrement=True, nullable=False),
        sa.Column("agreement_id", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.String(32), nullable=False),
        sa.Column("terms", _JSON, nullable=False),
        sa.Column("recorded_at", _TS, nullable=False),
        sa.Column("recorded_by", sa.String(64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("superseded_at", _TS, nullable=True),
        sa.PrimaryKeyConstraint("row_id", name=op.f("pk_sharing_agreements")),
        sa.UniqueConstraint(
            "agreement_id", "version", name=op.f("uq_sharing_agreements_agreement_id")
        ),
    )
    op.create_index(
        "uq_sharing_agreements_live",
        "sharing_agreements",
        ["agreement_id"],
        unique=True,
        sqlite_where=_LIVE,
        postgresql_where=_LIVE,
    )
    op.create_table(
        "sharing_credentials",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("token_id", sa.String(32), nullable=False),
        sa.Column("agency_id", sa.String(32), nullable=False),
        sa.Column("secret_hash", sa.Text(), nullable=False),
        sa.Column("scopes", _JSON, nullable=False),
        sa.Column("issued_at", _TS, nullable=False),
        sa.Column("issued_by", sa.String(64), nullable=False),
        sa.Column("expires_at", _TS, nullable=False),
        sa.Column("revoked_at", _TS, nullable=True),
        sa.Column("revoked_by", sa.String(64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sharing_credentials")),
        sa.UniqueConstraint("token_id", name=op.f("uq_sharing_credentials_token_id")),
    )


def _messages() -> None:
    op.create_table(
        "sharing_messages",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("message_id", sa.String(64), nullable=False),
        sa.Column("direction", sa.String(3), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("agency_id", sa.String(32), nullable=True),
        sa.Column("agreement_id", sa.String(64), nullable=True),
        sa.Column("purpose", sa.String(64), nullable=True),
        sa.Column("issued_at", _TS, nullable=True),
        sa.Column("expires_at", _TS, nullable=True),
        sa.Column("token", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("recorded_at", _TS, nullable=False),
        sa.Column("recorded_by", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sharing_messages")),
    )
    op.create_index(
        "ix_sharing_messages_partner", "sharing_messages", ["agency_id", "direction", "id"]
    )
    op.create_index(
        "uq_sharing_messages_kept",
        "sharing_messages",
        ["direction", "message_id"],
        unique=True,
        sqlite_where=_KEPT,
        postgresql_where=_KEPT,
    )
    op.create_table(
        "sharing_lookouts",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("message_id", sa.String(64), nullable=False),
        sa.Column("agency_id", sa.String(32), nullable=False),
        sa.Column("entry_id", sa.String(64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("schema", sa.String(16), nullable=False),
        sa.Column("country", sa.String(2), nullable=True),
        sa.Column("birth_date", sa.String(10), nullable=True),
        sa.Column("aliases", _JSON, nullable=False),
        sa.Column("identifiers", _JSON, nullable=False),
        sa.Column("expires_at", _TS, nullable=False),
        sa.Column("received_at", _TS, nullable=False),
        sa.Column("superseded_at", _TS, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sharing_lookouts")),
    )
    op.create_index("ix_sharing_lookouts_entry", "sharing_lookouts", ["agency_id", "entry_id"])
    op.create_table(
        "privacy_purges",
        sa.Column("declaration_id", _ID, nullable=False),
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("source_id", sa.String(64), nullable=False),
        sa.Column("retention_days", sa.Integer(), nullable=False),
        sa.Column("purged_at", _TS, nullable=False),
        sa.Column("purged_by", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(
            ["declaration_id"],
            ["declarations.id"],
            name=op.f("fk_privacy_purges_declaration_id_declarations"),
        ),
        sa.PrimaryKeyConstraint("declaration_id", "category", name=op.f("pk_privacy_purges")),
    )


def upgrade() -> None:
    _audit()
    _registry()
    _messages()


def downgrade() -> None:
    for table in ("privacy_purges", "sharing_lookouts", "sharing_messages"):
        op.drop_table(table)
    for table in ("sharing_credentials", "sharing_agreements", "sharing_agencies"):
        op.drop_table(table)
    op.drop_table("audit_head")
    op.drop_table("audit_log")  # its triggers go with it
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION audit_log_append_only()")
