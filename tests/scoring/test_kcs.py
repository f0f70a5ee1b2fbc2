"""Bad KCS input gives clear errors naming file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from borderwatch.errors import InvalidInput, SourceUnreadable
from borderwatch.scoring.kcs import read_kcs

from .conftest import TRAIN


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "in.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _sample(n: int = 3) -> list[str]:
    return TRAIN.read_text(encoding="utf-8").splitlines()[: n + 1]


def test_reads_the_sample_in_date_order() -> None:
    table = read_kcs(TRAIN, labelled=True)
    assert table.height == 3000
    assert table["day"].is_sorted()
    fraud = table.filter(table["label"] == 1)
    assert (fraud["revenue"] == fraud["value"] * fraud["tax_rate"] / 100).all()


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(SourceUnreadable, match="empty"):
        read_kcs(_write(tmp_path, []))


def test_header_only(tmp_path: Path) -> None:
    with pytest.raises(SourceUnreadable, match="no rows"):
        read_kcs(_write(tmp_path, _sample(0)))


def test_missing_and_extra_columns(tmp_path: Path) -> None:
    lines = [",".join(line.split(",")[1:]) + ",x" for line in _sample()]
    with pytest.raises(InvalidInput) as info:
        read_kcs(_write(tmp_path, lines))
    reasons = [e.reason for e in info.value.errors]
    assert "missing column 'Declaration ID'" in reasons
    assert any(r.startswith("unexpected column") for r in reasons)


def test_training_needs_the_label(tmp_path: Path) -> None:
    lines = [",".join(line.split(",")[:-2]) for line in _sample()]
    assert read_kcs(_write(tmp_path, lines))["label"].null_count() == 3
    with pytest.raises(InvalidInput, match="header"):
        read_kcs(_write(tmp_path, lines), labelled=True)


def test_bad_values_name_line_and_column(tmp_path: Path) -> None:
    lines = _sample()
    cells = lines[2].split(",")
    cells[12], cells[19], cells[9] = "12AB", "lots", ""
    lines[2] = ",".join(cells)
    with pytest.raises(InvalidInput) as info:
        read_kcs(_write(tmp_path, lines))
    paths = {e.path.split(":", 1)[1] for e in info.value.errors}
    assert paths == {"3:HS6 Code", "3:Item Price", "3:Importer ID"}
