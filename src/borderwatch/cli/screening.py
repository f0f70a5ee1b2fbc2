"""``borderwatch screen``: screen a parties CSV against watchlists; ``borderwatch
screen-review``: confirm or dismiss hits and list the reviews."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress
from sqlalchemy import Engine

from borderwatch.cli.util import console, err_console
from borderwatch.errors import InvalidInput
from borderwatch.screening import (
    OPERATING_THRESHOLD,
    Screener,
    ScreeningPool,
    default_lists,
    load_list,
    party,
)
from borderwatch.screening.batch import screen_csv
from borderwatch.screening.review import confirm, dismiss, party_key, reviews
from borderwatch.store import open_store

ListOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--list",
        help="A list file (UN XML, OFAC sdn.csv, FtM .jsonl, lookout CSV); repeat for more.",
    ),
]
DefaultOpt = Annotated[
    bool, typer.Option("--default-lists", help="Use the small fixture lists shipped (demo).")
]


def _lists(lists: list[Path] | None, defaults: bool) -> Screener:
    if not lists and not defaults:
        raise InvalidInput("give at least one --list PATH (or --default-lists for the demo)")
    return Screener([load_list(p) for p in lists or []] + (default_lists() if defaults else []))


def screen(
    inp: Annotated[
        Path, typer.Option("--input", help="Parties CSV: id,name[,schema,birth_date,country].")
    ],
    lists: ListOpt = None,
    defaults: DefaultOpt = False,
    out: Annotated[Path, typer.Option("--out", help="Hits CSV to write; - for stdout.")] = Path(
        "-"
    ),
    threshold: Annotated[
        float | None,
        typer.Option(
            help=f"Minimum score of a hit (default: the operating point {OPERATING_THRESHOLD})."
        ),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            help="Processes to screen on (each distinct party screened once, in even shares).",
        ),
    ] = 1,
) -> None:
    """Screen parties against watchlists; one output row per hit, with its explanation."""
    screener = _lists(lists, defaults)
    with inp.open(encoding="utf-8", errors="replace") as counting:
        total = sum(1 for _ in counting) - 1
    fh = sys.stdout if str(out) == "-" else out.open("w", encoding="utf-8", newline="")
    closer = contextlib.nullcontext() if fh is sys.stdout else fh
    if workers > 1:
        err_console.print(f"starting {workers - 1} more screening process(es)...", style="dim")
    pool = ScreeningPool(screener, workers) if workers > 1 else contextlib.nullcontext(screener)
    with closer, pool as many, Progress(console=err_console, transient=True) as bar:
        task = bar.add_task("screening", total=max(total, 0))
        report = screen_csv(many, inp, fh, threshold, progress=lambda n: bar.advance(task, n))
    for problem in report.problems:
        err_console.print(f"[yellow]warning:[/yellow] {problem}", highlight=False)
    err_console.print(
        f"{report.screened} of {report.read} parties screened, {report.hits} hits", highlight=False
    )


review_app = typer.Typer(help="Confirm or dismiss screening hits; list the reviews.")


def _review(
    action: str,
    name: str,
    entity_id: str,
    by: str,
    reason: str,
    lists: list[Path] | None,
    defaults: bool,
    schema: str,
    country: str | None,
    birth_date: str | None,
) -> None:
    q = party(name, schema, country, birth_date)
    hits = _lists(lists, defaults).screen(q, threshold=0.0)
    hit = next((h for h in hits if h.entity_id == entity_id), None)
    if hit is None:
        raise InvalidInput(f"{name!r} does not resemble list entry {entity_id!r}")
    record = (confirm if action == "confirm" else dismiss)(_store(), party_key(q), hit, by, reason)
    console.print(f"review {record.id}: {record.note()}", highlight=False)


def _store() -> Engine:
    """The store of the settings, migrated."""
    return open_store()


Name = Annotated[str, typer.Option("--name", help="The party's name as declared.")]
Entity = Annotated[str, typer.Option("--entity-id", help="The list's id of the entry hit.")]
By = Annotated[str, typer.Option("--by", help="Who decides.")]
Reason = Annotated[str, typer.Option("--reason", help="Why.")]
Schema = Annotated[str, typer.Option("--schema", help="Person, Company, Organization, Vessel.")]
Country = Annotated[str | None, typer.Option("--country", help="The party's country (ISO 3166).")]
Birth = Annotated[str | None, typer.Option("--birth-date", help="Date of birth, YYYY-MM-DD.")]


@review_app.command("confirm")
def review_confirm(
    name: Name,
    entity_id: Entity,
    by: By,
    reason: Reason,
    lists: ListOpt = None,
    defaults: DefaultOpt = False,
    schema: Schema = "LegalEntity",
    country: Country = None,
    birth_date: Birth = None,
) -> None:
    """Record that a hit is a true match."""
    _review("confirm", name, entity_id, by, reason, lists, defaults, schema, country, birth_date)


@review_app.command("dismiss")
def review_dismiss(
    name: Name,
    entity_id: Entity,
    by: By,
    reason: Reason,
    lists: ListOpt = None,
    defaults: DefaultOpt = False,
    schema: Schema = "LegalEntity",
    country: Country = None,
    birth_date: Birth = None,
) -> None:
    """Record that a hit is a false positive (suppressed until the list entry changes)."""
    _review("dismiss", name, entity_id, by, reason, lists, defaults, schema, country, birth_date)


@review_app.command("list")
def review_list(
    live: Annotated[bool, typer.Option("--live", help="Only decisions in force.")] = False,
) -> None:
    """Every review, oldest first: id, decision, party key, list entry, who, when, why."""
    for r in reviews(_store(), live_only=live):
        state = "live" if r.superseded_at is None else "superseded"
        typer.echo(
            f"{r.id}\t{r.decision.value}\t{state}\t{r.party_key}\t{r.list_name}:{r.entity_id}"
            f"\t{r.recorded_by}\t{r.recorded_at:%Y-%m-%d %H:%M}\t{r.reason}"
        )


def register(app: typer.Typer) -> None:
    """Add the screening commands to ``app``."""
    app.command("screen", help="Screen a parties CSV against sanctions and lookout lists.")(screen)
    app.add_typer(review_app, name="screen-review")
