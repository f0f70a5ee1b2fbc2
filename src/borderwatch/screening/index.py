"""In-memory candidate index over every alias of every loaded list.

Two levels. The vocabulary (:class:`~borderwatch.screening.vocab.Vocabulary`) holds every
distinct alias word and join with the aliases using it, and matches a query word to the words
:func:`token_similarity` scores it against. Each query word's cover is then, per alias, the
best similarity of its matches there, cached per distinct word.

An alias can only score ``s`` if the query tokens it matches carry at least ``s`` of the
query's weight, so :meth:`NameIndex.candidates` keeps the aliases whose matched weight
(initials, and the last word of a query long enough to be cut by a fixed-width field,
counted as matched) reaches the floor, ranked by that cheap coverage score.
:func:`borderwatch.screening.oracle.brute_force_candidates` is the slow, obviously complete
reference the tests hold the index against.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import OSA

from borderwatch.screening.alias import Alias, Cover, Ids, Part, aliases_of
from borderwatch.screening.compare import (
    ACRONYM,
    PERSON_SCHEMAS,
    TRUNCATION_MIN,
)
from borderwatch.screening.compound import article_removed
from borderwatch.screening.costs import least_cost, weight
from borderwatch.screening.cut import CutWords
from borderwatch.screening.similarity import (
    INITIAL,
    token_similarity,
)
from borderwatch.screening.vocab import JOIN, Vocabulary


class NameIndex:
    """Aliases, vocabulary and postings; built once, queried many times."""

    def __init__(self) -> None:
        self.aliases: list[Alias] = []
        self.words = Vocabulary()
        """Every word and join of an alias, with its postings (see :class:`Vocabulary`)."""
        self._weights: npt.NDArray[np.float32] = np.zeros(0, np.float32)
        self._covers: dict[str, Cover | None] = {}
        self._abjad: npt.NDArray[np.bool_] = np.zeros(0, np.bool_)
        self._person: npt.NDArray[np.bool_] = np.zeros(0, np.bool_)
        self._cut = CutWords([])
        self._initials: dict[str, Ids] = {}
        """Per letter, the aliases with a word it begins (what a query's initial can match)."""

    def add(self, list_pos: int, entity_id: str, name: str, schema: str = "Person") -> None:
        """Index one name of one entry, once per way it is read (names without tokens, or
        with initials only, which never score, are skipped); ``schema``: the entry's (see
        :attr:`Alias.schema`)."""
        for alias in aliases_of(list_pos, entity_id, name, schema):
            if not all(len(t) == 1 for t in alias.tokens):
                self._add(alias)

    def _add(self, alias: Alias) -> None:
        self.words.add(len(self.aliases), alias)
        self.aliases.append(alias)

    def freeze(self) -> None:
        """Finish building: postings become arrays."""
        self.words.freeze()
        self._weights = np.asarray(  # for the ranking: a hyphenated name's rest may cost nothing
            [sum(weight(t) for k, t in enumerate(a.tokens) if k not in a.joined)
             for a in self.aliases], np.float32)  # fmt: skip
        self._abjad = np.asarray([a.abjad for a in self.aliases], np.bool_)
        self._person = np.asarray([a.schema in PERSON_SCHEMAS for a in self.aliases], np.bool_)
        self._cut = CutWords(self.aliases)
        letters: dict[str, set[int]] = defaultdict(set)
        for idx, alias in enumerate(self.aliases):
            for tok in alias.tokens:
                letters[tok[0]].add(idx)
        self._initials = {k: np.asarray(sorted(v), np.int32) for k, v in letters.items()}

    def clear_cache(self) -> None:
        """Forget the cached word matches of query tokens."""
        self.words.clear_cache()
        self._covers.clear()
        self._cut.clear()

    def matches_a_word(self, token: str, abjad: bool = False) -> bool:
        """Whether ``token`` matches a known word of two letters or more (not only initials),
        as a Latin query's word or, with ``abjad``, an abjad one's."""
        return any(len(self.words.words[w]) > 1 for w, _ in self.words.matches(token, abjad=abjad))

    def _cover(self, token: str, joined: bool = False, abjad: bool = False) -> Cover | None:
        """The aliases ``token`` matches and the best similarity per alias, for a Latin query
        (strict unless the alias is in a loosely romanised script) and for an abjad query
        (lenient); cached per token and script, None when it matches nothing."""
        cache_key = ("A" if abjad else "") + (JOIN + token if joined else token)
        if cache_key in self._covers:
            return self._covers[cache_key]
        matches = self.words.matches(token, joined, abjad)
        cover = None
        if matches:
            arrays = [self.words.arrays[w] for w, _ in matches]
            ids = np.concatenate(arrays)
            sizes = [a.size for a in arrays]
            lenient = np.repeat(np.asarray([s for _, s in matches], np.float32), sizes)
            strict = np.repeat(
                np.asarray([self._strict(token, w, s, joined) for w, s in matches], np.float32),
                sizes,
            )
            if len(token) > 1:  # a one-letter word, outside people's names, is an acronym's
                # letter, which a whole word pairs with at ACRONYM at most (as the scorer aligns)
                short = [len(self.words.words[w]) == 1 for w, _ in matches]
                if any(short):
                    capped = np.repeat(np.asarray(short), sizes) & ~self._person[ids]
                    lenient[capped] = np.minimum(lenient[capped], ACRONYM)
                    strict[capped] = np.minimum(strict[capped], ACRONYM)
            cover = _reduce_max(ids, np.where(self._abjad[ids], lenient, strict), lenient)
        if len(self._covers) < 500_000:
            self._covers[cache_key] = cover
        return cover

    def _article_cover(self, a: str, b: str) -> Cover | None:
        """The aliases with a word writing ``a`` and ``b`` together with the article between
        them (``noor`` + ``din``: ``nooruddin``), as the scorer joins; cached per pair."""
        cache_key = f"{a}|{b}"
        if cache_key in self._covers:
            return self._covers[cache_key]
        cover = None
        if wids := self.words.articles.get(cache_key):
            ids = np.concatenate([self.words.arrays[w] for w in wids])
            ones = np.ones(len(ids), np.float32)
            cover = _reduce_max(ids, ones, ones)
        if len(self._covers) < 500_000:
            self._covers[cache_key] = cover
        return cover

    def _strict(self, token: str, wid: int, lenient: float, joined: bool) -> float:
        word = self.words.words[wid]
        if joined or self.words.joins[wid]:  # outside abjad names a join needs one edit at most
            close = OSA.distance(token, word, score_cutoff=1) <= 1
            return lenient if close or (not joined and word in article_removed(token)) else 0.0
        return lenient if lenient in (1.0, INITIAL) else token_similarity(token, word, False)

    def candidates(
        self,
        tokens: tuple[str, ...],
        query_len: int,
        floor: float,
        abjad: bool = False,
        title_count: int = 0,
    ) -> Ids:
        """Alias positions that can score ``floor``, best first by coverage: the weight of
        the query tokens each alias matches, times the similarity of the match (lenient for
        a query in an abjad script, see :func:`token_similarity`). ``title_count``: how many
        titles normalisation dropped from the query, each of which the scorer may pair with
        a list word left over (:func:`~borderwatch.screening.compare.token_set_score`)."""
        if not tokens or not self.aliases:
            return np.zeros(0, np.int32)
        weights = [weight(t) for t in tokens]
        cov = np.zeros(len(self.aliases), np.float32)
        given = 0.0
        initials: npt.NDArray[np.float32] | None = None  # initials matched, for the ranking
        parts: list[tuple[int, Part]] = []  # each with how far from the end of the query
        for i, tok in enumerate(tokens):
            if len(tok) == 1:
                given += weights[i]  # an initial matches any word with its letter
                if (ids := self._initials.get(tok)) is not None:
                    if initials is None:
                        initials = np.zeros(len(self.aliases), np.float32)
                    initials[ids] += weights[i] * INITIAL
                continue
            cover = self._token_cover(tokens, i, abjad)
            if cover is not None:
                cov[cover[0]] += weights[i] * cover[2 if abjad else 1]
            parts.append((len(tokens) - 1 - i, (tok, weights[i], cover)))
        # a score divides by every query token's weight, or less for one that matches
        # nothing and is a mistyped dropped word: the smaller sum bounds every alias
        least = sum(least_cost(t) for t in tokens)
        # a title paired adds at most 1 (a word's weight, times a similarity) above and below
        # the line, which lifts any score under 1: the bound allows for it
        need = max(floor * (least + title_count) - title_count - given - 1e-6, 1e-6)
        found = np.flatnonzero(cov >= need).astype(np.int32)
        if query_len >= TRUNCATION_MIN and parts:
            cut = self._cut.candidates(parts, cov, need, query_len, 2 if abjad else 1)
            found = np.concatenate([found, cut])  # disjoint: the cut ones fall short whole
        got = cov[found] if initials is None else cov[found] + initials[found]
        cheap = got - 0.3 * (self._weights[found] - got)
        return found[np.argsort(-cheap, kind="stable")]

    def _token_cover(self, tokens: tuple[str, ...], i: int, abjad: bool) -> Cover | None:
        """The cover of query token ``i`` (or of it joined with one or two neighbours): per
        alias, the best similarity to one of the alias's words; None when it matches
        nothing."""
        covers = [self._cover(tokens[i], abjad=abjad)]
        for start, end in ((i - 1, i + 1), (i, i + 2), (i - 2, i + 1), (i - 1, i + 2), (i, i + 3)):
            if start >= 0 and end <= len(tokens):
                covers.append(self._cover("".join(tokens[start:end]), True, abjad))
                if end - start == 2:
                    covers.append(self._article_cover(tokens[start], tokens[start + 1]))
        found = [c for c in covers if c is not None]
        if len(found) <= 1:
            return found[0] if found else None
        return _reduce_max(*(np.concatenate(parts) for parts in zip(*found, strict=True)))


def _reduce_max(ids: Ids, *sims: npt.NDArray[np.float32]) -> Cover:
    """Unique ids, with the maximum of each similarity array per id."""
    order = np.argsort(ids, kind="stable")
    ids = ids[order]
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
    lat, abj = (np.maximum.reduceat(s[order], starts) for s in sims)
    return ids[starts], lat, abj
