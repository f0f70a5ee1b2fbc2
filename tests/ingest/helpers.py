"""Helpers for ingest tests: write JSON Lines files and count what the store holds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Engine, func, select
from tests.factory import decl

from borderwatch.ingest import JsonlReader, ingest
from borderwatch.ingest.types import IngestReport
from borderwatch.store.schema import declarations, goods_items, outcomes, parties, quarantine


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    return path


def numbered(n: int, start: int = 0, **overrides: Any) -> list[dict[str, Any]]:
    return [decl(source_id=f"D-{i:06d}", **overrides) for i in range(start, start + n)]


def run(engine: Engine, path: Path, batch_size: int = 7) -> IngestReport:
    return ingest(engine, JsonlReader(path, 1 << 20), batch_size=batch_size)


def count(engine: Engine, table: Any, *where: Any) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one())


def live(engine: Engine) -> int:
    return count(engine, declarations, declarations.c.superseded_at.is_(None))


def reasons(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        rows = conn.execute(select(quarantine.c.reasons).order_by(quarantine.c.id))
        return [" | ".join(f"{r['path']}: {r['reason']}" for r in row.reasons) for row in rows]


__all__ = [
    "count",
    "declarations",
    "goods_items",
    "live",
    "numbered",
    "outcomes",
    "parties",
    "reasons",
    "run",
    "write_jsonl",
]
