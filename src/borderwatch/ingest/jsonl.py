"""Canonical JSON Lines: one declaration object per line (docs/formats.md)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from borderwatch.errors import FieldError, SourceUnreadable
from borderwatch.ingest.lines import Line, decode, preview, read_lines
from borderwatch.ingest.types import RawRecord


class JsonlReader:
    """Reads canonical JSON Lines from a file or binary stream, line by bounded line."""

    format = "jsonl"

    def __init__(self, source: Path | BinaryIO, max_record_bytes: int, name: str | None = None):
        self._source = source
        self._limit = max_record_bytes
        self._consumed = 0
        self.name = name or (str(source) if isinstance(source, Path) else "<stream>")

    def size(self) -> int | None:
        return self._source.stat().st_size if isinstance(self._source, Path) else None

    def position(self) -> int:
        return self._consumed

    def __iter__(self) -> Iterator[RawRecord]:
        stream = _open(self._source)
        try:
            for line in read_lines(stream, self._limit):
                self._consumed += line.length
                if line.data.strip() or line.too_long:
                    yield self._record(line)
        finally:
            if isinstance(self._source, Path):
                stream.close()

    def _record(self, line: Line) -> RawRecord:
        where = f"line {line.number}"
        record = RawRecord(where, preview(line.data), line.length)
        if line.too_long:
            record.errors.append(
                _err(
                    f"record is {line.length} bytes, over the limit of "
                    f"{self._limit} (BORDERWATCH_MAX_RECORD_BYTES)"
                )
            )
            return record
        text, problem = decode(line)
        if text is None:
            record.errors.append(_err(problem or "undecodable"))
            return record
        record.json_text = text
        record.terminated = line.terminated
        return record


def _err(reason: str) -> FieldError:
    return FieldError("(record)", reason)


def _open(source: Path | BinaryIO) -> BinaryIO:
    if not isinstance(source, Path):
        return source
    check_readable(source)
    return source.open("rb")


def check_readable(source: Path) -> None:
    """Raise :class:`SourceUnreadable` naming why ``source`` cannot be read."""
    if not source.exists():
        raise SourceUnreadable(f"{source}: no such file")
    if source.is_dir():
        raise SourceUnreadable(f"{source}: is a directory, not a file")
    if not os.access(source, os.R_OK):
        raise SourceUnreadable(f"{source}: permission denied")
