"""Query words run together: split where a lost space or a letter typed over one joined
known words, or a particle or legal form to a word (:func:`split_run` finds where)."""

from __future__ import annotations

from collections.abc import Container

from borderwatch.screening.compound import split_run
from borderwatch.screening.index import NameIndex
from borderwatch.screening.vocab import JOIN

RUN_MIN = 6
"""Words shorter than this are not taken for two run together."""


def expand(index: NameIndex, tokens: tuple[str, ...]) -> tuple[str, ...]:
    """Query tokens with run-together words that match no known word (but initials)
    split where both halves are known words (``saddamhussein``, or ``saddamahussein``
    with a space typed over), or where one half is a known word and the other a word
    normalisation drops (``petrochemicallcompany``: the legal form goes, as it would
    written apart)."""
    out: list[str] = []
    for tok in tokens:
        lone = len(tok) >= RUN_MIN and not index.matches_a_word(tok)
        out.extend(split_run(tok, index.words.ids) if lone else (tok,))
    return tuple(out)


def unglued(
    index: NameIndex, tokens: tuple[str, ...], abjad: bool = False
) -> tuple[str, ...] | None:
    """A second reading of query tokens in which words that are not known words, but match
    others by spelling, lose a particle or legal form run into them, as :func:`expand`
    splits the ones matching nothing: ``alotikriti`` (``AL-TIKRITI`` with a letter typed
    over the hyphen) also reads ``tikriti``, though it shares a skeleton with ``altegrity``
    (two known words are not split here: ``tanaka``). None when no word splits (the caller
    screens both readings: the whole word may be the better). For a query in an abjad
    script the word after a particle must only match a known word (``bnhsyn``, ``بنحسين``:
    ``hsyn``, which matches Hussein)."""
    after: Container[str] = _Matching(index) if abjad else index.words.ids
    out: list[str] = []
    for tok in tokens:
        split: tuple[str, ...] = (tok,)
        if len(tok) >= RUN_MIN and tok not in index.words.ids and JOIN + tok not in index.words.ids:
            split = split_run(tok, index.words.ids, pairs=False, after=after)
        out.extend(split)
    found = tuple(out)
    return found if found != tokens else None


class _Matching:
    """The words of an abjad query that match a known word of two letters or more (what
    :func:`unglued` may leave of a word once a particle is split off)."""

    def __init__(self, index: NameIndex) -> None:
        self.index = index

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.index.matches_a_word(word, abjad=True)
