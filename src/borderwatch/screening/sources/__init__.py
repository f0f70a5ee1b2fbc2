"""List readers: UN XML, OFAC CSV, FollowTheMoney JSON lines, lookout CSV."""

from __future__ import annotations

from pathlib import Path

from borderwatch.errors import SourceUnreadable
from borderwatch.memory import paused_gc
from borderwatch.screening.sources.ftm import load_ftm
from borderwatch.screening.sources.lookout import load_lookout
from borderwatch.screening.sources.ofac import load_ofac
from borderwatch.screening.sources.un import load_un
from borderwatch.screening.types import ScreeningList

FORMATS = ("un", "ofac", "ftm", "lookout")


def detect_format(path: Path) -> str:
    """Guess a list's format from its name and first bytes."""
    suffix = path.suffix.lower()
    if suffix == ".xml":
        return "un"
    if suffix in (".jsonl", ".json", ".ndjson"):
        return "ftm"
    if suffix == ".csv":
        with path.open("rb") as fh:
            head = fh.read(200)
        return "lookout" if head.lower().lstrip(b"\xef\xbb\xbf").startswith(b"id,") else "ofac"
    raise SourceUnreadable(f"{path}: cannot tell the list format; pass one of {FORMATS}")


def load_list(path: str | Path, fmt: str | None = None, name: str | None = None) -> ScreeningList:
    """Load a list file into a versioned :class:`ScreeningList`.

    ``fmt`` is ``un``, ``ofac``, ``ftm`` or ``lookout`` (guessed when None); ``name``
    defaults to the format (the file stem for lookouts).
    """
    path = Path(path)
    if not path.exists():
        raise SourceUnreadable(f"{path}: no such list file")
    fmt = fmt or detect_format(path)
    with paused_gc():  # tens of thousands of entries kept: see borderwatch.memory
        if fmt == "un":
            return load_un(path, name or "un")
        if fmt == "ofac":
            return load_ofac(path, name or "ofac")
        if fmt == "ftm":
            return load_ftm(path, name or "opensanctions")
        if fmt == "lookout":
            return load_lookout(path, name)
    raise SourceUnreadable(f"{path}: unknown list format {fmt!r}; known: {', '.join(FORMATS)}")
