"""The CLI's shared input and output helpers: a file or ``-`` for stdin and stdout."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from borderwatch.cli.util import read_input, write_output
from borderwatch.errors import SourceUnreadable


def test_read_input_reads_a_file_or_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "result.json"
    path.write_bytes(b'{"finding": "none"}')
    assert read_input(path) == b'{"finding": "none"}'
    assert read_input(str(path)) == b'{"finding": "none"}'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"from stdin")))
    assert read_input("-") == b"from stdin"


def test_read_input_names_the_file_it_cannot_read(tmp_path: Path):
    missing = tmp_path / "missing.json"
    with pytest.raises(SourceUnreadable, match=r"cannot read .*missing\.json: No such file"):
        read_input(missing)
    with pytest.raises(SourceUnreadable, match="cannot read"):
        read_input(tmp_path)  # a directory


def test_write_output_writes_a_file_or_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    out = tmp_path / "seizures.csv"
    write_output("id,kg\n1,2.5\n", out)
    assert out.read_text("utf-8") == "id,kg\n1,2.5\n"
    write_output("to stdout", "-")
    assert capsys.readouterr().out == "to stdout"
