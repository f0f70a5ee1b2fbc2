"""Synthetic trade: a deterministic, streamed generator of customs declarations with outcomes
and planted, labelled risk patterns (see ``docs/synth.md``).

Imports only :mod:`borderwatch.model`, :mod:`borderwatch.reference`, settings, errors and
logging; the screening lists reach it as :class:`WatchlistEntry` values from the caller.
"""

from borderwatch.synth.generator import Generator, generate, write_jsonl
from borderwatch.synth.names import name_variant
from borderwatch.synth.types import (
    PATTERNS,
    GenerationSummary,
    Options,
    WatchlistEntry,
)

__all__ = [
    "PATTERNS",
    "GenerationSummary",
    "Generator",
    "Options",
    "WatchlistEntry",
    "generate",
    "name_variant",
    "write_jsonl",
]
