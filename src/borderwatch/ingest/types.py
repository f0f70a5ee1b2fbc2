"""The contract of ingest: readers yield :class:`RawRecord`; ingest returns an
:class:`IngestReport`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

import orjson

from borderwatch.errors import FieldError


@dataclass(slots=True)
class RawRecord:
    """One input record as read: where it was, its raw text, and either the canonical record
    (``data`` as a dict, or ``json_text`` still to be parsed by validation) or the reasons it
    could not be read (then it goes straight to quarantine)."""

    location: str
    raw: str
    raw_bytes: int
    data: dict[str, Any] | None = None
    errors: list[FieldError] = field(default_factory=list)
    json_text: str | None = None
    terminated: bool = True

    @property
    def record_id(self) -> str | None:
        """The declaration id, when the record got far enough to have one."""
        data = self.data
        if data is None and self.json_text is not None:
            try:
                data = orjson.loads(self.json_text)
            except orjson.JSONDecodeError:
                return None
        value = data.get("source_id") if isinstance(data, dict) else None
        return str(value)[:64] if value is not None else None


class Reader(Protocol):
    """A source of raw records. ``name`` identifies it in reports and quarantine rows."""

    name: str
    format: str

    def __iter__(self) -> Iterator[RawRecord]: ...

    def size(self) -> int | None:
        """Total bytes, when known, for progress reporting."""

    def position(self) -> int:
        """Bytes consumed so far."""


ProgressCallback = Callable[[int], None]


@dataclass(slots=True)
class IngestReport:
    """What one ingest did. ``read`` = ``accepted`` + ``duplicates`` + ``quarantined``;
    ``versions`` counts the accepted records that replaced an earlier version of the same
    declaration; ``outcomes`` counts outcome records stored (new or changed)."""

    source: str
    format: str
    run_id: int
    read: int = 0
    accepted: int = 0
    quarantined: int = 0
    duplicates: int = 0
    versions: int = 0
    outcomes: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
