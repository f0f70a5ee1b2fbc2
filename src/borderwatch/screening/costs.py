"""What the words of a name weigh, and what a query word left without a partner costs: the
denominator of a name score (:func:`~borderwatch.screening.compare.token_set_score`) and its
least value, which the candidate index divides by (:func:`least_cost`)."""

from __future__ import annotations

from borderwatch.screening.forms import (
    mistyped_form,
    near_any_form,
    near_droppable,
    respelt_form,
)
from borderwatch.screening.lexicon import GENERIC
from borderwatch.screening.normalise import Ends

GENERIC_WEIGHT = 0.4
NEAR_DROPPABLE = 0.2
"""What a query word left without a partner costs, times its weight, when it is one letter
from a word normalisation drops (:func:`near_droppable`: ``MACRO EMS uTD``)."""
RESPELT_FORM = 0.05
"""What an unpaired legal form written with ``k`` for ``c`` costs, times its weight, and a
legal form of the list name mistyped where the list writes it (:func:`alone_cost`)."""


def unmatched_cost(token: str) -> float:
    """What a query token left without a partner costs: its weight, or a fraction of it for
    an initial or a mistyped legal form, particle or honorific, and less for a legal form
    respelt with the same sounds (:func:`respelt_form`)."""
    if respelt_form(token):
        return weight(token) * RESPELT_FORM
    return weight(token) * (NEAR_DROPPABLE if len(token) == 1 or near_droppable(token) else 1.0)


def alone_cost(token: str, forms: frozenset[str] = frozenset()) -> float:
    """What a query word left without a partner costs: as a respelt form when it is one of
    the list name's legal forms ``forms`` mistyped where the list writes it (``RG HOLDINGS
    nTD`` / ``RG HOLDINGS LTD``), else :func:`unmatched_cost`."""
    if forms and mistyped_form(token, forms) is not None:
        return weight(token) * RESPELT_FORM
    return unmatched_cost(token)


def forms_at(i: int, size: int, ends: Ends) -> frozenset[str]:
    """The list name's legal forms a query word at position ``i`` of ``size`` may be, mistyped:
    those it writes before its words for the first, after them for the last."""
    lead, trail = ends
    return (lead if i == 0 else frozenset()) | (trail if i == size - 1 else frozenset())


def least_cost(token: str) -> float:
    """The least a query word left without a partner can cost against any list name (what
    the candidate index divides by)."""
    if near_any_form(token):
        return weight(token) * RESPELT_FORM
    return min(weight(token), unmatched_cost(token))


def weight(token: str) -> float:
    """How much a token counts: initials little, short tokens less than long ones, generic
    trade words (``trading``, ``shipping``) less than distinctive ones."""
    if len(token) == 1:
        return 0.35
    base = min(1.0, 0.4 + 0.12 * len(token))
    return base * GENERIC_WEIGHT if token in GENERIC else base
