"""The word level of the candidate index: every distinct alias word (and every join of two
or three neighbouring words, for ``Jian Min`` / ``Jianmin``) with its postings, the aliases
using it, and the keys a query word finds it by: equality, one edit (SymSpell-style deletion
keys), a shared folded spelling, skeleton or consonant key
(:func:`~borderwatch.screening.keys.word_keys`), the article written between two words, a
translation. A query word's matches are the words
:func:`~borderwatch.screening.similarity.token_similarity` scores it against, cached per
distinct word."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import OSA

from borderwatch.screening.alias import Alias, Ids
from borderwatch.screening.compound import JOIN_MIN, SHORT_JOIN, article_removed, article_splits
from borderwatch.screening.keys import abjad_keys, word_keys
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


class Vocabulary:
    """Words, their keys and postings; built alias by alias, then frozen."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        """Word (a join prefixed with :data:`JOIN`) to its id."""
        self.words: list[str] = []
        """Per id, the word (a join without its prefix)."""
        self.postings: list[list[int]] = []
        self.arrays: list[Ids] = []
        """Per id, the aliases using the word (once frozen)."""
        self.joins: npt.NDArray[np.bool_] = np.zeros(0, np.bool_)
        """Per id, whether the word is a join."""
        self._keys: dict[str, list[int]] = defaultdict(list)
        self._join_keys: dict[str, list[int]] = defaultdict(list)
        """Skeleton keys of joined words (the scorer joins by skeleton for abjad names)."""
        self._abjad_keys: dict[str, list[int]] = defaultdict(list)
        """Skeleton keys of the words (joined or not) of aliases in abjad scripts: all a
        Latin query's skeleton joins can meet."""
        self._abjad_words: set[int] = set()
        self._spelt: dict[str, list[int]] = defaultdict(list)
        """Words by their :func:`~borderwatch.screening.keys.abjad_keys`: what an abjad
        query's words look up."""
        self._abjad_spelt: dict[str, list[int]] = defaultdict(list)
        """The words of aliases in abjad scripts by those keys: what a Latin query's words
        look up."""
        self.articles: dict[str, list[int]] = defaultdict(list)
        """Words writing two words with the article between them, by the pair ``a|b``."""
        self._edits: dict[str, list[int]] = {}  # a word and its deletions of one letter
        self._matches: dict[str, tuple[tuple[int, float], ...]] = {}

    def add(self, idx: int, alias: Alias) -> None:
        """Post alias ``idx`` under its words and its joins of two or three words."""
        toks = alias.tokens
        words = set(toks)
        for width in (2, 3):
            for i in range(len(toks) - width + 1):
                if len(joined := "".join(toks[i : i + width])) >= JOIN_MIN:
                    words.add(JOIN + joined)
        for word in words:
            wid = self._word(word)
            self.postings[wid].append(idx)
            if alias.abjad and wid not in self._abjad_words:
                self._abjad_words.add(wid)
                if len(skel := skeleton(self.words[wid])) >= SHORT_JOIN:
                    self._abjad_keys["~" + skel].append(wid)
                if not word.startswith(JOIN):
                    for key in abjad_keys(word):
                        self._abjad_spelt[key].append(wid)

    def _word(self, key: str) -> int:
        wid = self.ids.get(key)
        if wid is None:
            wid = self.ids[key] = len(self.postings)
            self.postings.append([])
            word = key.removeprefix(JOIN)
            self.words.append(word)
            if word == key:
                for phonetic in word_keys(word):
                    self._keys[phonetic].append(wid)
                for key in abjad_keys(word):
                    self._spelt[key].append(wid)
                for i, size in article_splits(word):  # noor|din of nooruddin
                    self.articles[f"{word[:i]}|{word[i + size :]}"].append(wid)
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
        self.arrays = [np.asarray(p, np.int32) for p in self.postings]
        self.joins = np.asarray([k.startswith(JOIN) for k in self.ids], np.bool_)

    def matches(
        self, token: str, joined: bool = False, abjad: bool = False
    ) -> tuple[tuple[int, float], ...]:
        """Vocabulary words ``token`` can score against, with the similarity (as for a name in
        an abjad script, the most lenient case), lowest first; cached per token.

        A run of tokens joined on one side (``joined`` for the query's, or a joined word of
        the vocabulary) pairs with a word within one edit of it (as the scorer joins),
        counted as equal; or with one of the same skeleton, as the scorer joins where a name
        is in an abjad script: any word for an ``abjad`` query, else the words of abjad
        aliases. The rules that pair a word only with one written as Arabic script
        romanises it (:func:`~borderwatch.screening.keys.abjad_keys`) are looked up the same
        way."""
        cache_key = ("A" if abjad else "") + (JOIN + token if joined else token)
        cached = self._matches.get(cache_key)
        if cached is not None:
            return cached
        found: dict[int, float] = {}
        skel = skeleton(token)
        key = "~" + skel if len(skel) >= SHORT_JOIN else None  # joins by skeleton
        postings: list[Sequence[int]] = []
        if not joined:
            if (wid := self.ids.get(token)) is not None:
                found[wid] = 1.0
            if len(token) > 1 and (wid := self.ids.get(token[0])) is not None:
                found[wid] = INITIAL  # the list gives only an initial
            for run in article_removed(token):  # words written apart, the article between
                if (wid := self.ids.get(JOIN + run)) is not None:
                    found[wid] = 1.0
            postings = [self._keys.get(k, ()) for k in word_keys(token)]
            spelt = self._spelt if abjad else self._abjad_spelt
            postings += [spelt.get(k, ()) for k in abjad_keys(token)]
            if key:  # joined words
                postings.append((self._join_keys if abjad else self._abjad_keys).get(key, ()))
        elif key:  # words, and joined words too for an abjad query
            if abjad:
                postings += [self._keys.get(key, ()), self._join_keys.get(key, ())]
            else:
                postings.append(self._abjad_keys.get(key, ()))
        for word in translations(token):  # as the scorer does where a name is abjad, a
            for wid in (self.ids.get(word), None if joined else self.ids.get(JOIN + word)):
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
        word = self.words[wid]
        if joined or self.joins[wid]:
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
        """Forget the cached matches of query words."""
        self._matches.clear()
