"""Access to the reference files shipped inside the package."""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Iterator
from importlib import resources
from pathlib import Path


def data_path(name: str) -> Path:
    """Filesystem path of a shipped reference file (``reference/data/<name>``)."""
    return Path(str(resources.files("borderwatch.reference") / "data" / name))


def read_csv(name: str) -> Iterator[dict[str, str]]:
    """Rows of a shipped CSV file (plain or ``.gz``) as dicts keyed by the header."""
    path = data_path(name)
    opener = gzip.open if name.endswith(".gz") else open
    with opener(path, "rb") as raw, io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as text:
        yield from csv.DictReader(text)
