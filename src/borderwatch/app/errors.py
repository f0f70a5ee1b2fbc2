"""Errors mapped to HTTP in one place: every API error gets the one JSON body
(``{"error", "message", "details"}``); web pages get an HTML page or a redirect to login."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from borderwatch.api import Internal, RouteError, TooManyRequests
from borderwatch.api.errors import from_validation
from borderwatch.errors import BorderwatchError
from borderwatch.web import WEB_PREFIX, error_page

log = logging.getLogger("borderwatch.app")


def as_error(exc: Exception) -> BorderwatchError:
    """Any exception as a Borderwatch error (unknown ones as ``internal``, no internals)."""
    if isinstance(exc, BorderwatchError):
        return exc
    if isinstance(exc, RequestValidationError):
        return from_validation(exc.errors())
    if isinstance(exc, HTTPException):
        return RouteError(exc.status_code, str(exc.detail))
    log.exception("unexpected error", exc_info=exc)
    return Internal("an unexpected error occurred; it has been logged")


def json_error(error: BorderwatchError) -> JSONResponse:
    """The one JSON error response."""
    headers = {}
    if error.status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    if isinstance(error, TooManyRequests):
        headers["Retry-After"] = str(error.details.get("retry_after", 60))
    return JSONResponse(error.to_dict(), status_code=error.status, headers=headers)


async def handle(request: Request, exc: Exception) -> Response:
    """The one handler: web pages render HTML, everything else the JSON error body."""
    error = as_error(exc)
    if request.url.path.startswith(WEB_PREFIX):
        return error_page(request, error)
    return json_error(error)


def install(app: FastAPI) -> None:
    """Route every error of ``app`` through :func:`handle`."""
    for kind in (BorderwatchError, RequestValidationError, HTTPException, Exception):
        app.add_exception_handler(kind, handle)
