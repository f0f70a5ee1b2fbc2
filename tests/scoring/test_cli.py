"""The ``borderwatch model`` commands, end to end on the KCS sample."""

from __future__ import annotations

from pathlib import Path

import orjson
import polars as pl
import typer
from typer.testing import CliRunner

from borderwatch.cli.scoring import register

from .conftest import TRAIN, VALID


def _app() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.callback()
    def _root() -> None:
        """Test root."""

    return app


def test_score_and_evaluate(model_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "scores.csv"
    args = ["model", "score", "--model", str(model_dir), "--format", "kcs", "--data", str(VALID)]
    result = runner.invoke(_app(), [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    scores = pl.read_csv(out)
    assert scores.columns == ["declaration_id", "score"] and scores.height == 1000
    result = runner.invoke(
        _app(), ["model", "evaluate", "--model", str(model_dir), "--data", str(VALID)]
    )
    assert result.exit_code == 0, result.output
    metrics = orjson.loads(result.stdout)
    assert {"precision@5%", "recall@10%", "revenue@1%", "auc"} <= set(metrics)


def test_train_writes_a_model(tmp_path: Path) -> None:
    small = tmp_path / "small.csv"
    small.write_text("\n".join(TRAIN.read_text().splitlines()[:600]) + "\n")
    result = CliRunner().invoke(
        _app(), ["model", "train", "--data", str(small), "--out", str(tmp_path / "m")]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "m" / "manifest.json").exists()


def test_bad_input_is_an_error(model_dir: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    args = ["model", "score", "--model", str(model_dir), "--data", str(empty), "--out", "-"]
    result = CliRunner().invoke(_app(), args)
    assert result.exit_code != 0
    assert "empty" in str(result.exception)
