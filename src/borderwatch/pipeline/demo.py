"""The demo: generate trade with planted threats, ingest it (with some bad records, to show
the quarantine) into the embedded store, and run every stage that is built on it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from borderwatch.ingest import IngestReport, JsonlReader, ingest
from borderwatch.settings import Settings
from borderwatch.store import open_store
from borderwatch.synth import GenerationSummary, WatchlistEntry, write_jsonl

Step = Callable[[str], None]
BAD_RECORDS = Path(__file__).with_name("data") / "bad_declarations.jsonl"


@dataclass(frozen=True, slots=True)
class DemoOptions:
    """How much demo trade to make, and from which seed."""

    count: int = 20_000
    seed: int = 2024
    days: int = 120
    fresh: bool = True


@dataclass(slots=True)
class DemoResult:
    """What the demo did and where its output is."""

    data_dir: Path
    store_url: str
    generated: Path
    generation: GenerationSummary
    ingest: IngestReport
    bad_records: IngestReport
    notes: list[str] = field(default_factory=list)


def run_demo(
    settings: Settings,
    options: DemoOptions,
    watchlist: list[WatchlistEntry],
    step: Step = lambda _msg: None,
) -> DemoResult:
    """Run the demo in ``settings.data_dir`` (its store is recreated unless ``fresh`` is off)."""
    data_dir = settings.data_dir
    if options.fresh and settings.database_url is None:
        _reset(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    generated = data_dir / "demo-declarations.jsonl"
    step(f"generating {options.count:,} declarations with planted threats")
    summary = write_jsonl(
        generated, count=options.count, seed=options.seed, days=options.days, watchlist=watchlist
    )
    engine = open_store(settings.store_url)
    step("ingesting them into the store")
    report = ingest(engine, JsonlReader(generated, settings.max_record_bytes))
    step("ingesting a file of bad records, to show the quarantine")
    bad = ingest(engine, JsonlReader(BAD_RECORDS, settings.max_record_bytes))
    engine.dispose()
    return DemoResult(data_dir, settings.store_url, generated, summary, report, bad)


def _reset(data_dir: Path) -> None:
    for name in ("borderwatch.db", "borderwatch.db-wal", "borderwatch.db-shm"):
        (data_dir / name).unlink(missing_ok=True)
    shutil.rmtree(data_dir / "reports", ignore_errors=True)
