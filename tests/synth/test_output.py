"""JSON Lines output: deterministic bytes, the summary, stdout."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import orjson
import pytest

from borderwatch.errors import InvalidInput
from borderwatch.synth import PATTERNS, write_jsonl

from .conftest import WATCHLIST


def _write(seed: int) -> tuple[bytes, dict[str, object]]:
    buffer = io.BytesIO()
    summary = write_jsonl(buffer, 1200, seed, threat_rate=0.05, watchlist=WATCHLIST)
    return buffer.getvalue(), summary.to_dict()


def test_same_seed_same_bytes() -> None:
    first, summary = _write(7)
    again, _ = _write(7)
    assert first == again
    assert first != _write(8)[0]
    assert summary["count"] == 1200


def test_summary_counts_what_was_written() -> None:
    data, summary = _write(5)
    records = [orjson.loads(line) for line in data.splitlines()]
    assert len(records) == 1200
    counted = Counter(r["outcome"]["labels"][0] for r in records if r["outcome"]["labels"])
    assert summary["planted"] == {p: counted.get(p, 0) for p in PATTERNS}
    assert summary["threats"] == sum(counted.values())
    assert summary["inspected"] == sum(r["outcome"]["inspected"] for r in records)
    assert summary["skipped"] == {}


def test_progress_sees_every_record() -> None:
    seen: list[int] = []
    write_jsonl(io.BytesIO(), 5000, 1, progress=seen.append)
    assert sum(seen) == 5000 and len(seen) == 2


def test_dash_writes_to_stdout(capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    summary = write_jsonl("-", 10, 3)
    out = capfdbinary.readouterr().out
    assert len(out.splitlines()) == 10
    assert summary.skipped == {"sanctioned_party": "no watchlist given"}


def test_unwritable_target_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as caught:
        write_jsonl(tmp_path / "missing" / "out.jsonl", 10, 1)
    assert caught.value.errors[0].path == "out"
