"""In-memory candidate index over every alias of every loaded list.

Two levels. A vocabulary holds every distinct alias token (and every join of two or
three neighbouring tokens, for ``Jian Min`` / ``Jianmin``) with its postings, the aliases using it.
A query token is matched to vocabulary words by the very rules :func:`token_similarity`
scores with: equality, one edit (SymSpell-style deletion keys), a shared skeleton or
consonant key. Word matches are cached per distinct token.

An alias can only score ``s`` if the query tokens it matches carry at least ``s`` of the
query's weight, so :meth:`NameIndex.candidates` keeps the aliases whose matched weight
(initials, and the last word of a query long enough to be cut by a fixed-width field,
counted as matched) reaches the floor, ranked by that cheap coverage score.
:func:`brute_force_candidates` is the slow, obviously complete reference the tests hold the
index against.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from borderwatch.screening.compare import (
    INITIAL,
    MIN_TYPO_LEN,
    TRUNCATION_MIN,
    score_tokens,
    token_similarity,
    weight,
)
from borderwatch.screening.normalise import (
    comma_split,
    consonants,
    is_abjad,
    latin,
    name_tokens,
    skeleton,
)

Ids = npt.NDArray[np.int32]


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


def alias_of(list_pos: int, entity_id: str, name: str) -> Alias | None:
    """The :class:`Alias` of a list name, or None when the name has no tokens."""
    tokens = name_tokens(name)
    if not tokens:
        return None
    comma = len(name_tokens(comma_split(name)[0])) if "," in name else 0
    return Alias(list_pos, entity_id, name, tokens, latin(name), comma, is_abjad(name))


def _deletes(token: str) -> set[str]:
    return {token[:i] + token[i + 1 :] for i in range(len(token))}


def _phonetic(token: str) -> list[str]:
    keys = []
    if len(skel := skeleton(token)) >= 2:
        keys.append("~" + skel)
    if len(cons := consonants(token)) >= 3:
        keys.append("=" + cons)
    return keys


class NameIndex:
    """Aliases, vocabulary and postings; built once, queried many times."""

    def __init__(self) -> None:
        self.aliases: list[Alias] = []
        self.vocab: dict[str, int] = {}
        self._words: list[str] = []
        self._postings: list[list[int]] = []
        self._arrays: list[Ids] = []
        self._keys: dict[str, list[int]] = defaultdict(list)
        self._weights: npt.NDArray[np.float32] = np.zeros(0, np.float32)
        self._matches: dict[str, tuple[tuple[int, float], ...]] = {}

    def add(self, list_pos: int, entity_id: str, name: str) -> None:
        """Index one name of one entry (names without tokens are skipped)."""
        alias = alias_of(list_pos, entity_id, name)
        if alias is None:
            return
        idx = len(self.aliases)
        self.aliases.append(alias)
        toks = alias.tokens
        words = set(toks)
        for width in (2, 3):
            words.update("".join(toks[i : i + width]) for i in range(len(toks) - width + 1))
        for word in words:
            self._postings[self._word(word)].append(idx)

    def _word(self, word: str) -> int:
        wid = self.vocab.get(word)
        if wid is None:
            wid = self.vocab[word] = len(self._postings)
            self._postings.append([])
            self._words.append(word)
            for key in _phonetic(word):
                self._keys[key].append(wid)
            if len(word) >= MIN_TYPO_LEN:
                for key in (word, *_deletes(word)):
                    self._keys["-" + key].append(wid)
        return wid

    def freeze(self) -> None:
        """Finish building: postings become arrays."""
        self._arrays = [np.asarray(p, np.int32) for p in self._postings]
        self._weights = np.asarray([sum(map(weight, a.tokens)) for a in self.aliases], np.float32)

    def word_matches(self, token: str) -> tuple[tuple[int, float], ...]:
        """Vocabulary words ``token`` can score against, with the similarity (as for a name in
        an abjad script, the most lenient case), lowest first; cached per token."""
        cached = self._matches.get(token)
        if cached is not None:
            return cached
        found: dict[int, float] = {}
        if (wid := self.vocab.get(token)) is not None:
            found[wid] = 1.0
        if len(token) > 1 and (wid := self.vocab.get(token[0])) is not None:
            found[wid] = INITIAL  # the list gives only an initial
        keys = _phonetic(token)
        if len(token) >= MIN_TYPO_LEN:
            keys += ["-" + k for k in (token, *_deletes(token))]
        for key in keys:
            for wid in self._keys.get(key, ()):
                if wid not in found and (sim := token_similarity(token, self._words[wid])) > 0:
                    found[wid] = sim
        result = tuple(sorted(found.items(), key=lambda item: item[1]))
        if len(self._matches) < 500_000:
            self._matches[token] = result
        return result

    def clear_cache(self) -> None:
        """Forget the cached word matches of query tokens."""
        self._matches.clear()

    def expand(self, tokens: tuple[str, ...]) -> tuple[str, ...]:
        """Query tokens with run-together words that match no known word split where both
        halves are known words (``saddamhussein``, or ``saddamahussein`` with a space typed
        over)."""
        out: list[str] = []
        for tok in tokens:
            lone = len(tok) >= 6 and not self.word_matches(tok)
            out.extend(self._split(tok) if lone else (tok,))
        return tuple(out)

    def _split(self, tok: str) -> tuple[str, ...]:
        for k in range(3, len(tok) - 2):
            for right in (tok[k:], tok[k + 1 :]):
                if tok[:k] in self.vocab and right in self.vocab and len(right) >= 3:
                    return (tok[:k], right)
        return (tok,)

    def candidates(self, tokens: tuple[str, ...], query_len: int, floor: float) -> Ids:
        """Alias positions that can score ``floor``, best first by coverage: the weight of
        the query tokens each alias matches, times the similarity of the match."""
        if not tokens or not self.aliases:
            return np.zeros(0, np.int32)
        weights = [weight(t) for t in tokens]
        cov = np.zeros(len(self.aliases), np.float32)
        given = 0.0
        for i, tok in enumerate(tokens):
            if len(tok) == 1:
                given += weights[i]  # an initial matches any word with its letter
                continue
            sims = self._token_cover(tokens, i)
            if sims is not None:
                cov += weights[i] * sims
        if query_len >= TRUNCATION_MIN and len(tokens[-1]) > 1:
            given += weights[-1]  # the last word may be cut short by a field width
        need = floor * sum(weights) - given - 1e-6
        found = np.flatnonzero(cov >= max(need, 1e-6)).astype(np.int32)
        cheap = cov[found] - 0.3 * (self._weights[found] - cov[found])
        return found[np.argsort(-cheap, kind="stable")]

    def _token_cover(self, tokens: tuple[str, ...], i: int) -> npt.NDArray[np.float32] | None:
        """Per alias, the best similarity of query token ``i`` (or of it joined with one or
        two neighbours) to one of the alias's words; None when it matches nothing."""
        tok = tokens[i]
        matches = list(self.word_matches(tok))
        for start, end in ((i - 1, i + 1), (i, i + 2), (i - 2, i + 1), (i - 1, i + 2), (i, i + 3)):
            if start >= 0 and end <= len(tokens):
                matches += self.word_matches("".join(tokens[start:end]))
        if not matches:
            return None
        sims = np.zeros(len(self.aliases), np.float32)
        for wid, sim in sorted(matches, key=lambda m: m[1]):
            sims[self._arrays[wid]] = sim
        return sims


def brute_force_candidates(index: NameIndex, tokens: tuple[str, ...], floor: float) -> set[int]:
    """Reference: every alias whose name scores at least ``floor`` against the query, found
    by scoring the whole list pairwise (slow, obviously complete)."""
    text = " ".join(tokens)
    return {
        idx
        for idx, a in enumerate(index.aliases)
        if score_tokens(tokens, text, a.tokens, a.latin, "Person", a.comma, True) >= floor
    }
