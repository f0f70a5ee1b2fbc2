"""Bounded reading of text lines from a byte stream.

A line longer than the limit is never held whole in memory: its first bytes are kept for the
quarantine record and the rest is skipped in chunks.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

CHUNK = 1 << 16
KEEP = 4096


@dataclass(slots=True)
class Line:
    """A physical line: its number, bytes (without the end of line, or the kept head when too
    long), full length, and whether it ended with a newline."""

    number: int
    data: bytes
    length: int
    terminated: bool
    too_long: bool


def read_lines(stream: BinaryIO, limit: int) -> Iterator[Line]:
    """Lines of ``stream``, each at most ``limit`` bytes held in memory."""
    number = 0
    while True:
        chunk = stream.readline(limit + 1)
        if not chunk:
            return
        number += 1
        if len(chunk) <= limit or chunk.endswith(b"\n"):
            terminated = chunk.endswith(b"\n")
            data = chunk.rstrip(b"\r\n") if terminated else chunk
            yield Line(number, data, len(chunk), terminated, False)
            continue
        yield _skip_rest(stream, number, chunk)


def _skip_rest(stream: BinaryIO, number: int, head: bytes) -> Line:
    length = len(head)
    terminated = False
    while True:
        part = stream.readline(CHUNK)
        if not part:
            break
        length += len(part)
        if part.endswith(b"\n"):
            terminated = True
            break
    return Line(number, head[:KEEP], length, terminated, True)


def decode(line: Line) -> tuple[str | None, str | None]:
    """(text, None) or (None, reason) when the bytes are not UTF-8."""
    try:
        return line.data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return None, f"not valid UTF-8 at byte {exc.start} of the line ({exc.reason})"


def preview(data: bytes) -> str:
    """Printable form of raw bytes for quarantine (undecodable bytes escaped)."""
    return data.decode("utf-8", errors="backslashreplace")
