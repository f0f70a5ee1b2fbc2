"""Users, roles, offices, login attempts and queue claims: who may do what, where.

Framework-free: the API's authentication and the web pages read these through the small
functions below. Roles are a closed set; each grants a fixed set of permissions, and a user
bound to an office sees only that office's declarations (no office: every office).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Engine,
    ForeignKey,
    Index,
    String,
    Table,
    func,
    select,
    update,
)

from borderwatch.errors import Conflict, NotFound
from borderwatch.store.schema import Id, Timestamp, metadata


class Role(StrEnum):
    """What a user does.

    ``targeting_officer``: works the targeting queue, reviews hits, opens cases;
    ``inspecting_officer``: inspects, records results and enforcement actions;
    ``supervisor``: approves results, actions and rules; ``analyst``: writes and backtests
    rules, reads quarantine and dashboards; ``auditor``: reads the audit trail;
    ``partner``: a partner agency's user, with no access to targeting data.
    """

    TARGETING_OFFICER = "targeting_officer"
    INSPECTING_OFFICER = "inspecting_officer"
    SUPERVISOR = "supervisor"
    ANALYST = "analyst"
    AUDITOR = "auditor"
    PARTNER = "partner"


class Permission(StrEnum):
    """One capability an endpoint or page requires."""

    DECLARATIONS = "declarations.read"
    QUEUE = "queue.work"
    ASSESS = "assess"
    SCREEN = "screening.screen"
    RULES_READ = "rules.read"
    RULES_WRITE = "rules.write"
    RULES_APPROVE = "rules.approve"
    QUARANTINE = "quarantine.read"
    CASES_READ = "cases.read"
    CASES_WRITE = "cases.write"
    DASHBOARD = "dashboard.read"
    AUDIT = "audit.read"


_P = Permission
GRANTS: dict[Role, frozenset[Permission]] = {
    Role.TARGETING_OFFICER: frozenset({_P.DECLARATIONS, _P.QUEUE, _P.ASSESS, _P.SCREEN,
                                       _P.RULES_READ, _P.CASES_READ, _P.CASES_WRITE,
                                       _P.DASHBOARD}),
    Role.INSPECTING_OFFICER: frozenset({_P.DECLARATIONS, _P.CASES_READ, _P.CASES_WRITE}),
    Role.SUPERVISOR: frozenset({_P.DECLARATIONS, _P.QUEUE, _P.ASSESS, _P.SCREEN, _P.RULES_READ,
                                _P.RULES_APPROVE, _P.QUARANTINE, _P.CASES_READ, _P.CASES_WRITE,
                                _P.DASHBOARD}),
    Role.ANALYST: frozenset({_P.DECLARATIONS, _P.ASSESS, _P.SCREEN, _P.RULES_READ,
                             _P.RULES_WRITE, _P.RULES_APPROVE, _P.QUARANTINE, _P.DASHBOARD}),
    Role.AUDITOR: frozenset({_P.DECLARATIONS, _P.RULES_READ, _P.CASES_READ, _P.DASHBOARD,
                             _P.AUDIT}),
    Role.PARTNER: frozenset(),
}  # fmt: skip

offices = Table(
    "offices",
    metadata,
    Column("code", String(17), primary_key=True),
    Column("name", String(200), nullable=False),
)

users = Table(
    "users",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("full_name", String(200), nullable=False),
    Column("password_hash", String(255), nullable=False),
    Column("role", String(32), nullable=False),
    Column("office", ForeignKey("offices.code")),
    Column("demo", Boolean, nullable=False),
    Column("active", Boolean, nullable=False),
    Column("created_at", Timestamp, nullable=False),
)

login_attempts = Table(
    "login_attempts",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("username", String(64), nullable=False),
    Column("client", String(64), nullable=False),
    Column("at", Timestamp, nullable=False),
    Column("ok", Boolean, nullable=False),
    Index("ix_login_attempts_username_at", "username", "at"),
)

queue_claims = Table(
    "queue_claims",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("source_id", String(64), nullable=False),
    Column("username", String(64), nullable=False),
    Column("claimed_at", Timestamp, nullable=False),
    Column("released_at", Timestamp),
    Index("ix_queue_claims_source_id", "source_id"),
)


@dataclass(frozen=True, slots=True)
class Principal:
    """An authenticated user: name, role and office (``None``: every office)."""

    username: str
    full_name: str
    role: Role
    office: str | None
    demo: bool = False

    def can(self, permission: Permission) -> bool:
        """True when the role grants ``permission``."""
        return permission in GRANTS[self.role]

    def sees(self, office: str) -> bool:
        """True when the user may see declarations of ``office``."""
        return self.office is None or self.office == office


@dataclass(frozen=True, slots=True)
class StoredUser:
    """A user row with its password hash (never leaves the authentication code)."""

    principal: Principal
    password_hash: str
    active: bool


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def add_office(engine: Engine, code: str, name: str) -> None:
    """Register an office (idempotent)."""
    with engine.begin() as conn:
        if conn.execute(select(offices.c.code).where(offices.c.code == code)).first() is None:
            conn.execute(offices.insert().values(code=code, name=name))


def list_offices(engine: Engine) -> list[tuple[str, str]]:
    """(code, name) of every office, by code."""
    with engine.connect() as conn:
        return [(r.code, r.name) for r in conn.execute(select(offices).order_by(offices.c.code))]


def add_user(engine: Engine, principal: Principal, password_hash: str) -> None:
    """Store a new user; :class:`Conflict` if the name is taken."""
    with engine.begin() as conn:
        taken = conn.execute(select(users.c.id).where(users.c.username == principal.username))
        if taken.first() is not None:
            raise Conflict(f"user {principal.username!r} exists")
        conn.execute(
            users.insert().values(
                username=principal.username, full_name=principal.full_name,
                password_hash=password_hash, role=principal.role.value,
                office=principal.office, demo=principal.demo, active=True, created_at=_now(),
            )
        )  # fmt: skip


def _stored(row: Any) -> StoredUser:
    principal = Principal(row.username, row.full_name, Role(row.role), row.office, bool(row.demo))
    return StoredUser(principal, row.password_hash, bool(row.active))


def get_user(db: Engine | Connection, username: str) -> StoredUser | None:
    """The user called ``username``, or None."""
    query = select(users).where(users.c.username == username)
    if isinstance(db, Connection):
        row = db.execute(query).first()
    else:
        with db.connect() as conn:
            row = conn.execute(query).first()
    return None if row is None else _stored(row)


def set_password_hash(engine: Engine, username: str, password_hash: str) -> None:
    """Replace a user's password hash (after a rehash with new parameters)."""
    with engine.begin() as conn:
        conn.execute(
            update(users).where(users.c.username == username).values(password_hash=password_hash)
        )


