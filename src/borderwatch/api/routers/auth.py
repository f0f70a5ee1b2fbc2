"""Authentication: the OAuth2 password flow and the caller's identity."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.security import OAuth2PasswordRequestForm

from borderwatch.api.deps import AuthenticatorDep, CurrentUser
from borderwatch.api.schemas import ERRORS, ErrorBody, TokenOut, UserOut
from borderwatch.store.users import GRANTS

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post(
    "/token", responses={429: {"model": ErrorBody, "description": "Too many failed logins"},
                         **ERRORS},
)  # fmt: skip
def token(
    form: Annotated[OAuth2PasswordRequestForm, Depends()], auth: AuthenticatorDep, request: Request
) -> TokenOut:
    """Log in with user name and password (OAuth2 password flow); failures are rate-limited."""
    client = request.client.host if request.client else "unknown"
    issued = auth.login(form.username, form.password, client)
    return TokenOut(access_token=issued.access_token, expires_in=issued.expires_in)


@router.get("/me", responses=ERRORS)
def me(user: CurrentUser) -> UserOut:
    """Who the token belongs to, and what their role allows."""
    return UserOut(
        username=user.username, full_name=user.full_name, role=user.role.value,
        office=user.office, demo=user.demo,
        permissions=sorted(p.value for p in GRANTS[user.role]),
    )  # fmt: skip
