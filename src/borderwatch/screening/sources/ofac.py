"""OFAC SDN list, legacy headerless CSV (``sdn.csv``), with ``alt.csv`` aliases and
``add.csv`` address countries when they sit beside it."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from borderwatch.errors import SourceUnreadable
from borderwatch.screening.sources.common import (
    clean_id,
    country_code,
    decode,
    imo,
    read_bytes,
    version_of,
)
from borderwatch.screening.types import ListEntry, ScreeningList

NULL = "-0-"
_SCHEMAS = {"individual": "Person", "vessel": "Vessel", "aircraft": "Vessel"}
_AKA = re.compile(r"\b[afn]\.k\.a\. '([^']+)'")
_DOB = re.compile(r"\bDOB (?:circa )?((?:\d{1,2} )?(?:[A-Z][a-z]{2} )?\d{4})")
_PASSPORT = re.compile(r"\bPassport ([A-Z0-9\- ]{5,20}?)(?: \(|;|\.|$)")
_IMO = re.compile(r"\bIMO (\d{7})")
_NATION = re.compile(r"\b(?:nationality|citizen) ([A-Za-z ,'()-]+?)(?:;|\.|$)")
_MONTHS = {
    m: f"{i:02d}"
    for i, m in enumerate(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
        start=1,
    )
}


def _rows(path: Path, width: int) -> list[tuple[int, list[str]]]:
    text = decode(path, read_bytes(path), "latin-1")
    reader = csv.reader(io.StringIO(text.rstrip("\x1a\r\n ")))
    out = []
    for row in reader:
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        if len(row) < width:
            raise SourceUnreadable(
                f"{path}, line {reader.line_num}: {len(row)} columns, expected {width}",
                file=str(path),
                line=reader.line_num,
            )
        out.append((reader.line_num, [c.strip() for c in row]))
    return out


def _dob(text: str) -> str:
    parts = text.split()
    if len(parts) == 3:
        return f"{parts[2]}-{_MONTHS.get(parts[1], '01')}-{int(parts[0]):02d}"
    if len(parts) == 2:
        return f"{parts[1]}-{_MONTHS.get(parts[0], '01')}"
    return parts[0]


def _entry(row: list[str]) -> ListEntry:
    remarks = "" if row[11] == NULL else row[11]
    entry = ListEntry(
        entity_id=row[0],
        schema=_SCHEMAS.get(row[2].lower(), "Organization"),
        names=[row[1], *_AKA.findall(remarks)],
        programs=[p.strip("[] ") for p in row[3].split("] [")],
    )
    entry.birth_dates.update(_dob(m) for m in _DOB.findall(remarks))
    entry.countries.update(c for c in map(country_code, _NATION.findall(remarks)) if c)
    if row[9] != NULL and (flag := country_code(row[9])):
        entry.countries.add(flag)
    ids = {("imo", imo(m)) for m in _IMO.findall(remarks)}
    ids |= {("passport", clean_id(m)) for m in _PASSPORT.findall(remarks)}
    for kind, value in ids:
        if value:
            entry.identifiers.setdefault(kind, set()).add(value)
    return entry


def load_ofac(path: Path, name: str = "ofac") -> ScreeningList:
    """Read ``sdn.csv`` (latin-1) and, when present beside it, ``alt.csv`` and ``add.csv``."""
    entries = {row[0]: _entry(row) for _, row in _rows(path, 12)}
    blobs = [read_bytes(path)]
    alt, add = path.with_name("alt.csv"), path.with_name("add.csv")
    if alt.exists():
        blobs.append(read_bytes(alt))
        for _, row in _rows(alt, 4):
            if row[0] in entries and row[3] != NULL:
                entries[row[0]].names.append(row[3])
    if add.exists():
        blobs.append(read_bytes(add))
        for _, row in _rows(add, 5):
            if row[0] in entries and (code := country_code(row[4])):
                entries[row[0]].countries.add(code)
    for entry in entries.values():
        entry.names = list(dict.fromkeys(entry.names))
    return ScreeningList(name, version_of(*blobs), str(path), entries)
