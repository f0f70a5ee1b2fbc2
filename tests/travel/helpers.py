"""Shared helpers of the travel tests: fixture bytes, parsing into messages and rejections."""

from __future__ import annotations

from pathlib import Path

from borderwatch.travel import Message, Rejected, parse_bytes

FIXTURES = Path(__file__).parent / "fixtures"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def split(
    data: bytes, name: str = "t", strict: bool = True
) -> tuple[list[Message], list[Rejected]]:
    items = list(parse_bytes(data, name, strict))
    return [i for i in items if isinstance(i, Message)], [
        i for i in items if isinstance(i, Rejected)
    ]
