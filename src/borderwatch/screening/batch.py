"""Batch screening of a parties CSV (``id,name`` and optional ``schema``, ``birth_date``,
``country``) into a hits CSV; problem rows are reported, never fatal."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TextIO

from borderwatch.errors import FieldError, SourceUnreadable
from borderwatch.model.screening import ScreeningHit
from borderwatch.screening.query import MAX_NAME_CHARS, party
from borderwatch.screening.types import SCHEMAS, PartyQuery

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


class ManyScreener(Protocol):
    """What screens a batch: a :class:`Screener`, or a
    :class:`~borderwatch.screening.pool.ScreeningPool` on several processes."""

    def screen_many(self, queries: Iterable[PartyQuery]) -> list[list[ScreeningHit]]: ...


class RowWriter(Protocol):
    """Where hit rows go: a :func:`csv.writer`."""

    def writerow(self, row: Iterable[object], /) -> object: ...


BLOCK = 5000
"""Parties read before they are screened together (each distinct one once: a pool splits
them across its processes)."""


def screen_csv(
    screener: ManyScreener,
    path: Path,
    out: TextIO,
    threshold: float | None = None,
    progress: Callable[[int], None] | None = None,
) -> BatchReport:
    """Screen every party of ``path`` and write one row per hit to ``out``, in input order."""
    report = BatchReport()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(OUT_COLUMNS)
    block: list[tuple[str, PartyQuery]] = []
    for line, row in read_parties(path):
        report.read += 1
        if (q := _query(path, line, row, report)) is not None:
            block.append((row["id"], q))
        if len(block) >= BLOCK:
            _screen_block(screener, block, writer, threshold, report, progress)
    _screen_block(screener, block, writer, threshold, report, progress)
    return report


def _query(path: Path, line: int, row: dict[str, str], report: BatchReport) -> PartyQuery | None:
    """The party of a CSV row, its problems reported; None when it cannot be screened."""
    name = row.get("name") or ""
    if problem := name_problem(name):
        report.problems.append(FieldError(f"{path}:{line}.name", problem))
        if problem in ("empty name", "name of one character"):
            return None
    schema = (row.get("schema") or "").strip() or "LegalEntity"
    if schema not in SCHEMAS:
        report.problems.append(FieldError(f"{path}:{line}.schema", f"unknown {schema!r}"))
        schema = "LegalEntity"
    return party(name, schema, row.get("country") or None, row.get("birth_date") or None)


def _screen_block(
    screener: ManyScreener,
    block: list[tuple[str, PartyQuery]],
    writer: RowWriter,
    threshold: float | None,
    report: BatchReport,
    progress: Callable[[int], None] | None,
) -> None:
    """Screen the parties of ``block`` together, write their hits and empty the block."""
    found = screener.screen_many(q for _, q in block)
    for (ident, _), hits in zip(block, found, strict=True):
        kept = hits if threshold is None else [h for h in hits if h.score >= threshold]
        report.screened += 1
        report.hits += len(kept)
        for h in kept:
            writer.writerow(
                [ident, h.entity_id, h.list_name, h.matched_name, f"{h.score:.4f}", h.explain()]
            )
    if progress and block:
        progress(len(block))
    block.clear()
