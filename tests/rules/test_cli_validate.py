"""``borderwatch rules validate``: exit 0 for a valid expression, non-zero with the error."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer

from borderwatch.cli.rules import register
from borderwatch.cli.util import run_app


def _run(args: list[str], monkeypatch: pytest.MonkeyPatch) -> int:
    app = typer.Typer()
    register(app)

    @app.callback()
    def _root() -> None:
        """Test root."""

    monkeypatch.setattr("sys.argv", ["borderwatch", *args])
    return run_app(app)


def test_valid_expression_exits_zero(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(["rules", "validate", "--expr", "precursor_items > 0"], monkeypatch) == 0
    assert "precursor_items" in capsys.readouterr().out


def test_invalid_expression_exits_non_zero_with_the_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = _run(["rules", "validate", "--expr", "ofice = 'x'"], monkeypatch)
    assert code != 0
    assert "did you mean 'office'" in capsys.readouterr().err


def test_pack_and_file_validation(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert _run(["rules", "validate", "--pack", "security"], monkeypatch) == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text("owner: a\nrules:\n  - {id: R-X1, title: t, description: d, expression: '1'}\n")
    assert _run(["rules", "validate", "--file", str(bad)], monkeypatch) != 0
