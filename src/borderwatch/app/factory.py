"""The application factory: one FastAPI app serving the API (at the root) and the web
pages (under ``/ui``), over one store, with errors mapped in one place."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine

import borderwatch.store.users  # noqa: F401  (registers the user tables on the metadata)
from borderwatch.api import Services, api_router
from borderwatch.app import errors
from borderwatch.app.backend import ApiBackend
from borderwatch.settings import Settings, get_settings
from borderwatch.store import open_store
from borderwatch.web import STATIC_DIR, WEB_PREFIX, web_router

DESCRIPTION = """Customs risk targeting: assess declarations, work the targeting queue, author
and backtest rules, run cases. Log in at `POST /auth/token` (OAuth2 password flow) and send
`Authorization: Bearer <token>`. Every error has the body
`{"error": code, "message": text, "details": {...}}`; every list is paginated with
`limit` and `offset` and returns `items`, `total`, `limit`, `offset`."""


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    """The application over ``engine`` (default: the settings' store, migrated)."""
    settings = settings or get_settings()
    owned = engine is None
    store = engine if engine is not None else open_store(settings.store_url)
    services = Services(store, settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        if owned:
            store.dispose()

    app = FastAPI(title="Borderwatch", version="0.1.0", description=DESCRIPTION,
                  lifespan=lifespan)  # fmt: skip
    app.state.services = services
    app.state.backend = ApiBackend(services)
    errors.install(app)
    app.include_router(api_router())
    app.include_router(web_router())
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse(f"{WEB_PREFIX}/", status_code=303)

    return app
