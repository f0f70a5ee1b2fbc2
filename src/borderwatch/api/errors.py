"""Errors of the HTTP edge, in the one exception tree, and the one JSON error body.

Every error body is ``{"error": code, "message": text, "details": {...}}``
(:meth:`borderwatch.errors.BorderwatchError.to_dict`); the application maps exceptions to it
in one place (:mod:`borderwatch.app.errors`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from borderwatch.errors import BorderwatchError, FieldError, InvalidInput


class Unauthenticated(BorderwatchError):
    """No valid credentials: a missing, malformed or expired token, or a wrong password."""

    status = 401
    code = "unauthenticated"


class TooManyRequests(BorderwatchError):
    """Too many attempts in a short time; ``details.retry_after`` says when to try again."""

    status = 429
    code = "too_many_requests"


class RouteError(BorderwatchError):
    """An HTTP-level refusal that no service raised (unknown path, wrong method)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = {404: "not_found", 405: "method_not_allowed"}.get(status, "http_error")


class Internal(BorderwatchError):
    """An unexpected failure; the body names no internals."""

    status = 500
    code = "internal"


def from_validation(errors: Sequence[Any]) -> InvalidInput:
    """FastAPI's request validation errors as one :class:`InvalidInput` listing every field."""
    fields = []
    for err in errors:
        loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path")]
        fields.append(FieldError(".".join(loc) or "request", str(err.get("msg", "invalid"))))
    return InvalidInput("the request is not valid", fields)
