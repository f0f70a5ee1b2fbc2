"""Browser fixtures: a live server on demo data (2,000 generated declarations, assessed) and
Debian's Chromium driven headless by Playwright.

Without Chromium the browser tests skip with the reason, except under ``CI=true`` where they
fail. Screenshots go to ``test-artifacts/web/`` (gitignored).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from borderwatch.app import create_app
from borderwatch.app.server import prepare_demo
from borderwatch.cli.synth import shipped_watchlist
from borderwatch.pipeline import DemoOptions, run_demo
from borderwatch.settings import Settings

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def demo_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings of a demo store: generated trade, ingested and assessed, and demo users."""
    data = tmp_path_factory.mktemp("demo") / "data"
    settings = Settings(data_dir=data, mode="demo")
    run_demo(settings, DemoOptions(count=2000, fresh=True), shipped_watchlist())
    prepare_demo(settings)
    return settings


@pytest.fixture(scope="module")
def live_server(demo_settings: Settings) -> Iterator[str]:
    """The real application on demo data, served by uvicorn on a free loopback port."""
    settings = demo_settings
    port = _free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:  # startup, not a timing assertion
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        reason = f"Chromium not found at {CHROMIUM}: apt-get install -y chromium"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()
