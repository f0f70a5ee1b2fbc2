"""Dependencies of the API, as ``Annotated`` aliases: the store, the caller, permissions,
office scope and pagination."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Generic, TypeVar

from fastapi import Depends, Query, Request
from fastapi.security import OAuth2PasswordBearer
from pydantic import BaseModel
from sqlalchemy import Engine

from borderwatch.api.errors import Unauthenticated
from borderwatch.api.security import Authenticator
from borderwatch.api.services import Services
from borderwatch.errors import Forbidden
from borderwatch.settings import Settings
from borderwatch.store.users import Permission, Principal

_bearer = OAuth2PasswordBearer(tokenUrl="/auth/token", auto_error=False)


async def _services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


async def _engine(services: Annotated[Services, Depends(_services)]) -> Engine:
    return services.engine


async def _settings(services: Annotated[Services, Depends(_services)]) -> Settings:
    return services.settings


async def _authenticator(services: Annotated[Services, Depends(_services)]) -> Authenticator:
    return services.authenticator


ServicesDep = Annotated[Services, Depends(_services)]
EngineDep = Annotated[Engine, Depends(_engine)]
SettingsDep = Annotated[Settings, Depends(_settings)]
AuthenticatorDep = Annotated[Authenticator, Depends(_authenticator)]


async def _current_user(
    auth: AuthenticatorDep, token: Annotated[str | None, Depends(_bearer)]
) -> Principal:
    if not token:
        raise Unauthenticated("log in first: send 'Authorization: Bearer <token>'")
    return auth.principal(token)


CurrentUser = Annotated[Principal, Depends(_current_user)]


def require(permission: Permission) -> Callable[[Principal], Awaitable[Principal]]:
    """A dependency giving the caller if their role grants ``permission``, else 403."""

    async def dependency(user: CurrentUser) -> Principal:
        if not user.can(permission):
            raise Forbidden(
                f"role {user.role.value} may not {permission.value}",
                permission=permission.value,
            )
        return user

    return dependency


def check_office(user: Principal, office: str) -> None:
    """Refuse with 403 when ``user`` is bound to another office than ``office``."""
    if not user.sees(office):
        raise Forbidden(f"{user.username} works at {user.office}, not {office}", office=office)


class PageParams(BaseModel):
    """Which slice of a list to return."""

    limit: int
    offset: int


async def _page(
    limit: Annotated[int, Query(ge=1, le=200, description="Items per page.")] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip.")] = 0,
) -> PageParams:
    return PageParams(limit=limit, offset=offset)


PageDep = Annotated[PageParams, Depends(_page)]
T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a list: the items, the total, and the slice asked for."""

    items: list[T]
    total: int
    limit: int
    offset: int

    @classmethod
    def of(cls, items: list[T], total: int, page: PageParams) -> Page[T]:
        """A page of ``items`` out of ``total``."""
        return cls(items=items, total=total, limit=page.limit, offset=page.offset)
