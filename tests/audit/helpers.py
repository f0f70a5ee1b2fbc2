"""Small helpers for audit tests: an event factory and an insider who bypasses the guards."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, text

from borderwatch.audit import AuditEvent, record_many


def ev(i: int = 0, **overrides: Any) -> AuditEvent:
    """An event numbered ``i``; keyword arguments replace fields."""
    fields: dict[str, Any] = {
        "actor": f"officer{i % 3}",
        "action": "decision",
        "subject_type": "declaration",
        "subject_id": f"DECL-{i}",
        "purpose": "customs_control",
        "details": {"lane": "red" if i % 2 else "green", "n": i},
    }
    fields.update(overrides)
    return AuditEvent(**fields)


def fill(engine: Engine, n: int) -> None:
    with engine.begin() as conn:
        record_many(conn, [ev(i) for i in range(1, n + 1)])


def tamper(engine: Engine, *statements: str, **params: Any) -> None:
    """Run SQL as an insider with DDL rights: the append-only triggers switched off first."""
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
        else:
            conn.execute(text("DROP TRIGGER IF EXISTS audit_log_no_update"))
            conn.execute(text("DROP TRIGGER IF EXISTS audit_log_no_delete"))
        for statement in statements:
            conn.execute(text(statement), params)
        if engine.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only"))
