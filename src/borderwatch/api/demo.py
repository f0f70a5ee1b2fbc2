"""Demo users: FOR DEMONSTRATION ONLY. Their passwords are printed and published, so they
are installed only in demo mode and refused at login in any other mode."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from borderwatch.api.security import hash_password
from borderwatch.errors import Forbidden
from borderwatch.settings import Settings
from borderwatch.store.users import Principal, Role, add_office, add_user, get_user

DEMO_OFFICES = (("NLRTM", "Rotterdam seaport"), ("NLAMS", "Amsterdam Schiphol airport"))


@dataclass(frozen=True, slots=True)
class DemoUser:
    """A demo account and its published password (demo only)."""

    principal: Principal
    password: str


def _demo(username: str, name: str, role: Role, office: str | None) -> DemoUser:
    return DemoUser(Principal(username, name, role, office, demo=True), f"demo-{username}")


DEMO_USERS = (
    _demo("targeter", "Tara Targeting (demo)", Role.TARGETING_OFFICER, "NLRTM"),
    _demo("inspector", "Ian Inspecting (demo)", Role.INSPECTING_OFFICER, "NLRTM"),
    _demo("supervisor", "Sam Supervisor (demo)", Role.SUPERVISOR, "NLRTM"),
    _demo("analyst", "Ana Analyst (demo)", Role.ANALYST, None),
    _demo("auditor", "Aud Auditor (demo)", Role.AUDITOR, None),
    _demo("partner", "Pat Partner (demo)", Role.PARTNER, None),
    _demo("schiphol", "Sid Schiphol targeting (demo)", Role.TARGETING_OFFICER, "NLAMS"),
)


def install_demo_users(engine: Engine, settings: Settings) -> list[DemoUser]:
    """Create the demo offices and users (those missing); refused outside demo mode."""
    if settings.mode != "demo":
        raise Forbidden("demo users exist only in demo mode (BORDERWATCH_MODE=demo)")
    for code, name in DEMO_OFFICES:
        add_office(engine, code, name)
    for user in DEMO_USERS:
        if get_user(engine, user.principal.username) is None:
            add_user(engine, user.principal, hash_password(user.password))
    return list(DEMO_USERS)
