"""Batch screening of a parties CSV (``id,name`` and optional ``schema``, ``birth_date``,
``country``) into a hits CSV; problem rows are reported, never fatal."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from borderwatch.errors import FieldError, SourceUnreadable
from borderwatch.screening.query import MAX_NAME_CHARS, party
from borderwatch.screening.screener import Screener
from borderwatch.screening.types import SCHEMAS

OUT_COLUMNS = ["id", "entity_id", "list", "matched_name", "score", "explanation"]


@dataclass(slots=True)
class BatchReport:
    """What a batch run did: parties read and screened, hits written, rows reported."""

    read: int = 0
    screened: int = 0
    hits: int = 0
    problems: list[FieldError] = field(default_factory=list)


def name_problem(name: str) -> str | None:
    """Why a party name cannot be screened as given, or None when it can."""
    if not name.strip():
        return "empty name"
    if any(ord(c) < 32 or 127 <= ord(c) < 160 for c in name):
        return "control characters in name (removed before screening)"
    if len(name.strip()) < 2:
        return "name of one character"
    if len(name) > MAX_NAME_CHARS:
        return f"name longer than {MAX_NAME_CHARS} characters (truncated)"
    return None


def read_parties(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a parties CSV with their line numbers; missing columns name the file."""
    try:
        fh = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise SourceUnreadable(f"{path}: cannot read parties file: {exc.strerror}") from exc
    with fh:
        reader = csv.DictReader(fh)
        missing = {"id", "name"} - set(reader.fieldnames or [])
        if missing:
            raise SourceUnreadable(f"{path}, line 1: missing column(s) {sorted(missing)}")
        try:
            for row in reader:
                yield reader.line_num, row
        except UnicodeDecodeError as exc:
            raise SourceUnreadable(f"{path}, line {reader.line_num + 1}: not UTF-8") from exc


def screen_csv(
    screener: Screener,
    path: Path,
    out: TextIO,
    threshold: float | None = None,
    progress: Callable[[int], None] | None = None,
) -> BatchReport:
    """Screen every party of ``path`` and write one row per hit to ``out``."""
    report = BatchReport()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(OUT_COLUMNS)
    for line, row in read_parties(path):
        report.read += 1
        name = row.get("name") or ""
        if problem := name_problem(name):
            report.problems.append(FieldError(f"{path}:{line}.name", problem))
            if problem in ("empty name", "name of one character"):
                continue
        schema = (row.get("schema") or "").strip() or "LegalEntity"
        if schema not in SCHEMAS:
            report.problems.append(FieldError(f"{path}:{line}.schema", f"unknown {schema!r}"))
            schema = "LegalEntity"
        q = party(name, schema, row.get("country") or None, row.get("birth_date") or None)
        hits = screener.screen_many([q])[0]
        if threshold is not None:
            hits = [h for h in hits if h.score >= threshold]
        report.screened += 1
        report.hits += len(hits)
        for h in hits:
            writer.writerow(
                [row["id"], h.entity_id, h.list_name, h.matched_name, f"{h.score:.4f}", h.explain()]
            )
        if progress:
            progress(1)
    return report
