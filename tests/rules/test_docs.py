"""docs/rules.md stays in step with the column catalogue and the allowed functions."""

from __future__ import annotations

from pathlib import Path

from borderwatch.rules import COLUMNS, FUNCTIONS
from borderwatch.rules.docs import render

DOC = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_generated_blocks_are_current() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert render(text) == text, "run: python -m borderwatch.rules.docs docs/rules.md"


def test_every_column_and_function_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for column in COLUMNS:
        assert f"| `{column.name}` | " in text
    for name in FUNCTIONS:
        assert f"- `{name}`:" in text
