"""The list fixtures shipped in ``screening/data`` (see its ``PROVENANCE.md``): the demo
screens against them and the synthetic trade generator plants parties taken from them."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from borderwatch.screening.sources import load_list
from borderwatch.screening.types import ScreeningList

FIXTURES = {
    "un": ("un_consolidated_extract.xml", "un"),
    "ofac": ("ofac/sdn.csv", "ofac"),
    "opensanctions": ("opensanctions_sample.ftm.jsonl", "ftm"),
    "lookout": ("national_lookout_sample.csv", "lookout"),
}


def fixture_path(name: str) -> Path:
    """Filesystem path of a shipped list fixture file (``screening/data/<name>``)."""
    return Path(str(resources.files("borderwatch.screening") / "data" / name))


def default_lists() -> list[ScreeningList]:
    """The four shipped fixture lists, loaded: UN, OFAC (with aliases), FtM and lookout."""
    return [load_list(fixture_path(f), fmt, name) for name, (f, fmt) in FIXTURES.items()]
