"""``borderwatch model``: train, score and evaluate the ML risk model."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from borderwatch.cli.util import err_console, print_json
from borderwatch.scoring import evaluate_table, read_table, score_table, train_model

model_app = typer.Typer(help="Train, score and evaluate the ML risk model.", no_args_is_help=True)

Format = Annotated[
    str, typer.Option("--format", help="Input format: `kcs` (KCS CSV) or `canonical` (JSON Lines).")
]
Data = Annotated[list[Path], typer.Option("--data", help="Input file; repeat for several.")]
ModelDir = Annotated[
    Path, typer.Option("--model", help="Model directory written by `model train`.")
]


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
) -> None:
    """Score declarations: one row `declaration_id,score` per input row, higher is riskier."""
    table = read_table(fmt, data)
    with err_console.status(f"scoring {table.height:,} rows"):
        scores = score_table(model, table)
    if str(out) == "-":
        scores.write_csv(sys.stdout)
    else:
        scores.write_csv(out)


@model_app.command("evaluate")
def evaluate_cmd(model: ModelDir, data: Data, fmt: Format = "kcs") -> None:
    """Print precision, recall and revenue at 1/2/5/10% and the AUC on labelled data."""
    metrics = evaluate_table(model, read_table(fmt, data, labelled=True))
    print_json({k: round(v, 4) for k, v in metrics.items()})


def register(app: typer.Typer) -> None:
    """Add the ``model`` commands to ``app``."""
    app.add_typer(model_app, name="model")
