"""The ``borderwatch model`` commands, end to end on the KCS sample."""

from __future__ import annotations

import shutil
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


def test_registry_commands(model_dir: Path, tmp_path: Path) -> None:
    runner, app = CliRunner(), _app()
    for version in ("v1", "v2"):
        copy = tmp_path / version
        shutil.copytree(model_dir, copy)
        manifest = orjson.loads((copy / "manifest.json").read_bytes())
        (copy / "manifest.json").write_bytes(orjson.dumps({**manifest, "version": version}))
        result = runner.invoke(app, ["model", "registry", "register", "--model", str(copy)])
        assert result.exit_code == 0, result.output
    for args in (["activate", "v1"], ["activate", "v2"], ["rollback"]):
        result = runner.invoke(app, ["model", "registry", *args, "--by-user", "ana"])
        assert result.exit_code == 0, result.output
    listed = runner.invoke(app, ["model", "registry", "list"])
    assert listed.exit_code == 0 and "v1" in listed.stdout and "v2" in listed.stdout
    shown = runner.invoke(app, ["model", "registry", "history"])
    assert shown.exit_code == 0, shown.exception
    history = orjson.loads(shown.stdout)
    assert [h["action"] for h in history] == ["activate", "activate", "rollback"]
    missing = runner.invoke(app, ["model", "registry", "activate", "v9", "--by-user", "ana"])
    assert missing.exit_code != 0 and "v9" in str(missing.exception)


def test_drift_and_simulate_commands(model_dir: Path, tmp_path: Path) -> None:
    runner, app = CliRunner(), _app()
    drift = runner.invoke(app, ["model", "drift", "--model", str(model_dir), "--data", str(VALID)])
    assert drift.exit_code == 0, drift.output
    assert "score" in drift.stdout and "importer_count" in drift.stdout
    chart = tmp_path / "sim.png"
    args = ["model", "simulate", "--data", str(TRAIN), "--chart", str(chart), "--every", "1"]
    result = runner.invoke(app, [*args, "--weekly", str(tmp_path / "weekly.csv")])
    assert result.exit_code == 0, result.output
    assert chart.stat().st_size > 0 and "Weekly means" in result.stdout
    assert pl.read_csv(tmp_path / "weekly.csv").height == 9  # 3 weeks x 3 policies


def test_unseen_codes_warn_and_strict_fails(model_dir: Path, tmp_path: Path) -> None:
    lines = VALID.read_text(encoding="utf-8").splitlines()[:30]
    cells = lines[1].split(",")
    cells[2] = "X9"  # Office ID never seen in training
    lines[1] = ",".join(cells)
    odd = tmp_path / "odd.csv"
    odd.write_text("\n".join(lines) + "\n", encoding="utf-8")
    args = ["model", "score", "--model", str(model_dir), "--data", str(odd), "--out", "-"]
    result = CliRunner().invoke(_app(), [*args, "--by", "expected-revenue"])
    assert result.exit_code == 0, result.output
    assert "office 'X9' (1)" in " ".join(result.stderr.split())
    assert len(result.stdout.splitlines()) == 30
    strict = CliRunner().invoke(_app(), [*args, "--strict"])
    assert strict.exit_code != 0 and "X9" in str(strict.exception)
