"""docs/travel.md stays true: every traveller-view column is documented."""

from __future__ import annotations

from pathlib import Path

from borderwatch.travel import COLUMNS

DOC = Path(__file__).resolve().parents[2] / "docs" / "travel.md"


def test_every_column_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    missing = [c.name for c in COLUMNS if f"`{c.name}`" not in text]
    assert missing == []
