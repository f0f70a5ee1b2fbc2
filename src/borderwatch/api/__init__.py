"""The HTTP API: one router per capability, OAuth2 password login issuing JWTs, role and
office authorisation on every endpoint, pagination on every list.

:func:`api_router` gathers the routers; :class:`Services` holds what they work with;
the application factory (:mod:`borderwatch.app`) mounts both.
"""

from fastapi import APIRouter

from borderwatch.api.demo import DEMO_USERS, DemoUser, install_demo_users
from borderwatch.api.errors import Internal, RouteError, TooManyRequests, Unauthenticated
from borderwatch.api.routers import (
    assess,
    audit,
    auth,
    cases,
    declarations,
    queue,
    rules,
    screening,
)
from borderwatch.api.security import Authenticator, LoginLimiter, Token, hash_password
from borderwatch.api.services import Services


def api_router() -> APIRouter:
    """Every router of the API."""
    root = APIRouter()
    for module in (auth, assess, declarations, queue, rules, screening, cases, audit):
        root.include_router(module.router)
    return root


__all__ = [
    "DEMO_USERS",
    "Authenticator",
    "DemoUser",
    "Internal",
    "LoginLimiter",
    "RouteError",
    "Services",
    "Token",
    "TooManyRequests",
    "Unauthenticated",
    "api_router",
    "hash_password",
    "install_demo_users",
]
