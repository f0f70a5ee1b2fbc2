"""HTTP API: ``POST /assess`` at a fixed rate from a separate process on loopback.

The server (``borderwatch.app.serve``, one uvicorn process) runs on demo data: generated
trade ingested, a model trained and activated, the shipped lists and the security rule pack.
This process sends generated declarations open-loop at ``RATE`` requests per second for a
bounded duration, each over a kept-alive connection, and measures the latency of each
request from its scheduled send time (so a stalled server cannot hide queueing).
Baseline, same run: ``Assessor.assess`` on the same declarations in this process, without
HTTP, authentication or JSON.
"""

from __future__ import annotations

import gc
import os
import queue
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from tempfile import TemporaryDirectory

import httpx
import orjson

from borderwatch.api import hash_password
from borderwatch.pipeline import DemoOptions, run_demo
from borderwatch.selectivity import build_assessor
from borderwatch.settings import Settings
from borderwatch.store import open_store
from borderwatch.store.users import Principal, Role, add_user

RATE = 200
WORKERS = 32
TARGET_MS = 50.0
SERVER = "from borderwatch.app import serve; from borderwatch.settings import get_settings; " \
         "serve(get_settings(), port={port})"  # fmt: skip


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _prepare(data: Path, count: int) -> list[bytes]:
    settings = Settings(data_dir=data, mode="development")
    from borderwatch.cli.synth import shipped_watchlist

    run_demo(settings, DemoOptions(count=count), shipped_watchlist())
    engine = open_store(settings.store_url)
    add_user(engine, Principal("bench", "Benchmark", Role.ANALYST, None), hash_password("bench"))
    engine.dispose()
    lines = (data / "demo-declarations.jsonl").read_bytes().splitlines()
    return [line for line in lines[-500:] if line.strip()]


def _wait(base: str, proc: subprocess.Popen[bytes]) -> None:
    while proc.poll() is None:
        try:
            httpx.get(f"{base}/openapi.json", timeout=1.0)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError("the server exited")


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _load(base: str, token: str, bodies: list[bytes], seconds: float) -> tuple[list[float], int]:
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    clients: queue.SimpleQueue[httpx.Client] = queue.SimpleQueue()
    for _ in range(WORKERS):  # made before the clock starts: a client builds an SSL context
        clients.put(httpx.Client(base_url=base, headers=headers, timeout=10.0))

    def send(i: int, due: float) -> tuple[float, bool]:
        delay = due - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        client = clients.get()
        try:
            response = client.post("/assess", content=bodies[i % len(bodies)])
        finally:
            clients.put(client)
        return (time.perf_counter() - due) * 1000, response.status_code == 200

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        list(pool.map(lambda i: send(i, 0.0), range(100)))  # warm-up: builds the assessor
        total = int(RATE * seconds)
        start = time.perf_counter() + 0.5
        futures = [pool.submit(send, i, start + i / RATE) for i in range(total)]
        results = [f.result() for f in futures]
    while not clients.empty():
        clients.get().close()
    return [ms for ms, _ in results], sum(not ok for _, ok in results)


def _baseline(data: Path, bodies: list[bytes]) -> list[float]:
    engine = open_store(Settings(data_dir=data).store_url)
    assessor = build_assessor(engine)
    decls = [orjson.loads(b) for b in bodies]
    times = []
    for decl in decls * 2:
        began = time.perf_counter()
        assessor.assess(decl)
        times.append((time.perf_counter() - began) * 1000)
    engine.dispose()
    return times


def run(quick: bool = False) -> str:
    seconds, count = (10.0, 3000) if quick else (60.0, 20_000)
    with TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        bodies = _prepare(data, count)
        gc.collect()
        gc.freeze()  # this process's leftovers must not pause the load generator
        port = _port()
        env = {**os.environ, "BORDERWATCH_DATA_DIR": str(data), "BORDERWATCH_MODE": "development"}
        proc = subprocess.Popen([sys.executable, "-c", SERVER.format(port=port)], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            _wait(base, proc)
            token = httpx.post(f"{base}/auth/token", data={"username": "bench",
                               "password": "bench"}).json()["access_token"]  # fmt: skip
            latencies, errors = _load(base, token, bodies, seconds)
        finally:
            proc.terminate()
            proc.wait()
        engine_ms = _baseline(data, bodies)
    p99 = _pct(latencies, 0.99)
    verdict = "met" if p99 <= TARGET_MS and not errors else "NOT met"
    return "\n".join([
        "## HTTP API: `POST /assess`", "",
        f"`.venv/bin/python -m benchmarks api`: {len(latencies):,} requests open-loop at "
        f"{RATE}/s for {seconds:.0f} s from a separate process on loopback, one uvicorn "
        f"process over the embedded SQLite store with {count:,} demo declarations (trained "
        "model, shipped lists, security rule pack). Latency from each request's scheduled "
        "send time.", "",
        "| figure | value |", "|---|---|",
        f"| requests / errors | {len(latencies):,} / {errors} |",
        f"| p50 | {statistics.median(latencies):.1f} ms |",
        f"| p90 | {_pct(latencies, 0.90):.1f} ms |",
        f"| p99 | {p99:.1f} ms (target <= {TARGET_MS:.0f} ms: {verdict}) |",
        f"| max | {max(latencies):.1f} ms |",
        f"| baseline: `Assessor.assess` in process, p50 / p99 | "
        f"{statistics.median(engine_ms):.1f} / {_pct(engine_ms, 0.99):.1f} ms |",
    ])  # fmt: skip
