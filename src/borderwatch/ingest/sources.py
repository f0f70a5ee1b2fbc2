"""Choosing a reader for a format name, as the CLI does."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

from borderwatch.errors import InvalidInput
from borderwatch.ingest.csvfile import MappedCsvReader
from borderwatch.ingest.jsonl import JsonlReader, check_readable
from borderwatch.ingest.mapping import builtin_mapping, load_mapping
from borderwatch.ingest.types import Reader

FORMATS = ("jsonl", "csv", "kcs")


def open_reader(fmt: str, path: str, mapping: Path | None, max_record_bytes: int) -> Reader:
    """The reader for ``fmt`` over ``path`` (``-`` for standard input)."""
    source: Path | BinaryIO = sys.stdin.buffer if path == "-" else Path(path)
    name = "<stdin>" if path == "-" else path
    if isinstance(source, Path):
        check_readable(source)
    if fmt == "jsonl":
        return JsonlReader(source, max_record_bytes, name)
    if fmt == "kcs":
        return MappedCsvReader(source, builtin_mapping("kcs"), max_record_bytes, name, "kcs")
    if fmt == "csv":
        if mapping is None:
            raise InvalidInput("--format csv needs --mapping FILE (see docs/formats.md)")
        return MappedCsvReader(source, load_mapping(mapping), max_record_bytes, name, "csv")
    raise InvalidInput(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
