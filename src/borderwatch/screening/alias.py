"""One indexed list name (:class:`Alias`) with its normalised forms, and the array types
the index and the cut-word search share."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from borderwatch.screening.normalise import comma_split, name_parts, name_tokens, titled
from borderwatch.screening.script import is_abjad, latin, readings

Ids = npt.NDArray[np.int32]
Sims = npt.NDArray[np.float32]
Cover = tuple[Ids, Sims, Sims]
"""Aliases a query token matches, with the best similarity per alias (Latin, abjad)."""
Part = tuple[str, float, Cover | None]
"""A query word, its weight and its cover."""


@dataclass(frozen=True, slots=True)
class Alias:
    """One indexed name of one list entry, with its normalised forms precomputed."""

    list_pos: int
    entity_id: str
    name: str
    tokens: tuple[str, ...]
    latin: str
    comma: int
    abjad: bool
    joined: frozenset[int] = frozenset()
    """Token positions that continue the one before in a hyphenated name (``Hong-Sop``)."""
    titled: bool = False
    """The given names open with an honorific (``Seyed``; see ``normalise.titled``)."""
    schema: str = "Person"
    """The list entry's schema, which the scorer reads: in a person's name a one-letter word
    is an initial, which a whole word pairs with at ``INITIAL``; in other names it is an
    acronym's letter, paired at ``ACRONYM`` (see ``compare.align``)."""


def aliases_of(list_pos: int, entity_id: str, name: str, schema: str = "Person") -> list[Alias]:
    """The :class:`Alias` of a list name for each way it is read (:func:`readings`: the
    Persian reading of Arabic script too), all showing the name as listed; none when the
    name has no tokens; ``schema``: the entry's (see :attr:`Alias.schema`)."""
    out = []
    for text in readings(name):
        tokens, joined = name_parts(text)
        if tokens:
            comma = len(name_tokens(comma_split(text)[0])) if "," in text else 0
            text_latin = latin(text)  # titled reads the Latin form: romanised once
            out.append(Alias(list_pos, entity_id, name, tokens, text_latin, comma, is_abjad(text),
                             joined, titled(text_latin), schema))  # fmt: skip
    return out
