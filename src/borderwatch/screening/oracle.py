"""The reference the candidate index is held against: score the whole list pairwise."""

from __future__ import annotations

from borderwatch.screening.compare import score_tokens
from borderwatch.screening.index import NameIndex


def brute_force_candidates(
    index: NameIndex,
    tokens: tuple[str, ...],
    floor: float,
    abjad: bool = False,
    titles: frozenset[str] = frozenset(),
) -> set[int]:
    """Reference: every alias whose name scores at least ``floor`` against the query (as a
    person's name or another's, as its entry is; ``titles``: those normalisation dropped from
    the query), found by scoring the whole list pairwise (slow, obviously complete)."""
    text = " ".join(tokens)
    return {
        idx
        for idx, a in enumerate(index.aliases)
        if score_tokens(tokens, text, a, abjad or a.abjad, None, False, titles) >= floor
    }
