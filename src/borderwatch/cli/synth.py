"""``borderwatch generate``: write synthetic declarations with planted, labelled threats."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

from borderwatch.cli.util import err_console
from borderwatch.errors import SourceUnreadable
from borderwatch.synth import GenerationSummary, WatchlistEntry, write_jsonl


def shipped_watchlist() -> list[WatchlistEntry]:
    """Every entry of the screening engine's shipped lists, as generator watchlist entries
    (``list_id`` is ``<list name>:<entity id>``, as a screening hit names it)."""
    try:
        from borderwatch.screening import default_lists
    except ImportError as exc:
        raise SourceUnreadable(
            "the sanctioned_party pattern needs the screening lists (borderwatch.screening), "
            "which cannot be imported here; run with --no-sanctions to skip that pattern",
            cause=str(exc),
        ) from None
    return [
        WatchlistEntry(
            name=entry.caption,
            schema=entry.schema,
            country=min(entry.countries).upper() if entry.countries else None,
            list_id=f"{listed.name}:{entry.entity_id}",
        )
        for listed in default_lists()
        for entry in listed.entries.values()
        if entry.names
    ]


def _report(summary: GenerationSummary) -> None:
    planted = ", ".join(f"{name} {n}" for name, n in summary.planted.items())
    err_console.print(
        f"{summary.count:,} declarations, {summary.threats} planted threats ({planted}); "
        f"{summary.inspected:,} inspected, {summary.irregularities:,} with findings",
        highlight=False,
    )
    for pattern, reason in summary.skipped.items():
        err_console.print(f"[yellow]skipped:[/yellow] {pattern} ({reason})", highlight=False)


def generate(
    count: Annotated[
        int, typer.Option("--count", "-n", help="Declarations to write (1 to 10,000,000).")
    ] = 10_000,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same bytes.")] = 0,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="JSON Lines file to write; - for stdout.")
    ] = Path("-"),
    start: Annotated[
        dt.datetime, typer.Option(formats=["%Y-%m-%d"], help="First day, YYYY-MM-DD.")
    ] = dt.datetime(2024, 1, 1),
    days: Annotated[int, typer.Option(help="Number of days the declarations span.")] = 365,
    office: Annotated[
        list[str] | None,
        typer.Option(
            help="Declaring office, a UN/LOCODE port with an optional suffix (NLRTM, "
            "NLRTM001); repeat for several. Default: NLRTM."
        ),
    ] = None,
    threat_rate: Annotated[
        float, typer.Option(help="Share of declarations carrying a planted pattern.")
    ] = 0.003,
    sanctions: Annotated[
        bool,
        typer.Option(
            help="Plant sanctioned parties from the screening engine's shipped lists "
            "(--no-sanctions skips the sanctioned_party pattern)."
        ),
    ] = True,
) -> None:
    """Write synthetic declarations with outcomes and planted, labelled risk patterns."""
    watchlist = shipped_watchlist() if sanctions else []
    columns = (
        *Progress.get_default_columns()[:1],
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err_console, transient=True) as bar:
        task = bar.add_task("generating", total=count)
        summary = write_jsonl(
            "-" if str(out) == "-" else out,
            count,
            seed,
            start=start.date(),
            days=days,
            offices=office or ["NLRTM"],
            threat_rate=threat_rate,
            watchlist=watchlist,
            progress=lambda n: bar.advance(task, n),
        )
    _report(summary)


def register(app: typer.Typer) -> None:
    """Add the ``generate`` command to ``app``."""
    app.command("generate", help="Generate synthetic declarations (JSON Lines).")(generate)
