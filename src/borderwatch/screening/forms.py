"""Words one letter from a word normalisation drops, or a legal form respelt: a legal form,
particle or honorific mistyped (``ntd`` for ltd, ``nin`` for bin) or written with ``k`` for
``c`` (``korp``), which cost a name score little when they pair with nothing
(:mod:`~borderwatch.screening.costs`)."""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz.distance import OSA, Hamming

from borderwatch.screening.lexicon import LEGAL_FORMS
from borderwatch.screening.normalise import DROPPABLE

_DROPPABLE_BY_LEN: dict[int, list[str]] = {}
_FORMS_BY_LEN: dict[int, list[str]] = {}
for _word in sorted(DROPPABLE):
    if len(_word) >= 3:
        _DROPPABLE_BY_LEN.setdefault(len(_word), []).append(_word)
        if _word in LEGAL_FORMS:
            _FORMS_BY_LEN.setdefault(len(_word), []).append(_word)


@lru_cache(maxsize=200_000)
def near_droppable(token: str, forms_only: bool = False) -> bool:
    """Whether a token is one letter from a word of three letters or more that
    :func:`~borderwatch.screening.normalise.name_tokens` drops: a legal form, particle or
    honorific mistyped or respelt (``ntd`` for ltd, ``plk`` for plc, ``nin`` for bin,
    ``hajjn`` for hajji), or a legal form written with ``k`` for ``c`` (``ko`` for co,
    ``korp`` for corp). Such a word that matches nothing costs a score little (see
    ``compare.token_set_score``).
    ``forms_only``: one letter from a legal form (not from a particle, honorific or stop
    word, which given names often are: ``Ana`` and ``and``)."""
    if _k_for_c(token):  # ko, korp
        return True
    if len(token) < 3 or token.isdigit():
        return False
    same = (_FORMS_BY_LEN if forms_only else _DROPPABLE_BY_LEN).get(len(token), ())
    return any(Hamming.distance(token, w, score_cutoff=1) <= 1 for w in same)


FORM_MIN = 3
"""A query word is read as a mistyped legal form of the list name only from this many letters
(two-letter words are names as often: ``Le``, ``Na``)."""


def mistyped_form(token: str, forms: frozenset[str]) -> str | None:
    """The word of ``forms`` that ``token`` (:data:`FORM_MIN` letters or more, not a number)
    is one letter from: a legal form mistyped (``ntd``: ``ltd``); else None."""
    if len(token) < FORM_MIN or token.isdigit():
        return None
    return next((f for f in sorted(forms) if OSA.distance(token, f, score_cutoff=1) <= 1), None)


@lru_cache(maxsize=200_000)
def near_any_form(token: str) -> bool:
    """Whether :func:`mistyped_form` may find ``token`` a legal form of some list name
    (what bounds its cost in the candidate index)."""
    return mistyped_form(token, LEGAL_FORMS) is not None


def respelt_form(token: str) -> bool:
    """Whether a token of three letters or more is a legal form written with ``k`` for ``c``
    (``pjsk``, ``llk``, ``korp``): the same sounds, so surely the form (``ko`` alone is also a
    Korean and Burmese name)."""
    return len(token) >= 3 and _k_for_c(token)


def _k_for_c(token: str) -> bool:
    """Whether ``token`` is a legal form written with ``k`` for ``c``."""
    return "k" in token and token.replace("k", "c") in LEGAL_FORMS
