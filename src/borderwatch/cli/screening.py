"""``borderwatch screen``: screen a parties CSV against watchlists."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress

from borderwatch.cli.util import err_console
from borderwatch.screening import OPERATING_THRESHOLD, Screener, default_lists, load_list
from borderwatch.screening.batch import screen_csv


def screen(
    inp: Annotated[
        Path, typer.Option("--input", help="Parties CSV: id,name[,schema,birth_date,country].")
    ],
    lists: Annotated[
        list[Path] | None,
        typer.Option(
            "--list",
            help="A list file (UN XML, OFAC "
            "sdn.csv, FtM .jsonl, lookout CSV); repeat. Default: shipped fixtures.",
        ),
    ] = None,
    out: Annotated[Path, typer.Option("--out", help="Hits CSV to write; - for stdout.")] = Path(
        "-"
    ),
    threshold: Annotated[
        float | None,
        typer.Option(
            help="Minimum score of a hit written "
            f"(default: the operating point {OPERATING_THRESHOLD})."
        ),
    ] = None,
) -> None:
    """Screen parties against watchlists; one output row per hit, with its explanation."""
    loaded = [load_list(p) for p in lists] if lists else default_lists()
    screener = Screener(loaded)
    with inp.open(encoding="utf-8", errors="replace") as counting:
        total = sum(1 for _ in counting) - 1
    fh = sys.stdout if str(out) == "-" else out.open("w", encoding="utf-8", newline="")
    closer = contextlib.nullcontext() if fh is sys.stdout else fh
    with closer, Progress(console=err_console, transient=True) as bar:
        task = bar.add_task("screening", total=max(total, 0))
        report = screen_csv(screener, inp, fh, threshold, progress=lambda n: bar.advance(task, n))
    for problem in report.problems:
        err_console.print(f"[yellow]warning:[/yellow] {problem}", highlight=False)
    err_console.print(
        f"{report.screened} of {report.read} parties screened, {report.hits} hits", highlight=False
    )


def register(app: typer.Typer) -> None:
    """Add the screening commands to ``app``."""
    app.command("screen", help="Screen a parties CSV against sanctions and lookout lists.")(screen)
