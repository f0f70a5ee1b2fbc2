"""CSV files read through a :class:`~borderwatch.ingest.mapping.CsvMapping`.

Records are assembled from physical lines (a quoted cell may hold line breaks) with memory
bounded by the record limit; each record is decoded and parsed on its own, so one bad row
(non-UTF-8 bytes, wrong number of cells, an over-long row) is quarantined and the rest read.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from borderwatch.errors import FieldError, SourceUnreadable
from borderwatch.ingest.jsonl import _open
from borderwatch.ingest.lines import Line, preview, read_lines
from borderwatch.ingest.mapping import CsvMapping
from borderwatch.ingest.types import RawRecord


class MappedCsvReader:
    """Reads a CSV file with a header row and maps each row to a canonical declaration."""

    def __init__(
        self,
        source: Path | BinaryIO,
        mapping: CsvMapping,
        max_record_bytes: int,
        name: str | None = None,
        fmt: str = "csv",
    ):
        self._source = source
        self._mapping = mapping
        self._limit = max_record_bytes
        self._consumed = 0
        self.name = name or (str(source) if isinstance(source, Path) else "<stream>")
        self.format = fmt

    def size(self) -> int | None:
        return self._source.stat().st_size if isinstance(self._source, Path) else None

    def position(self) -> int:
        return self._consumed

    def __iter__(self) -> Iterator[RawRecord]:
        stream = _open(self._source)
        try:
            records = _logical_records(read_lines(stream, self._limit), self._limit)
            header = self._header(next(records, None))
            for start, data, length, too_long, terminated in records:
                self._consumed += length
                yield self._record(header, start, data, length, too_long, terminated)
        finally:
            if isinstance(self._source, Path):
                stream.close()

    def _header(self, first: tuple[int, bytes, int, bool, bool] | None) -> list[str]:
        if first is None:
            raise SourceUnreadable(f"{self.name}: the file is empty (no header row)")
        try:
            text = first[1].decode("utf-8-sig")
        except UnicodeDecodeError:
            raise SourceUnreadable(f"{self.name}: the header row is not UTF-8") from None
        header = next(csv.reader([text], delimiter=self._mapping.delimiter))
        missing = [c for c in self._mapping.columns if c not in header]
        if missing:
            raise SourceUnreadable(
                f"{self.name}: the header lacks the mapped columns {missing} "
                f"(mapping {self._mapping.name!r})"
            )
        return header

    def _record(
        self,
        header: list[str],
        start: int,
        data: bytes,
        length: int,
        too_long: bool,
        terminated: bool,
    ) -> RawRecord:
        record = RawRecord(f"line {start}", preview(data), length)
        if too_long:
            return _reject(record, f"row is {length} bytes, over the limit of {self._limit}")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            return _reject(record, f"not valid UTF-8 at byte {exc.start} of the row")
        cells = next(csv.reader([text], delimiter=self._mapping.delimiter), [])
        if len(cells) != len(header):
            cut = "" if terminated else "truncated record (the file ends mid-row): "
            return _reject(record, f"{cut}row has {len(cells)} cells, the header {len(header)}")
        doc, errors = self._mapping.build(dict(zip(header, cells, strict=True)))
        record.data = doc
        record.errors.extend(errors)
        return record


def _reject(record: RawRecord, reason: str) -> RawRecord:
    record.errors.append(FieldError("(record)", reason))
    return record


def _logical_records(
    lines: Iterator[Line], limit: int
) -> Iterator[tuple[int, bytes, int, bool, bool]]:
    """(first line number, bytes, length, too long, terminated) of each CSV record."""
    parts: list[bytes] = []
    start, size, too_long = 0, 0, False
    for line in lines:
        if not parts:
            start, size, too_long = line.number, 0, False
        parts.append(line.data)
        size += line.length
        too_long = too_long or line.too_long or size > limit
        if too_long:
            parts = [parts[0][:4096]]
        if too_long or not line.terminated or b"".join(parts).count(b'"') % 2 == 0:
            if any(p.strip() for p in parts) or too_long:
                yield start, b"\n".join(parts), size, too_long, line.terminated
            parts = []
    if parts:
        yield start, b"\n".join(parts), size, too_long, False
