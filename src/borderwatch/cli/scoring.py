"""``borderwatch model``: train, score, evaluate, simulate, drift and the model registry."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import polars as pl
import typer
from rich.table import Table

from borderwatch.cli.util import console, err_console, print_json
from borderwatch.scoring import evaluate_table, read_table, score_table, train_model
from borderwatch.scoring import registry as reg
from borderwatch.scoring.service import drift_table
from borderwatch.scoring.simchart import write_chart
from borderwatch.scoring.simulate import SimConfig, simulate, summary
from borderwatch.store import open_store

model_app = typer.Typer(help="Train, score and evaluate the ML risk model.", no_args_is_help=True)
registry_app = typer.Typer(help="Registered model versions, activation and roll-back.")
model_app.add_typer(registry_app, name="registry")

Format = Annotated[
    str, typer.Option("--format", help="Input format: `kcs` (KCS CSV) or `canonical` (JSON Lines).")
]
Data = Annotated[list[Path], typer.Option("--data", help="Input file; repeat for several.")]
ModelDir = Annotated[
    Path, typer.Option("--model", help="Model directory written by `model train`.")
]
By = Annotated[
    str,
    typer.Option(
        "--by", help="Rank by `probability` (default) or `expected-revenue` (p x revenue)."
    ),
]
Who = Annotated[str, typer.Option("--by-user", help="Who does this (recorded).")]


def _table(title: str, frame: pl.DataFrame, digits: int = 3) -> Table:
    out = Table(title=title)
    for name in frame.columns:
        out.add_column(name, justify="left" if frame[name].dtype == pl.String else "right")
    for row in frame.iter_rows():
        out.add_row(*(f"{v:.{digits}f}" if isinstance(v, float) else str(v) for v in row))
    return out


@model_app.command("train")
def train_cmd(
    data: Data,
    out: Annotated[Path, typer.Option("--out", help="Model directory to write.")],
    fmt: Format = "kcs",
) -> None:
    """Train a model on labelled declarations and write its directory."""
    table = read_table(fmt, data, labelled=True)
    with err_console.status(f"training on {table.height:,} rows"):
        manifest = train_model(table, out)
    err_console.print(
        f"model {manifest.version} trained on {manifest.training_rows:,} rows -> {out}"
    )


@model_app.command("score")
def score_cmd(
    model: ModelDir,
    data: Data,
    out: Annotated[
        Path, typer.Option("--out", help="CSV to write (`-` for stdout): declaration_id,score.")
    ],
    fmt: Format = "kcs",
    by: By = "probability",
    strict: Annotated[
        bool, typer.Option("--strict", help="A code never seen in training is an error.")
    ] = False,
) -> None:
    """Score declarations: one row `declaration_id,score` per input row, higher is riskier.

    A categorical code never seen in training (office, mode, origin...) is scored as missing
    and reported on stderr; with --strict it is an error instead."""
    table = read_table(fmt, data)
    with err_console.status(f"scoring {table.height:,} rows"):
        scores, unseen = score_table(model, table, by, strict)
    if unseen.height:
        counts = unseen.group_by("column", "value").len().sort("len", descending=True)
        listed = ", ".join(f"{c} {v!r} ({n})" for c, v, n in counts.head(10).iter_rows())
        err_console.print(
            f"warning: {unseen['declaration_id'].n_unique():,} row(s) carry codes never seen "
            f"in training, scored as missing: {listed}"
        )
    scores.write_csv(sys.stdout if str(out) == "-" else out)


@model_app.command("evaluate")
def evaluate_cmd(model: ModelDir, data: Data, fmt: Format = "kcs", by: By = "probability") -> None:
    """Print precision, recall and revenue at 1/2/5/10% and the AUC on labelled data."""
    metrics = evaluate_table(model, read_table(fmt, data, labelled=True), by)
    print_json({k: round(v, 4) for k, v in metrics.items()})


@model_app.command("drift")
def drift_cmd(model: ModelDir, data: Data, fmt: Format = "kcs") -> None:
    """PSI of the score and of every feature of new data against the training reference
    (above 0.1: watch; above 0.25: act)."""
    frame = drift_table(model, read_table(fmt, data))
    console.print(_table("Drift against training (PSI)", frame, 4))


@model_app.command("simulate")
def simulate_cmd(
    data: Data,
    chart: Annotated[Path, typer.Option("--chart", help="PNG chart to write.")],
    fmt: Format = "kcs",
    rate: Annotated[float, typer.Option("--rate", help="Share inspected each week.")] = 0.05,
    every: Annotated[int, typer.Option("--every", help="Retrain every k weeks.")] = 4,
    weekly: Annotated[
        Path | None, typer.Option("--weekly", help="CSV of the weekly figures.")
    ] = None,
) -> None:
    """Selection-bias simulation: weekly inspection of `rate` under three policies, each
    learning only from what it inspected; figures relative to an oracle."""
    table = read_table(fmt, data, labelled=True)
    config = SimConfig(rate=rate, retrain_every=every)
    with err_console.status("simulating") as status:
        results = simulate(
            table, config, lambda p, w, n: status.update(f"simulating {p}: week {w + 1}/{n}")
        )
    console.print(_table(f"Weekly means at {rate:.0%} (after warm-up)", summary(results, 4)))
    write_chart(results, chart, rate)
    if weekly is not None:
        results.write_csv(weekly)
    err_console.print(f"chart -> {chart}")


@registry_app.command("register")
def register_cmd(model: ModelDir) -> None:
    """Record a model directory in the registry."""
    manifest = reg.register(open_store(), model)
    err_console.print(f"registered {manifest.version}")


@registry_app.command("list")
def list_cmd() -> None:
    """Registered models, newest first, with the active one marked."""
    frame = pl.DataFrame(reg.models(open_store()), infer_schema_length=None)
    console.print(_table("Registered models", frame) if frame.height else "no model registered")


@registry_app.command("activate")
def activate_cmd(version: str, who: Who) -> None:
    """Make a registered model version the active one."""
    reg.activate(open_store(), version, who)
    err_console.print(f"active: {version}")


@registry_app.command("rollback")
def rollback_cmd(who: Who) -> None:
    """Re-activate the model that was active before the current one."""
    err_console.print(f"active: {reg.rollback(open_store(), who)}")


@registry_app.command("history")
def history_cmd() -> None:
    """Every activation and roll-back, oldest first."""
    print_json([{str(k): str(v) for k, v in row.items()} for row in reg.history(open_store())])


def register(app: typer.Typer) -> None:
    """Add the ``model`` commands to ``app``."""
    app.add_typer(model_app, name="model")
