"""Template rendering shared by the pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from borderwatch.errors import BorderwatchError

WEB_PREFIX = "/ui"
templates = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))


def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render template ``name`` with ``context`` (and the prefix)."""
    return templates.TemplateResponse(
        request, name, {"prefix": WEB_PREFIX, **context}, status_code=status
    )


def error_page(request: Request, error: BorderwatchError) -> Response:
    """An error as an HTML page; an unauthenticated visitor goes to the login page."""
    if error.status == 401:
        return RedirectResponse(f"{WEB_PREFIX}/login", status_code=303)
    return page(request, "error.html", status=error.status, error=error.to_dict(),
                user=getattr(request.state, "user", None))  # fmt: skip
