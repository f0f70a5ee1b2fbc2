"""Migrations bring both back ends to the same schema, idempotently, and can be undone."""

from __future__ import annotations

from alembic import command
from sqlalchemy import Engine

from borderwatch.store import metadata, migrate, table_names
from borderwatch.store.engine import alembic_config


def test_migrations_create_every_declared_table_and_are_idempotent(engine: Engine) -> None:
    migrate(engine)  # a second time: nothing to do, nothing fails
    assert {t.name for t in metadata.sorted_tables} <= table_names(engine)


def test_downgrade_to_base_removes_the_tables(engine: Engine) -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    assert table_names(engine) <= {"alembic_version"}
    migrate(engine)
    assert "declarations" in table_names(engine)
