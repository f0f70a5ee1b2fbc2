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


def test_import_approve_activate_through_the_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("BORDERWATCH_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    assert _run(["rules", "import", "--pack", "security", "-u", "alice"], monkeypatch) == 0
    assert "SEC-CWC-CHEMICAL v1" in capsys.readouterr().out
    assert _run(["rules", "approve", "SEC-CWC-CHEMICAL", "-u", "alice"], monkeypatch) != 0
    assert "cannot approve" in capsys.readouterr().err
    assert _run(["rules", "approve", "SEC-CWC-CHEMICAL", "-u", "bob"], monkeypatch) == 0
    assert _run(["rules", "activate", "SEC-CWC-CHEMICAL", "-u", "bob"], monkeypatch) == 0
    assert _run(["rules", "shadow", "SEC-CWC-CHEMICAL", "--on", "-u", "bob"], monkeypatch) == 0
    capsys.readouterr()
    assert _run(["rules", "show", "SEC-CWC-CHEMICAL"], monkeypatch) == 0
    out = capsys.readouterr().out
    assert "v1 draft by alice" in out and "v1 approved by bob" in out
    assert out.count("(superseded)") == 3
    assert _run(["rules", "list", "--json"], monkeypatch) == 0


def test_invalid_file_stores_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("BORDERWATCH_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "owner: alice\nrules:\n"
        "  - {id: R-GOOD, title: t, description: d, expression: has_licence}\n"
        "  - {id: R-EVIL, title: t, description: d, expression: '1=1; DROP TABLE rule_versions'}\n"
    )
    assert _run(["rules", "import", str(rules), "-u", "alice"], monkeypatch) != 0
    assert "one expression only" in capsys.readouterr().err
    assert _run(["rules", "list", "--json"], monkeypatch) == 0
    assert capsys.readouterr().out.strip() == "[]"
