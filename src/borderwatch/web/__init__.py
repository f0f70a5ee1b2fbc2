"""The officers' web interface: server-rendered Jinja2 pages with htmx, charts drawn on the
server with matplotlib, and sessions in an HttpOnly cookie.

``web`` never imports ``api`` (siblings): what it shares with the API comes through the
:class:`~borderwatch.web.ports.Backend` port, plugged in by the application factory.
"""

from pathlib import Path

from fastapi import APIRouter

from borderwatch.web import casepages, editor, pages
from borderwatch.web.ports import Backend
from borderwatch.web.render import WEB_PREFIX, error_page

STATIC_DIR = Path(__file__).with_name("static")


def web_router() -> APIRouter:
    """Every page, under :data:`WEB_PREFIX`."""
    root = APIRouter(prefix=WEB_PREFIX, include_in_schema=False)
    for module in (pages, editor, casepages):
        root.include_router(module.router)
    return root


__all__ = ["STATIC_DIR", "WEB_PREFIX", "Backend", "error_page", "web_router"]
