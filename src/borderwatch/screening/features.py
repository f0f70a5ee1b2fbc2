"""The matcher's features: small functions, each with a weight, whose docstrings are the
public explanation of a hit (as in nomenklatura's logic-v2).

The score of a candidate is the weighted sum of the feature values, clamped to [0, 1].
Name similarity carries the score; secondary evidence raises it when it agrees and lowers
it when it contradicts. A test fails if a feature lacks its docstring.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass

from borderwatch.model.screening import FeatureScore
from borderwatch.screening.types import ListEntry, PartyQuery

_KINDS = {"Person": "person", "Company": "org", "Organization": "org", "Vessel": "vessel"}


@dataclass(frozen=True, slots=True)
class Pair:
    """A party and a list entry under comparison, with the best alias and its name score."""

    query: PartyQuery
    entry: ListEntry
    matched_name: str
    name_score: float


def name_similarity(pair: Pair) -> float:
    """How alike the party's name is to the best-matching list name or alias, after
    transliteration, normalisation and token alignment (0 to 1)."""
    return pair.name_score


def country_match(pair: Pair) -> float:
    """The party's country is one of the list entry's countries."""
    q = pair.query.country
    return 1.0 if q and q.upper() in pair.entry.countries else 0.0


def country_mismatch(pair: Pair) -> float:
    """Both sides name countries and none agree."""
    q = pair.query.country
    return 1.0 if q and pair.entry.countries and q.upper() not in pair.entry.countries else 0.0


def birth_date_match(pair: Pair) -> float:
    """The party's date of birth agrees with one on the list (full date, or year when the
    list gives only a year)."""
    q = pair.query.birth_date
    if not q or not pair.entry.birth_dates:
        return 0.0
    return 1.0 if any(q.startswith(d) or d.startswith(q) for d in pair.entry.birth_dates) else 0.0


def birth_date_mismatch(pair: Pair) -> float:
    """Both sides give a date of birth and the years differ by more than one."""
    q = pair.query.birth_date
    if not q or not pair.entry.birth_dates or not q[:4].isdigit():
        return 0.0
    years = [int(d[:4]) for d in pair.entry.birth_dates if d[:4].isdigit()]
    return 1.0 if years and all(abs(int(q[:4]) - y) > 1 for y in years) else 0.0


def identifier_match(pair: Pair) -> float:
    """An identifier of the party (IMO number, passport, tax or registration number) equals
    one on the list."""
    for kind, value in pair.query.identifiers:
        if value in pair.entry.identifiers.get(kind, ()):
            return 1.0
    return 0.0


def identifier_mismatch(pair: Pair) -> float:
    """The party and the list entry both carry an identifier of the same kind (an IMO number,
    say) and no value agrees."""
    hit = clash = False
    for kind, value in pair.query.identifiers:
        known = pair.entry.identifiers.get(kind)
        if known:
            hit = hit or value in known
            clash = clash or value not in known
    return 1.0 if clash and not hit else 0.0


def schema_mismatch(pair: Pair) -> float:
    """The party is a different kind of thing from the list entry (a person against a
    company, a vessel against a person)."""
    a, b = _KINDS.get(pair.query.schema), _KINDS.get(pair.entry.schema)
    return 1.0 if a and b and a != b else 0.0


Feature = Callable[[Pair], float]
_NAME_OR_ID = ("name_similarity", "identifier_match")

FEATURES: list[tuple[Feature, float]] = [
    (name_similarity, 1.0),
    (country_match, 0.03),
    (country_mismatch, -0.08),
    (birth_date_match, 0.05),
    (birth_date_mismatch, -0.2),
    (identifier_match, 0.5),
    (identifier_mismatch, -0.12),
    (schema_mismatch, -0.25),
]


SECONDARY_MAX = sum(w for f, w in FEATURES if w > 0 and f.__name__ not in _NAME_OR_ID)


def explanation(feature: Feature) -> str:
    """The public explanation of a feature: its docstring on one line."""
    doc = inspect.getdoc(feature) or ""
    return " ".join(doc.split())


_DOCS = {f.__name__: explanation(f) for f, _ in FEATURES}


def score_pair(pair: Pair) -> tuple[float, tuple[FeatureScore, ...]]:
    """The clamped weighted score of a pair and every feature's part in it."""
    parts = []
    total = 0.0
    for fn, weight in FEATURES:
        value = fn(pair)
        total += value * weight
        if value:
            parts.append(FeatureScore(fn.__name__, value, weight, _DOCS[fn.__name__]))
    return min(1.0, max(0.0, total)), tuple(parts)
