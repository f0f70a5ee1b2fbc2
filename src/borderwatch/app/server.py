"""Running the application with uvicorn, optionally on demo data with demo users."""

from __future__ import annotations

from dataclasses import dataclass

import uvicorn

from borderwatch.api import DemoUser, install_demo_users
from borderwatch.app.factory import create_app
from borderwatch.settings import Settings
from borderwatch.store import open_store


@dataclass(frozen=True, slots=True)
class Prepared:
    """What :func:`prepare_demo` set up: the demo users (demo only)."""

    users: list[DemoUser]


def prepare_demo(settings: Settings) -> Prepared:
    """Install the demo offices and users in the settings' store (demo mode only)."""
    engine = open_store(settings.store_url)
    try:
        return Prepared(install_demo_users(engine, settings))
    finally:
        engine.dispose()


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the application until interrupted."""
    app = create_app(settings)
    uvicorn.run(app, host=host, port=port, log_level=settings.log_level.lower(),
                access_log=False)  # fmt: skip
