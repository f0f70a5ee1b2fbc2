"""Library functions behind the CLI: train, score and evaluate from KCS files or canonical
declarations."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np
import polars as pl

from borderwatch.errors import FieldError, InvalidInput
from borderwatch.model import Declaration
from borderwatch.model.scores import RiskScore
from borderwatch.scoring.artefact import Manifest, load, new_manifest, save
from borderwatch.scoring.canonical import flat_row
from borderwatch.scoring.drift import ACT, WATCH, psi_against
from borderwatch.scoring.features import NAMES, unseen_table
from borderwatch.scoring.kcs import read_kcs_files
from borderwatch.scoring.metrics import evaluate
from borderwatch.scoring.scorer import Scorer
from borderwatch.scoring.table import SCHEMA, FlatRow
from borderwatch.scoring.train import TrainConfig, train

FORMATS = ("kcs", "canonical")


def read_table(fmt: str, paths: list[Path], labelled: bool = False) -> pl.DataFrame:
    """A flat table from input files of format ``fmt`` (``kcs`` or ``canonical`` JSON Lines)."""
    if fmt == "kcs":
        return read_kcs_files(paths, labelled)
    if fmt == "canonical":
        return table_of(d for p in paths for d in _read_jsonl(p))
    raise InvalidInput(
        f"unknown format {fmt!r}", [FieldError("--format", f"is not one of {FORMATS}")]
    )


def _read_jsonl(path: Path) -> Iterable[Declaration]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                yield Declaration.model_validate_json(line)
            except ValueError as exc:
                raise InvalidInput(
                    f"{path}:{number}: invalid declaration",
                    [FieldError(f"{path}:{number}", str(exc))],
                ) from exc


def table_of(declarations: Iterable[Declaration]) -> pl.DataFrame:
    """A flat table of canonical declarations, in lodging order."""
    data = [flat_row(d) for d in declarations]
    return pl.DataFrame(data, schema=SCHEMA, orient="row").sort("day", maintain_order=True)


def train_model(
    table: pl.DataFrame, out: Path, config: TrainConfig | None = None, created_by: str | None = None
) -> Manifest:
    """Train on a labelled flat table and write the model directory ``out``."""
    trained = train(table, config)
    manifest = new_manifest(trained, table, {}, created_by)
    save(trained, manifest, out)
    return manifest


ORDERS = ("probability", "expected-revenue")


def _order(by: str) -> str:
    if by not in ORDERS:
        raise InvalidInput(f"unknown order {by!r}", [FieldError("--by", f"is not one of {ORDERS}")])
    return by


def score_table(
    model_dir: Path, table: pl.DataFrame, by: str = "probability", strict: bool = False
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """``declaration_id, score`` for every row of ``table`` (score: calibrated probability,
    or probability x predicted revenue), and the codes never seen in training
    (``declaration_id, column, value``: scored as missing; with ``strict`` an error)."""
    scorer, _ = load(model_dir)
    unseen = unseen_table(table, scorer.trained.vocab)
    if strict and unseen.height:
        errors = [
            FieldError(f"declaration {d}:{c}", f"code {v!r} was not seen in training")
            for d, c, v in unseen.head(20).iter_rows()
        ]
        raise InvalidInput(f"{unseen.height} code(s) not seen in training (strict mode)", errors)
    score = scorer.scores(table, by=_order(by))
    return pl.DataFrame({"declaration_id": table["declaration_id"], "score": score}), unseen


GROWING = r"_count$|_labelled$|_age_days$"
"""History counts and ages grow with time by construction: their PSI is shown, not graded."""


def drift_table(model_dir: Path, table: pl.DataFrame) -> pl.DataFrame:
    """PSI of the score and of every feature of ``table`` against the model's training
    reference: ``name, psi, level`` (ok, watch, act; counts and ages, which grow with time,
    are not graded and come last), highest first."""
    scorer, _ = load(model_dir)
    reference = scorer.trained.reference
    x = scorer.matrix(table, keep=False)
    values = {name: x[:, i] for i, name in enumerate(NAMES)}
    values["score"] = scorer.predict(x)[0]
    found = [(n, psi_against(reference[n], v)) for n, v in values.items() if n in reference]
    frame = pl.DataFrame(found, schema={"name": pl.String, "psi": pl.Float64}, orient="row")
    psi, growing = pl.col("psi"), pl.col("name").str.contains(GROWING)
    grade = (
        pl.when(growing)
        .then(pl.lit("not graded: grows with time"))
        .when(psi > ACT)
        .then(pl.lit("act"))
        .when(psi > WATCH)
        .then(pl.lit("watch"))
        .otherwise(pl.lit("ok"))
    )
    return frame.with_columns(level=grade).sort(growing, -psi)


def evaluate_table(
    model_dir: Path, table: pl.DataFrame, by: str = "probability"
) -> dict[str, float]:
    """Precision, recall and revenue at 1/2/5/10% and AUC of the model on a labelled table."""
    if table["label"].null_count():
        raise InvalidInput("evaluation needs labels", [FieldError("Fraud", "is missing")])
    scorer, _ = load(model_dir)
    score = scorer.scores(table, by=_order(by))
    label = table["label"].to_numpy().astype(np.float64)
    revenue = table["revenue"].fill_null(0.0).to_numpy()
    return evaluate(label, revenue, score)


def score_one(scorer: Scorer, declaration: Declaration | FlatRow) -> RiskScore:
    """Score one declaration against the live history (the real-time path)."""
    row = declaration if isinstance(declaration, FlatRow) else flat_row(declaration)
    return scorer.score_row(row)


def score_batch(scorer: Scorer, declarations: Iterable[Declaration | FlatRow]) -> list[RiskScore]:
    """Score declarations in lodging order, each with its reasons (the batch path)."""
    flat = [d if isinstance(d, FlatRow) else flat_row(d) for d in declarations]
    return scorer.score_rows(flat)
