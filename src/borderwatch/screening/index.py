"""In-memory candidate index over every alias of every loaded list.

Two levels. A vocabulary holds every distinct alias token (and every join of two or
three neighbouring tokens, for ``Jian Min`` / ``Jianmin``) with its postings, the aliases using it.
A query token is matched to vocabulary words by the very rules :func:`token_similarity`
scores with: equality, one edit (SymSpell-style deletion keys), a shared folded spelling,
skeleton or consonant key. Word matches are cached per distinct token.

An alias can only score ``s`` if the query tokens it matches carry at least ``s`` of the
query's weight, so :meth:`NameIndex.candidates` keeps the aliases whose matched weight
(initials, and the last word of a query long enough to be cut by a fixed-width field,
counted as matched) reaches the floor, ranked by that cheap coverage score.
:func:`borderwatch.screening.oracle.brute_force_candidates` is the slow, obviously complete
reference the tests hold the index against.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import OSA

from borderwatch.screening.alias import Alias, Cover, Ids, Part, aliases_of
from borderwatch.screening.compare import (
    ACRONYM,
    JOIN_MIN,
    PERSON_SCHEMAS,
    SHORT_JOIN,
    TRUNCATION_MIN,
)
from borderwatch.screening.compound import article_removed, article_splits
from borderwatch.screening.costs import least_cost, weight
from borderwatch.screening.cut import CutWords
from borderwatch.screening.keys import word_keys
from borderwatch.screening.lexicon import TRANSLATIONS
from borderwatch.screening.normalise import skeleton
from borderwatch.screening.similarity import (
    INITIAL,
    MIN_TYPO_LEN,
    SHORT_TYPO_LEN,
    token_similarity,
)

JOIN = "+"  # vocabulary key prefix of a run of two or three alias tokens written together


def _deletes(token: str) -> set[str]:
    return {token[:i] + token[i + 1 :] for i in range(len(token))}


def translations(token: str) -> tuple[str, ...]:
    """The words ``token`` translates or is translated by (see
    :data:`~borderwatch.screening.lexicon.TRANSLATIONS`)."""
    return TRANSLATIONS.get(token, ())


class NameIndex:
    """Aliases, vocabulary and postings; built once, queried many times."""

    def __init__(self) -> None:
        self.aliases: list[Alias] = []
        self.vocab: dict[str, int] = {}
        self._words: list[str] = []
        self._postings: list[list[int]] = []
        self._arrays: list[Ids] = []
        self._keys: dict[str, list[int]] = defaultdict(list)
        self._join_keys: dict[str, list[int]] = defaultdict(list)
        """Skeleton keys of joined words (the scorer joins by skeleton for abjad names)."""
        self._abjad_keys: dict[str, list[int]] = defaultdict(list)
        """Skeleton keys of the words (joined or not) of aliases in abjad scripts: all a
        Latin query's skeleton joins can meet."""
        self._abjad_words: set[int] = set()
        self._articles: dict[str, list[int]] = defaultdict(list)
        """Words writing two words with the article between them, by the pair ``a|b``."""
        self._edits: dict[str, list[int]] = {}  # a word and its deletions of one letter
        self._weights: npt.NDArray[np.float32] = np.zeros(0, np.float32)
        self._matches: dict[str, tuple[tuple[int, float], ...]] = {}
        self._covers: dict[str, Cover | None] = {}
        self._abjad: npt.NDArray[np.bool_] = np.zeros(0, np.bool_)
        self._person: npt.NDArray[np.bool_] = np.zeros(0, np.bool_)
        self._joins: npt.NDArray[np.bool_] = np.zeros(0, np.bool_)
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
        idx = len(self.aliases)
        self.aliases.append(alias)
        toks = alias.tokens
        words = set(toks)
        for width in (2, 3):
            for i in range(len(toks) - width + 1):
                if len(joined := "".join(toks[i : i + width])) >= JOIN_MIN:
                    words.add(JOIN + joined)
        for word in words:
            wid = self._word(word)
            self._postings[wid].append(idx)
            if alias.abjad and wid not in self._abjad_words:
                self._abjad_words.add(wid)
                if len(skel := skeleton(self._words[wid])) >= SHORT_JOIN:
                    self._abjad_keys["~" + skel].append(wid)

    def _word(self, key: str) -> int:
        wid = self.vocab.get(key)
        if wid is None:
            wid = self.vocab[key] = len(self._postings)
            self._postings.append([])
            word = key.removeprefix(JOIN)
            self._words.append(word)
            if word == key:
                for phonetic in word_keys(word):
                    self._keys[phonetic].append(wid)
                for i, size in article_splits(word):  # noor|din of nooruddin
                    self._articles[f"{word[:i]}|{word[i + size :]}"].append(wid)
            elif len(skel := skeleton(word)) >= SHORT_JOIN:
                self._join_keys["~" + skel].append(wid)
            if len(word) >= SHORT_TYPO_LEN:
                edits = self._edits
                for i in range(-1, len(word) if len(word) >= MIN_TYPO_LEN else 0):
                    delete = word if i < 0 else word[:i] + word[i + 1 :]
                    if (posting := edits.get(delete)) is None:
                        edits[delete] = [wid]
                    elif posting[-1] != wid:  # a doubled letter gives one delete twice
                        posting.append(wid)
        return wid

    def freeze(self) -> None:
        """Finish building: postings become arrays."""
        self._arrays = [np.asarray(p, np.int32) for p in self._postings]
        self._joins = np.asarray([k.startswith(JOIN) for k in self.vocab], np.bool_)
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

    def word_matches(
        self, token: str, joined: bool = False, abjad: bool = False
    ) -> tuple[tuple[int, float], ...]:
        """Vocabulary words ``token`` can score against, with the similarity (as for a name in
        an abjad script, the most lenient case), lowest first; cached per token.

        A run of tokens joined on one side (``joined`` for the query's, or a joined word of
        the vocabulary) pairs with a word within one edit of it (as the scorer joins),
        counted as equal; or with one of the same skeleton, as the scorer joins where a name
        is in an abjad script: any word for an ``abjad`` query, else the words of abjad
        aliases."""
        cache_key = ("A" if abjad else "") + (JOIN + token if joined else token)
        cached = self._matches.get(cache_key)
        if cached is not None:
            return cached
        found: dict[int, float] = {}
        skel = skeleton(token)
        key = "~" + skel if len(skel) >= SHORT_JOIN else None  # joins by skeleton
        postings: list[Sequence[int]] = []
        if not joined:
            if (wid := self.vocab.get(token)) is not None:
                found[wid] = 1.0
            if len(token) > 1 and (wid := self.vocab.get(token[0])) is not None:
                found[wid] = INITIAL  # the list gives only an initial
            for run in article_removed(token):  # words written apart, the article between
                if (wid := self.vocab.get(JOIN + run)) is not None:
                    found[wid] = 1.0
            postings = [self._keys.get(k, ()) for k in word_keys(token)]
            if key:  # joined words
                postings.append((self._join_keys if abjad else self._abjad_keys).get(key, ()))
        elif key:  # words, and joined words too for an abjad query
            if abjad:
                postings += [self._keys.get(key, ()), self._join_keys.get(key, ())]
            else:
                postings.append(self._abjad_keys.get(key, ()))
        for word in translations(token):  # as the scorer does where a name is abjad, a
            for wid in (self.vocab.get(word), None if joined else self.vocab.get(JOIN + word)):
                if wid is not None:  # phrase joined on either side (money exchange)
                    found.setdefault(wid, token_similarity(token, word))
        if len(token) >= MIN_TYPO_LEN:
            postings += [self._edits.get(k, ()) for k in (token, *_deletes(token))]
        elif len(token) == SHORT_TYPO_LEN:
            postings.append(self._edits.get(token, ()))  # longer words one letter away
        for posting in postings:
            for wid in posting:
                if wid not in found and (sim := self._similarity(token, wid, joined)) > 0:
                    found[wid] = sim
        result = tuple(sorted(found.items(), key=lambda item: item[1]))
        if len(self._matches) < 500_000:
            self._matches[cache_key] = result
        return result

    def _similarity(self, token: str, wid: int, joined: bool) -> float:
        word = self._words[wid]
        if joined or self._joins[wid]:
            # the scorer joins a run to match a word of at least JOIN_MIN letters, however
            # short the run: the word matched is the list's when the query's run is joined;
            # within one edit, or (for an abjad name, the lenient case) by skeleton
            target = word if joined else token
            if len(target) < JOIN_MIN:
                return 0.0
            if OSA.distance(token, word, score_cutoff=1) <= 1:
                return 1.0
            same = skeleton(token) == skeleton(word)
            return 1.0 if same and len(skeleton(target)) >= SHORT_JOIN else 0.0
        return token_similarity(token, word)

    def clear_cache(self) -> None:
        """Forget the cached word matches of query tokens."""
        self._matches.clear()
        self._covers.clear()
        self._cut.clear()

    def matches_a_word(self, token: str, abjad: bool = False) -> bool:
        """Whether ``token`` matches a known word of two letters or more (not only initials),
        as a Latin query's word or, with ``abjad``, an abjad one's."""
        return any(len(self._words[w]) > 1 for w, _ in self.word_matches(token, abjad=abjad))

    def _cover(self, token: str, joined: bool = False, abjad: bool = False) -> Cover | None:
        """The aliases ``token`` matches and the best similarity per alias, for a Latin query
        (strict unless the alias is in a loosely romanised script) and for an abjad query
        (lenient); cached per token and script, None when it matches nothing."""
        cache_key = ("A" if abjad else "") + (JOIN + token if joined else token)
        if cache_key in self._covers:
            return self._covers[cache_key]
        matches = self.word_matches(token, joined, abjad)
        cover = None
        if matches:
            ids = np.concatenate([self._arrays[w] for w, _ in matches])
            lenient = np.concatenate([self._sims(w, s, len(token)) for w, s in matches])
            strict = np.concatenate(
                [self._sims(w, self._strict(token, w, s, joined), len(token)) for w, s in matches]
            )
            cover = _reduce_max(ids, np.where(self._abjad[ids], lenient, strict), lenient)
        if len(self._covers) < 500_000:
            self._covers[cache_key] = cover
        return cover

    def _sims(self, wid: int, sim: float, size: int) -> npt.NDArray[np.float32]:
        """The similarity ``sim`` of a query word of ``size`` letters to word ``wid``, for
        each alias with that word: a one-letter word, outside people's names, is an
        acronym's letter, which a whole word pairs with at :data:`ACRONYM` at most (as the
        scorer aligns)."""
        ids = self._arrays[wid]
        if size > 1 and len(self._words[wid]) == 1 and sim > ACRONYM:
            return np.where(self._person[ids], np.float32(sim), np.float32(ACRONYM))
        return np.full(len(ids), sim, np.float32)

    def _article_cover(self, a: str, b: str) -> Cover | None:
        """The aliases with a word writing ``a`` and ``b`` together with the article between
        them (``noor`` + ``din``: ``nooruddin``), as the scorer joins; cached per pair."""
        cache_key = f"{a}|{b}"
        if cache_key in self._covers:
            return self._covers[cache_key]
        cover = None
        if wids := self._articles.get(cache_key):
            ids = np.concatenate([self._arrays[w] for w in wids])
            ones = np.ones(len(ids), np.float32)
            cover = _reduce_max(ids, ones, ones)
        if len(self._covers) < 500_000:
            self._covers[cache_key] = cover
        return cover

    def _strict(self, token: str, wid: int, lenient: float, joined: bool) -> float:
        word = self._words[wid]
        if joined or self._joins[wid]:  # outside abjad names a join needs one edit at most
            close = OSA.distance(token, word, score_cutoff=1) <= 1
            return lenient if close or (not joined and word in article_removed(token)) else 0.0
        return lenient if lenient in (1.0, INITIAL) else token_similarity(token, word, False)

    def candidates(
        self, tokens: tuple[str, ...], query_len: int, floor: float, abjad: bool = False
    ) -> Ids:
        """Alias positions that can score ``floor``, best first by coverage: the weight of
        the query tokens each alias matches, times the similarity of the match (lenient for
        a query in an abjad script, see :func:`token_similarity`)."""
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
        need = max(floor * least - given - 1e-6, 1e-6)
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
