"""The demo: generate trade with planted threats, ingest it (with some bad records, to show
the quarantine) into the embedded store, train a risk model on the first months' inspection
results, assess the last month's declarations into explained lanes within capacity, and report
what selection achieved, including how many planted threats it caught; finally the audit
chain every decision was written to is verified end to end."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from borderwatch.audit import VerifyResult, verify
from borderwatch.ingest import IngestReport, JsonlReader, ingest
from borderwatch.pipeline.history import labelled_history
from borderwatch.scoring import TrainConfig, table_of, train_model
from borderwatch.scoring.registry import activate, register
from borderwatch.selectivity import RunSummary, report, run_assessment
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
    assess_days: int = 30
    start: dt.date = dt.date(2024, 1, 1)
    fresh: bool = True

    @property
    def cutoff(self) -> dt.date:
        """First day assessed; the days before it are the history the model learns from."""
        return self.start + dt.timedelta(days=self.days - self.assess_days)


@dataclass(slots=True)
class DemoResult:
    """What the demo did and where its output is."""

    data_dir: Path
    store_url: str
    generated: Path
    generation: GenerationSummary
    ingest: IngestReport
    bad_records: IngestReport
    trained_on: int
    model_dir: Path
    assessment: RunSummary
    report: dict[str, Any]
    audit: VerifyResult
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
    report_ = ingest(engine, JsonlReader(generated, settings.max_record_bytes))
    step("ingesting a file of bad records, to show the quarantine")
    bad = ingest(engine, JsonlReader(BAD_RECORDS, settings.max_record_bytes))
    model_dir, trained = _train(engine, data_dir, options, step)
    step(f"assessing the declarations lodged from {options.cutoff} into lanes")
    run = run_assessment(engine, start=options.cutoff, model_dir=model_dir)
    step("reporting what selection achieved")
    chart = data_dir / "reports" / "selectivity.png"
    chart.parent.mkdir(parents=True, exist_ok=True)
    figures = report(engine, start=options.cutoff, chart=chart).to_dict()
    step("verifying the audit chain")
    chain = verify(engine)
    engine.dispose()
    return DemoResult(
        data_dir,
        settings.store_url,
        generated,
        summary,
        report_,
        bad,
        trained,
        model_dir,
        run,
        figures,
        chain,
        [
            f"Lodging to decision is long here: the demo assesses trade lodged from "
            f"{options.cutoff} today. In service a declaration is assessed when it is lodged.",
            *filter(None, [selection_note(figures)]),
        ],
    )


SELECTED_BASES = {
    "mandatory": "mandatory rules",
    "sanctions": "sanctions hits and prohibited goods",
    "risk": "risk",
    "random": "the random control sample",
}
"""The bases of a selection, as the demo's note names them (``hold`` is counted apart)."""


def selection_note(figures: dict[str, Any]) -> str | None:
    """What the inspection rate of a report is made of, basis by basis (None when nothing was
    selected): rules that always select and sanctions hits select whatever the capacity, so the
    rate can pass the policy's maximum on trade with many controlled goods."""
    by_basis = figures.get("hit_rate_by_basis") or {}
    total = figures.get("declarations") or 0
    counts = {b: (by_basis.get(b) or {}).get("declarations") or 0 for b in SELECTED_BASES}
    parts = [
        f"{label} {counts[basis] / total:.2%} ({counts[basis]:,})"
        for basis, label in SELECTED_BASES.items()
        if total and counts[basis]
    ]
    if not parts:
        return None
    return (
        f"Selected {figures.get('inspection_rate', 0.0):.2%} of declarations: "
        + ", ".join(parts)
        + ". Mandatory rules (controlled goods: this generated trade carries far more licensed "
        "explosives and radioactive material than real trade) and sanctions hits select "
        f"whatever the capacity ({figures.get('overflow', 0):,} over it)."
    )


def _train(engine: Engine, data_dir: Path, options: DemoOptions, step: Step) -> tuple[Path, int]:
    step(f"training the risk model on inspection results before {options.cutoff}")
    history = labelled_history(engine, before=options.cutoff)
    model_dir = data_dir / "models" / "demo"
    shutil.rmtree(model_dir, ignore_errors=True)
    train_model(table_of(history), model_dir, TrainConfig(rounds=150), created_by="demo")
    # registered and active, so that `borderwatch assess` and the web interface use it too
    activate(engine, register(engine, model_dir).version, "demo")
    return model_dir, len(history)


def _reset(data_dir: Path) -> None:
    for name in ("borderwatch.db", "borderwatch.db-wal", "borderwatch.db-shm"):
        (data_dir / name).unlink(missing_ok=True)
    shutil.rmtree(data_dir / "reports", ignore_errors=True)
    shutil.rmtree(data_dir / "models" / "demo", ignore_errors=True)
