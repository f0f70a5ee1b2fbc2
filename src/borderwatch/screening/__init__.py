"""Watchlist and controlled-goods screening.

Public API (stable; the assessment pipeline calls it):

- :func:`load_list` ``(path, fmt=None, name=None) -> ScreeningList``: a versioned list from
  UN XML, OFAC CSV (with ``alt.csv``), FollowTheMoney JSON lines or lookout CSV.
- :func:`default_lists` ``() -> list[ScreeningList]``: the small fixtures shipped in
  ``screening/data`` (demo, tests, planted parties of the synthetic generator).
- :class:`Screener` ``(lists, thresholds=None)``: lists indexed once in memory;
  ``screen_party(name, schema, country=None, birth_date=None, identifiers=(), role=None)``
  returns explained :class:`~borderwatch.model.screening.ScreeningHit` s, ``screen_many``
  screens a batch (each distinct party once per list version) and ``reload`` swaps a list
  version, returning the delta and the parties whose hits changed.
- :func:`screen_goods` ``(hs_code, description, cas_number=None) -> list[GoodsFlag]``.
- :func:`compare_names` ``(query, candidate, schema="Person") -> float`` in [0, 1].
- Analyst review (``review.py``): :func:`confirm` / :func:`dismiss` ``(engine, party_key,
  hit, by, reason)`` append a decision (who, when, why); :class:`ReviewedScreener` marks hits
  dismissed for that party and unchanged list entry as suppressed, with the review in the
  explanation; :func:`store_hits` keeps hits with the list version they were made with.

The package imports only ``audit``, ``model``, ``store``, ``reference``, ``settings`` and
``errors``.
"""

from borderwatch.model.screening import FeatureScore, GoodsFlag, ScreeningHit
from borderwatch.screening.compare import compare_names
from borderwatch.screening.features import FEATURES, explanation
from borderwatch.screening.fixtures import default_lists, fixture_path
from borderwatch.screening.goods import screen_goods
from borderwatch.screening.memos import clear_matcher_caches
from borderwatch.screening.pool import ScreeningPool
from borderwatch.screening.query import party
from borderwatch.screening.review import (
    ReviewedScreener,
    confirm,
    dismiss,
    party_key,
    reviews,
    store_hits,
)
from borderwatch.screening.screener import OPERATING_THRESHOLD, Screener, Thresholds
from borderwatch.screening.sources import load_list
from borderwatch.screening.types import (
    ListDelta,
    ListEntry,
    PartyQuery,
    ScreeningList,
    list_delta,
)

__all__ = [
    "FEATURES",
    "OPERATING_THRESHOLD",
    "FeatureScore",
    "GoodsFlag",
    "ListDelta",
    "ListEntry",
    "PartyQuery",
    "ReviewedScreener",
    "Screener",
    "ScreeningHit",
    "ScreeningList",
    "ScreeningPool",
    "Thresholds",
    "clear_matcher_caches",
    "compare_names",
    "confirm",
    "default_lists",
    "dismiss",
    "explanation",
    "fixture_path",
    "list_delta",
    "load_list",
    "party",
    "party_key",
    "reviews",
    "screen_goods",
    "store_hits",
]
