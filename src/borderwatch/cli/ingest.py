"""``borderwatch ingest`` and ``borderwatch quarantine``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn
from rich.table import Table

from borderwatch.cli.util import console, err_console, print_json
from borderwatch.ingest import IngestReport, ingest, list_quarantine, open_reader
from borderwatch.settings import get_settings
from borderwatch.store import open_store

quarantine_app = typer.Typer(help="Inspect records rejected by ingest.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)
    app.add_typer(quarantine_app, name="quarantine")


def ingest_command(
    path: Annotated[str, typer.Argument(help="File to read, or - for standard input.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv or kcs.")] = "jsonl",
    mapping: Annotated[
        Path | None, typer.Option(help="YAML column mapping (needed for --format csv).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Validate and store declarations; rejected records go to quarantine with reasons.

    Exits non-zero only when the input cannot be read at all.
    """
    settings = get_settings()
    reader = open_reader(fmt, path, mapping, settings.max_record_bytes)
    engine = open_store()
    total = reader.size()
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=err_console,
        disable=as_json or total is None,
        transient=True,
    ) as bar:
        task = bar.add_task(f"ingest {Path(path).name}", total=total)
        report = ingest(engine, reader, progress=lambda done: bar.update(task, completed=done))
    if as_json:
        print_json(report.as_dict())
    else:
        _print_report(report, settings.store_url)


def _print_report(report: IngestReport, url: str) -> None:
    table = Table(title=f"Ingest of {report.source} ({report.format}), run {report.run_id}")
    for col in ("read", "accepted", "quarantined", "duplicates", "versions", "outcomes"):
        table.add_column(col, justify="right")
    table.add_row(
        *(
            f"{getattr(report, c):,}"
            for c in ("read", "accepted", "quarantined", "duplicates", "versions", "outcomes")
        )
    )
    console.print(table)
    console.print(f"store: {url}")
    if report.quarantined:
        console.print("see why records were rejected: borderwatch quarantine list")


@quarantine_app.command("list")
def quarantine_list(
    run: Annotated[int | None, typer.Option(help="Only this ingest run.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000, help="Rows per page.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Rows to skip.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """List quarantined records with the reason for each rejected field."""
    total, page = list_quarantine(open_store(), run_id=run, limit=limit, offset=offset)
    if as_json:
        print_json(
            {
                "total": total,
                "items": [
                    {
                        "id": q.id,
                        "run": q.run_id,
                        "source": q.source,
                        "location": q.location,
                        "record_id": q.record_id,
                        "reasons": q.reasons,
                    }
                    for q in page
                ],
            }
        )
        return
    table = Table(title=f"Quarantine: {total:,} records (showing {len(page)} from {offset})")
    for col in ("id", "run", "source", "where", "record", "reasons"):
        table.add_column(col, overflow="fold")
    for q in page:
        reasons = "\n".join(f"{r['path']}: {r['reason']}" for r in q.reasons)
        table.add_row(
            str(q.id), str(q.run_id), Path(q.source).name, q.location, q.record_id or "", reasons
        )
    console.print(table)