def record_login(engine: Engine, username: str, client: str, ok: bool) -> None:
    """Keep one login attempt (success or failure) for review."""
    with engine.begin() as conn:
        conn.execute(
            login_attempts.insert().values(
                username=username[:64], client=client[:64], at=_now(), ok=ok
            )
        )


def count_users(engine: Engine, demo: bool | None = None) -> int:
    """Number of users (only demo ones, or only real ones, when ``demo`` is given)."""
    query = select(func.count()).select_from(users)
    if demo is not None:
        query = query.where(users.c.demo.is_(demo))
    with engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


def claims(engine: Engine, source_ids: list[str]) -> dict[str, str]:
    """Who holds the open claim on each of ``source_ids`` that is claimed."""
    if not source_ids:
        return {}
    query = select(queue_claims.c.source_id, queue_claims.c.username).where(
        queue_claims.c.source_id.in_(source_ids), queue_claims.c.released_at.is_(None)
    )
    with engine.connect() as conn:
        return {r.source_id: r.username for r in conn.execute(query)}


def claim(engine: Engine, source_id: str, username: str) -> None:
    """Claim a queue item for ``username``; :class:`Conflict` if someone else holds it."""
    with engine.begin() as conn:
        held = conn.execute(
            select(queue_claims.c.username).where(
                queue_claims.c.source_id == source_id, queue_claims.c.released_at.is_(None)
            )
        ).first()
        if held is not None:
            if held.username == username:
                return
            raise Conflict(f"{source_id} is claimed by {held.username}")
        conn.execute(
            queue_claims.insert().values(source_id=source_id, username=username, claimed_at=_now())
        )


def release(engine: Engine, source_id: str, username: str) -> None:
    """Release the caller's claim; :class:`NotFound` if they hold none."""
    with engine.begin() as conn:
        done = conn.execute(
            update(queue_claims)
            .where(
                queue_claims.c.source_id == source_id,
                queue_claims.c.username == username,
                queue_claims.c.released_at.is_(None),
            )
            .values(released_at=_now())
        )
        if done.rowcount == 0:
            raise NotFound(f"{username} holds no claim on {source_id}")
