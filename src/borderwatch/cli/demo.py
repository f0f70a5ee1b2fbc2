"""``borderwatch demo``: the whole pipeline on generated data in the embedded store."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.panel import Panel
from rich.table import Table

from borderwatch.cli.assess import render
from borderwatch.cli.synth import shipped_watchlist
from borderwatch.cli.util import console
from borderwatch.pipeline import DemoOptions, DemoResult, run_demo
from borderwatch.settings import get_settings


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)


def demo(
    count: Annotated[int, typer.Option(min=1000, max=2_000_000, help="Declarations.")] = 20_000,
    seed: Annotated[int, typer.Option(help="Seed of the generated trade.")] = 2024,
    days: Annotated[int, typer.Option(min=7, max=3650, help="Days of trade.")] = 120,
    keep: Annotated[bool, typer.Option(help="Keep the existing demo store.")] = False,
) -> None:
    """Generate trade with planted threats and run the whole pipeline on the embedded store."""
    settings = get_settings()
    options = DemoOptions(count=count, seed=seed, days=days, fresh=not keep)
    with console.status("starting") as status:
        result = run_demo(
            settings, options, shipped_watchlist(), step=lambda msg: status.update(msg)
        )
    _print(result)


def _print(result: DemoResult) -> None:
    gen = result.generation
    planted = ", ".join(f"{k} {v}" for k, v in gen.planted.items() if v)
    console.print(
        Panel.fit(
            f"{gen.count:,} declarations, {gen.threats:,} planted threats ({planted})\n"
            f"{gen.inspected:,} historically inspected, {gen.irregularities:,} with findings",
            title="1. Generated trade",
        )
    )
    table = Table(title="2. Ingest reports")
    for col in ("source", "read", "accepted", "quarantined", "duplicates", "versions"):
        table.add_column(col, justify="right" if col != "source" else "left")
    for rep in (result.ingest, result.bad_records):
        table.add_row(
            rep.source.rsplit("/", 1)[-1],
            *(
                f"{getattr(rep, c):,}"
                for c in ("read", "accepted", "quarantined", "duplicates", "versions")
            ),
        )
    console.print(table)
    console.print(
        Panel.fit(
            f"trained on {result.trained_on:,} inspected declarations before the last month\n"
            f"model: {result.model_dir} (registered and active: `assess` and the web use it)",
            title="3. Risk model",
        )
    )
    run = result.assessment
    lanes = ", ".join(f"{k} {v:,}" for k, v in sorted(run.lanes.items()))
    console.print(
        Panel.fit(
            f"{run.assessed:,} declarations assessed ({lanes}); refused {len(run.refusals)}\n"
            f"failed components: {dict(run.failed) or 'none'}",
            title="4. Assessment",
        )
    )
    console.print(Panel(render(result.report), title="5. Selectivity report"))
    for note in result.notes:
        console.print(f"[dim]{note}[/dim]")
    chain = result.audit
    state = "intact" if chain.ok else f"BROKEN at entry {chain.first_bad}: {chain.reason}"
    console.print(
        Panel.fit(
            f"{chain.checked:,} entries (one per decision above), hash-chained: {state}\n"
            f"head: entry {chain.head_seq}, {chain.head_hash[:16]}...\n"
            "check again: .venv/bin/borderwatch audit verify",
            title="6. Audit trail",
        )
    )
    console.print(
        Panel.fit(
            f"data directory:  {result.data_dir}\n"
            f"store:           {result.store_url}\n"
            f"generated file:  {result.generated}\n"
            "quarantine:      .venv/bin/borderwatch quarantine list\n"
            f"chart:           {result.report.get('chart')}\n"
            "decisions:       .venv/bin/borderwatch report --json\n"
            "all commands:    .venv/bin/borderwatch --help",
            title="Where to look",
        )
    )
