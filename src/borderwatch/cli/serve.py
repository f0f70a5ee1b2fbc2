"""``borderwatch serve``: the HTTP API and the officers' web interface."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.panel import Panel
from sqlalchemy import func, select

from borderwatch.app import serve as run_server
from borderwatch.app.server import prepare_demo
from borderwatch.cli.synth import shipped_watchlist
from borderwatch.cli.util import console
from borderwatch.errors import Forbidden
from borderwatch.pipeline import DemoOptions, run_demo
from borderwatch.settings import Settings, get_settings
from borderwatch.store import open_store
from borderwatch.store.schema import declarations


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def _has_data(settings: Settings) -> bool:
    engine = open_store(settings.store_url)
    try:
        with engine.connect() as conn:
            return bool(conn.execute(select(func.count()).select_from(declarations)).scalar())
    finally:
        engine.dispose()


def _demo_settings(count: int) -> Settings:
    settings = get_settings()
    if settings.mode == "production":
        raise Forbidden("--demo is refused in production mode")
    settings = settings.model_copy(update={"mode": "demo"})
    if not _has_data(settings):
        with console.status("making demo data") as status:
            options = DemoOptions(count=count, fresh=False)
            run_demo(settings, options, shipped_watchlist(), step=lambda m: status.update(m))
    users = prepare_demo(settings).users
    lines = [f"{u.principal.username:<11} {u.password:<17} {u.principal.role.value:<19} "
             f"{u.principal.office or 'all offices'}" for u in users]  # fmt: skip
    console.print(Panel.fit("\n".join(lines), title="DEMO USERS - DEMO ONLY, refused outside "
                            "demo mode; never use these accounts with real data",
                            border_style="yellow"))  # fmt: skip
    return settings


def serve(
    demo: Annotated[bool, typer.Option(help="Demo data and demo users (demo only).")] = False,
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port.")] = 8000,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    count: Annotated[int, typer.Option(min=1000, help="Demo declarations if none.")] = 20_000,
) -> None:
    """Serve the API and the web interface (http://HOST:PORT/ui/)."""
    settings = _demo_settings(count) if demo else get_settings()
    console.print(f"Borderwatch on http://{host}:{port}/ui/ (API docs: /docs); Ctrl-C stops")
    run_server(settings, host=host, port=port)
