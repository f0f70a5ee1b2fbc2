"""Web sessions: the login token in an HttpOnly, SameSite=Strict cookie; page dependencies."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request

from borderwatch.errors import Forbidden
from borderwatch.store.users import Permission, Principal
from borderwatch.web.ports import Backend

COOKIE = "bw_session"


class LoginRequired(Forbidden):
    """A page needs a logged-in user; the error handler redirects to the login page."""

    status = 401
    code = "unauthenticated"


def backend(request: Request) -> Backend:
    """The backend the application factory plugged in."""
    found: Backend = request.app.state.backend
    return found


BackendDep = Annotated[Backend, Depends(backend)]


def _user(request: Request, back: BackendDep) -> Principal:
    token = request.cookies.get(COOKIE)
    if not token:
        raise LoginRequired("log in first")
    try:
        return back.principal(token)
    except Exception as exc:  # an expired or forged cookie: log in again
        raise LoginRequired("your session has ended; log in again") from exc


PageUser = Annotated[Principal, Depends(_user)]


def needs(permission: Permission) -> Callable[[Principal], Principal]:
    """A page dependency: the user, if their role grants ``permission``."""

    def dependency(user: PageUser) -> Principal:
        if not user.can(permission):
            raise Forbidden(f"your role ({user.role.value}) may not open this page")
        return user

    return dependency
