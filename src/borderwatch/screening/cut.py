"""Candidates of a query cut by a fixed-width field: list names that reach the floor only
when cut to the query's length, as the scorer also compares them
(:func:`~borderwatch.screening.compare.score_tokens`)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import OSA

from borderwatch.screening.alias import JOIN_MIN, Alias, Ids, Part
from borderwatch.screening.compare import token_similarity
from borderwatch.screening.normalise import name_tokens


class CutWords:
    """The aliases' lengths and a cache of their words cut at a given length."""

    def __init__(self, aliases: list[Alias]) -> None:
        self.aliases = aliases
        self.lengths: Ids = np.asarray([len(a.latin) for a in aliases], np.int32)
        self._fragments: dict[tuple[int, int], tuple[str, ...]] = {}

    def clear(self) -> None:
        """Forget the cached cut words."""
        self._fragments.clear()

    def candidates(
        self,
        tokens: tuple[str, ...],
        parts: list[Part],
        cov: npt.NDArray[np.float32],
        need: float,
        n: int,
        side: int,
    ) -> Ids:
        """Aliases that reach the floor ``need`` only when cut to the query's length ``n``:
        the word cut in two (alone or joined with the one or two before it) may pair with a
        query word, or with query words written together, which then gain at most what
        their match with the whole alias lacks (``side`` picks the Latin or abjad cover)."""
        room = need - cov
        open_ = (room > 0) & (self.lengths > n)
        near = np.zeros(len(cov), np.bool_)
        checks = []
        gains: dict[str, npt.NDArray[np.float32]] = {}
        for tok, w, cover in parts:
            gain = np.full(len(cov), w, np.float32)
            if cover is not None:
                gain[cover[0]] = w * (1.0 - cover[side])
            gains[tok] = np.maximum(gains[tok], gain) if tok in gains else gain
            able = open_ & (gain >= room)
            near |= able
            checks.append((tok, able))
        none = np.zeros(len(cov), np.float32)  # an initial is counted as matched already
        joins = []  # runs of query words the scorer may join to pair with the cut word
        for width in (2, 3):
            for i in range(len(tokens) - width + 1):
                run = tokens[i : i + width]
                able = open_ & (np.sum([gains.get(t, none) for t in run], axis=0) >= room)
                near |= able
                joins.append(("".join(run), able))
        out = []
        for idx in np.flatnonzero(near).tolist():
            frags = self._cut(idx, n)
            if frags and (
                any(able[idx] and token_similarity(t, f) > 0 for t, able in checks for f in frags)
                or any(able[idx] and _joins(t, f) for t, able in joins for f in frags)
            ):
                out.append(idx)
        return np.asarray(out, np.int32)

    def _cut(self, idx: int, n: int) -> tuple[str, ...]:
        frags = self._fragments.get((idx, n))
        if frags is None:
            frags = _fragments(self.aliases[idx], n)
            if len(self._fragments) < 1_000_000:
                self._fragments[(idx, n)] = frags
        return frags


def _joins(run: str, word: str) -> bool:
    """Whether query words written together (``run``) pair with ``word`` as the scorer joins
    them: within one edit of a word of at least :data:`JOIN_MIN` letters."""
    return len(word) >= JOIN_MIN and OSA.distance(run, word, score_cutoff=1) <= 1


def _fragments(alias: Alias, n: int) -> tuple[str, ...]:
    """Tokens of the alias cut to ``n`` characters that are not words of the whole alias
    (the cut word), and the cut word joined with the one or two before it."""
    text = alias.latin
    if not text[n - 1].isalnum() or not text[n].isalnum():
        return ()
    cut = name_tokens(text[:n])
    frags = [t for t in cut if t not in alias.tokens]
    if frags:
        frags += ["".join(cut[-2:]), "".join(cut[-3:])]
    return tuple(frags)
