"""The :class:`Screener`: lists indexed once in memory, parties screened against them.

Each distinct party is screened once per set of list versions (results are cached by the
party's normalised key). Reloading a list computes the delta and re-screens only the cached
parties it can affect.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace

from borderwatch.memory import paused_gc
from borderwatch.model.screening import ScreeningHit
from borderwatch.screening import reasons
from borderwatch.screening.compare import (
    compare_names,
    explain_names,
    score_tokens,
)
from borderwatch.screening.features import SECONDARY_MAX, Pair, score_pair
from borderwatch.screening.index import NameIndex
from borderwatch.screening.memos import clear_matcher_caches
from borderwatch.screening.normalise import name_tokens, titled, titles
from borderwatch.screening.query import party
from borderwatch.screening.runs import expand, unglued
from borderwatch.screening.script import is_abjad, latin, readings
from borderwatch.screening.types import (
    ListDelta,
    ListEntry,
    PartyQuery,
    ScreeningList,
    list_delta,
)

OPERATING_THRESHOLD = 0.88  # tuned: benchmarks/bench_screening.py tune, docs/screening.md
TOP_K = 64
NAME_CACHE = 200_000


@dataclass(frozen=True, slots=True)
class NameMatch:
    """The best-scoring alias of one list entry for one party name; for an alias the index
    found, its position and the query's tokens and text as scored (what explains the
    score again: :meth:`Screener.name_reasons`)."""

    list_pos: int
    entity_id: str
    matched_name: str
    score: float
    alias: int = -1
    read: tuple[str, ...] = ()
    text: str = ""
    abjad: bool = False


@dataclass(slots=True)
class Thresholds:
    """Alert thresholds: a default, overridden per list, per party role, or per both."""

    default: float = OPERATING_THRESHOLD
    overrides: dict[tuple[str | None, str | None], float] = field(default_factory=dict)

    def get(self, list_name: str, role: str | None) -> float:
        """The threshold for one list and party role (most specific override wins)."""
        for key in ((list_name, role), (list_name, None), (None, role)):
            if key in self.overrides:
                return self.overrides[key]
        return self.default


class Screener:
    """Party screening against a fixed set of list versions."""

    def __init__(self, lists: Iterable[ScreeningList], thresholds: Thresholds | None = None):
        self.lists = list(lists)
        self.thresholds = thresholds or Thresholds()
        self.index = NameIndex()
        self._fingerprints: list[dict[str, str]] = []
        self._cache: dict[tuple[object, ...], tuple[PartyQuery, list[ScreeningHit]]] = {}
        self._names: dict[tuple[str, float], list[NameMatch]] = {}
        self._ids: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
        with paused_gc():  # a million postings and keys kept: see borderwatch.memory
            for pos, lst in enumerate(self.lists):
                self._fingerprints.append(lst.fingerprints())
                for entry in lst.entries.values():
                    for name in entry.names:
                        self.index.add(pos, entry.entity_id, name, entry.schema)
                    for kind, values in entry.identifiers.items():
                        for value in values:
                            self._ids[(kind, value)].append((pos, entry.entity_id))
            self.index.freeze()

    @property
    def versions(self) -> dict[str, str]:
        """List name to list version in force."""
        return {lst.name: lst.version for lst in self.lists}

    def screen_party(
        self,
        name: str,
        schema: str = "LegalEntity",
        country: str | None = None,
        birth_date: str | None = None,
        identifiers: Mapping[str, str] | Iterable[tuple[str, str]] = (),
        role: str | None = None,
        threshold: float | None = None,
    ) -> list[ScreeningHit]:
        """Hits of one party, best first, each with its explanation."""
        q = party(name, schema, country, birth_date, identifiers, role)
        return self.screen(q, threshold)

    def screen(self, q: PartyQuery, threshold: float | None = None) -> list[ScreeningHit]:
        """Hits of one :class:`PartyQuery` (see :meth:`screen_party`)."""
        limits = [
            self.thresholds.get(lst.name, q.role) if threshold is None else threshold
            for lst in self.lists
        ]
        floor = round(max(0.0, min(limits, default=1.0) - SECONDARY_MAX), 4)
        best = {(m.list_pos, m.entity_id): m for m in self.name_matches(q.name, floor)}
        for key in q.identifiers:
            for pos, eid in self._ids.get(key, ()):
                if (pos, eid) not in best:
                    best[(pos, eid)] = self._entity_match(q.name, pos, eid)
        hits = [self._hit(q, m, limits[m.list_pos]) for m in best.values()]
        return sorted((h for h in hits if h is not None), key=lambda h: (-h.score, h.entity_id))

    def name_matches(self, name: str, floor: float) -> list[NameMatch]:
        """The best alias of every entry whose name scores at least ``floor`` (cached per
        distinct name and floor)."""
        key = (name, floor)
        cached = self._names.get(key)
        if cached is None:
            cached = self._match_names(name, floor)
            if len(self._names) >= NAME_CACHE:
                self._names.clear()
            self._names[key] = cached
        return cached

    def _match_names(self, name: str, floor: float) -> list[NameMatch]:
        """The best alias per entry over every way the name is read (:func:`readings`)."""
        best: dict[tuple[int, str], NameMatch] = {}
        for reading in readings(name):
            text = latin(reading)
            abjad = is_abjad(reading)
            raw = name_tokens(reading)
            lead, spare = titled(text), titles(text, abjad)
            for idx, read in self._candidates(raw, len(text.strip()), floor, abjad, len(spare)):
                alias = self.index.aliases[idx]
                score = score_tokens(read, text, alias, abjad or alias.abjad, None, lead, spare)
                key = (alias.list_pos, alias.entity_id)
                if score >= floor and score > (best[key].score if key in best else -1.0):
                    best[key] = NameMatch(alias.list_pos, alias.entity_id, alias.name, score,
                                          idx, read, text, abjad)  # fmt: skip
        return list(best.values())

    def _candidates(
        self, raw: tuple[str, ...], length: int, floor: float, abjad: bool, title_count: int
    ) -> Iterator[tuple[int, tuple[str, ...]]]:
        """The best :data:`TOP_K` candidate aliases of the query tokens ``raw`` with words run
        together split (:func:`~borderwatch.screening.runs.expand`), each with the tokens to
        score it with; then those of the second reading, if there is one
        (:func:`~borderwatch.screening.runs.unglued`), of the split tokens and, where they
        differ, of ``raw`` (``managementland``: ``management land`` split, and ``management``
        with ``and`` after a letter typed over the space)."""
        tokens = expand(self.index, raw)
        reads = [tokens, unglued(self.index, tokens, abjad)]
        if tokens != raw:
            reads.append(unglued(self.index, raw, abjad))
        seen: set[tuple[str, ...]] = set()
        for read in reads:
            if read is not None and read not in seen:
                seen.add(read)
                cands = self.index.candidates(read, length, floor, abjad, title_count)
                yield from ((idx, read) for idx in cands[:TOP_K].tolist())

    def _entity_match(self, name: str, pos: int, entity_id: str) -> NameMatch:
        entry = self.lists[pos].entries[entity_id]
        scored = [(compare_names(name, n, entry.schema), n) for n in entry.names]
        score, matched = max(scored, default=(0.0, entry.caption))
        return NameMatch(pos, entity_id, matched, score)

    def _hit(self, q: PartyQuery, m: NameMatch, limit: float) -> ScreeningHit | None:
        lst = self.lists[m.list_pos]
        entry: ListEntry = lst.entries[m.entity_id]
        score, parts = score_pair(Pair(q, entry, m.matched_name, m.score))
        if score < limit:
            return None
        why = self.name_reasons(q.name, m)
        parts = tuple(replace(p, detail=why) if p.name == "name_similarity" else p for p in parts)
        return ScreeningHit(
            lst.name,
            lst.version,
            m.entity_id,
            self._fingerprints[m.list_pos][m.entity_id],
            entry.schema,
            entry.caption,
            m.matched_name,
            q.name,
            round(score, 4),
            parts,
        )

    def name_reasons(self, name: str, m: NameMatch) -> str:
        """Why ``name`` scored ``m.score`` against the matched list name: the names as
        compared, each word pair and its rule, the words left over
        (:func:`~borderwatch.screening.reasons.line`)."""
        if m.alias < 0:
            schema = self.lists[m.list_pos].entries[m.entity_id].schema
            return explain_names(name, m.matched_name, schema)[1]
        alias = self.index.aliases[m.alias]
        notes: list[str] = []
        spare = titles(m.text, m.abjad)
        score_tokens(m.read, m.text, alias, m.abjad or alias.abjad, notes, titled(m.text), spare)
        return reasons.line(m.read, alias.tokens, notes)

    def screen_many(self, queries: Iterable[PartyQuery]) -> list[list[ScreeningHit]]:
        """Hits of many parties; each distinct party is screened once for these versions
        (the garbage collector paused: see :mod:`borderwatch.memory`)."""
        out = []
        with paused_gc():
            for q in queries:
                key = q.key()
                cached = self._cache.get(key)
                if cached is None:
                    cached = self._cache[key] = (q, self.screen(q))
                out.append(cached[1])
        return out

    def cached(self, key: tuple[object, ...]) -> list[ScreeningHit] | None:
        """The hits of the party of ``key`` (:meth:`PartyQuery.key`), if it was screened."""
        found = self._cache.get(key)
        return None if found is None else found[1]

    def remember(self, q: PartyQuery, hits: list[ScreeningHit]) -> None:
        """Keep ``hits`` as those of ``q``, screened by a copy of this screener (another
        process of a :class:`~borderwatch.screening.pool.ScreeningPool`)."""
        self._cache[q.key()] = (q, hits)

    def clear_cache(self, words: bool = True) -> None:
        """Forget cached parties and names (for measurements: each party is then screened
        again) and, with ``words``, the token matches and what the matcher's functions remember
        of the words they have read: the screener is then as cold as in a process that has
        screened nothing. Without ``words`` it stays as warm as a process that has screened
        other parties with the same words."""
        self._cache.clear()
        self._names.clear()
        if words:
            self.index.clear_cache()
            clear_matcher_caches()

    def reload(self, new: ScreeningList) -> tuple[Screener, ListDelta, set[tuple[object, ...]]]:
        """A screener with ``new`` replacing the list of the same name, the delta, and the
        keys of cached parties whose hits changed (only those parties are re-screened)."""
        old = next((lst for lst in self.lists if lst.name == new.name), None)
        delta = list_delta(old, new)
        lists = [new if lst.name == new.name else lst for lst in self.lists]
        if old is None:
            lists.append(new)
        nxt = Screener(lists, self.thresholds)
        changed = nxt._carry_over(self._cache, delta)
        return nxt, delta, changed

    def _carry_over(
        self,
        cache: dict[tuple[object, ...], tuple[PartyQuery, list[ScreeningHit]]],
        delta: ListDelta,
    ) -> set[tuple[object, ...]]:
        probe = Screener([self._list(delta.list_name).only(delta.touched)], self.thresholds)
        changed: set[tuple[object, ...]] = set()
        for key, (q, hits) in cache.items():
            touched = any(
                h.list_name == delta.list_name and h.entity_id in delta.touched for h in hits
            )
            if touched or probe.screen(q):
                self._cache[key] = (q, self.screen(q))
                changed.add(key)
            else:
                self._cache[key] = (q, [self._restamp(h) for h in hits])
        return changed

    def _list(self, name: str) -> ScreeningList:
        return next(lst for lst in self.lists if lst.name == name)

    def _restamp(self, hit: ScreeningHit) -> ScreeningHit:
        if hit.list_name not in self.versions:
            return hit
        return replace(hit, list_version=self.versions[hit.list_name])
