"""Candidates of a query cut by a fixed-width field: list names that reach the floor only
when cut to the query's length, as the scorer also compares them
(:func:`~borderwatch.screening.compare.score_tokens`)."""

from __future__ import annotations

import re

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import OSA

from borderwatch.screening.alias import Alias, Ids, Part
from borderwatch.screening.compare import TRUNCATION_MIN
from borderwatch.screening.compound import JOIN_MIN, SHORT_JOIN, article_removed
from borderwatch.screening.normalise import ARTICLE_HYPHEN, keeps_a_word, name_tokens, skeleton
from borderwatch.screening.similarity import token_similarity

Fragments = tuple[tuple[str, int, bool], ...]
"""An alias cut at one length: its cut words, each with how far from the end of the query
the query word it may pair with can stand (how far from the end of the cut name it stands),
then the last token of the cut name joined with the one or two before it (flagged True),
which pairs with the last query word when that token is a cut word (the scorer locks the
name's last position to the query's), else with any (:data:`ANYWHERE`)."""
ANYWHERE = 1 << 30


class CutWords:
    """The aliases' lengths and a cache of their words cut at a given length."""

    def __init__(self, aliases: list[Alias]) -> None:
        self.aliases = aliases
        self.lengths: Ids = np.asarray([len(a.latin) for a in aliases], np.int32)
        self.loose = np.asarray([not _plain(a) for a in aliases], np.bool_)
        """Aliases whose cut may leave a cut word before the last, or a join that pairs
        before the last query word (the others' cut words all pair with the last)."""
        self._fragments: dict[int, dict[int, Fragments]] = {}
        """Per cut length, the cut words of each alias (filled as queries need them)."""
        self._cached = 0
        self._open: dict[int, npt.NDArray[np.bool_]] = {}
        """Per cut length ``n``, the aliases longer than ``n`` not yet found to leave no cut
        word when cut at ``n`` (a cut between words, most of them): the search skips those
        found so."""

    def _open_at(self, n: int) -> npt.NDArray[np.bool_]:
        """Which aliases are longer than ``n`` characters and may leave cut words at ``n``
        (kept per length, and narrowed as cuts are found to leave none)."""
        found = self._open.get(n)
        if found is None:
            found = self._open[n] = self.lengths > n
        return found

    def clear(self) -> None:
        """Forget the cached cut words (what is known of the cuts that leave none is kept:
        a bit per alias and length)."""
        self._fragments.clear()
        self._cached = 0

    def candidates(
        self,
        parts: list[tuple[int, Part]],
        cov: npt.NDArray[np.float32],
        need: float,
        n: int,
        side: int,
    ) -> Ids:
        """Aliases that reach the floor ``need`` only when cut to the query's length ``n``:
        a cut word may pair with the query word (``parts``: each with how far from the end
        of the query it stands) as far from the end as it, or at least no farther (words
        the scorer joins before it bring it nearer); the last cut word joined with the words
        before it may pair with any query word (never with query words written together:
        the scorer does not join them to a cut word), and is written only when it is one
        edit from a query word or shares its skeleton (as the scorer joins). Words before
        the query's last pair only with loose aliases' cut words. The query word gains at most
        what its match with the whole alias lacks (``side`` picks the Latin or abjad
        cover)."""
        if not parts:
            return np.zeros(0, np.int32)
        room = need - cov
        widest = max(w for _, (_, w, _) in parts)
        # the aliases some query word could lift to the floor: the few that follow are
        # computed on them alone rather than on every alias
        ids = np.flatnonzero((room > 0) & (room <= widest) & self._open_at(n))
        lack = room[ids]
        checks = []
        for k, (_, w, cover) in parts:
            able = lack <= w
            if cover is not None and cover[0].size:  # a covered alias gains what it lacks
                at, sims = cover[0], cover[side]
                pos = np.minimum(np.searchsorted(at, ids), at.size - 1)
                inside = at[pos] == ids
                able[inside] = lack[inside] <= w * (1.0 - sims[pos[inside]])
            if k > 0:  # a word before the last pairs only with a loose alias's cut words
                able &= self.loose[ids]
            checks.append(able)
        table = np.stack(checks)
        some = np.flatnonzero(table.any(axis=0))
        if not some.size:
            return np.zeros(0, np.int32)
        near, table = ids[some], table[:, some]
        words = [(k, tok) for k, (tok, _, _) in parts]
        targets = [tok for _, tok in words if len(tok) >= JOIN_MIN]
        sizes = {len(t) + d for t in targets for d in (-1, 0, 1)}
        keys = {key for t in targets if len(key := skeleton(t)) >= SHORT_JOIN}
        keys |= {"+" + run for t in targets for run in article_removed(t)}  # apart by "+"
        out = []
        for idx, row in zip(near.tolist(), table.T.tolist(), strict=True):
            for f, far, joined in self._cut(idx, n):
                if joined and not _joinable(f, targets, sizes, keys):
                    continue
                if any(
                    able and k <= far and token_similarity(t, f) > 0
                    for (k, t), able in zip(words, row, strict=True)
                ):
                    out.append(idx)
                    break
        return np.asarray(out, np.int32)

    def _cut(self, idx: int, n: int) -> Fragments:
        at_n = self._fragments.get(n)
        if at_n is None:
            at_n = self._fragments[n] = {}
        frags = at_n.get(idx)
        if frags is None:
            frags = _fragments(self.aliases[idx], n)
            if not frags:
                self._open_at(n)[idx] = False  # never searched at n again
            elif self._cached < 1_000_000:
                at_n[idx] = frags
                self._cached += 1
        return frags


def _fragments(alias: Alias, n: int) -> Fragments:
    """Tokens of the alias cut to ``n`` characters that are not words of the whole alias
    (the cut words, with how far from the end each stands), and the last token of the cut
    name joined with the one or two before it (see :data:`Fragments`)."""
    text = alias.latin
    if not (_glued(text[n - 1]) and _glued(text[n])) and keeps_a_word(text[:n]):
        # cut between words: the cut name's tokens are the first of the whole name's
        return ()
    # else normalising can also leave tokens the whole name lacks ("p.l" of "p.l.c." gives
    # "p" and "l" where the legal form "plc" is dropped; particles kept when alone)
    cut = name_tokens(text[:n])
    words = tuple((t, len(cut) - 1 - i, False) for i, t in enumerate(cut) if t not in alias.tokens)
    if not words:
        return ()
    far = 0 if cut[-1] not in alias.tokens else ANYWHERE
    joins = {"".join(cut[-w:]) for w in (2, 3) if len(cut) >= w}
    return (*words, *((j, far, True) for j in sorted(joins)))


def _plain(alias: Alias) -> bool:
    """Whether every cut of the alias leaves cut words that pair only with the last query
    word: normalisation reads each word of its plain ASCII text on its own (no letter
    followed by a dot, which dotted initialisms join, nor an article its hyphen makes a
    particle), and its first word, shorter than any
    cut, is kept (so no cut falls back to the raw words). The tokens before the cut word are
    then the whole name's, and the cut word, if any, is the cut name's last token."""
    text = alias.latin
    first = _FIRST.search(text)
    return (
        text.isascii()
        and text.isprintable()
        and _LETTER_DOT.search(text) is None
        and ARTICLE_HYPHEN.search(text) is None
        and first is not None
        and first.end() <= TRUNCATION_MIN
        and alias.tokens[0] == first.group(0)
        and name_tokens(first.group(0)) == (first.group(0),)
    )


_FIRST = re.compile(r"[a-z0-9]+")
_LETTER_DOT = re.compile(r"\b[a-z]\.")


def _joinable(run: str, targets: list[str], sizes: set[int], keys: set[str]) -> bool:
    """Whether the scorer may write ``run`` as one token: when it is one edit from a query
    word of at least :data:`JOIN_MIN` letters (``targets``, whose lengths one apart are
    ``sizes``), or shares the skeleton of one (``keys``: the scorer joins so for names in
    abjad scripts; counted for every name, the safe side), or is one written without the
    article inside it (``keys`` too: ``noordin`` of ``nooruddin``)."""
    return (
        len(run) in sizes and any(OSA.distance(run, t, score_cutoff=1) <= 1 for t in targets)
    ) or (bool(keys) and (skeleton(run) in keys or "+" + run in keys))


def _glued(ch: str) -> bool:
    """Whether ``ch`` belongs to a token as normalisation reads it (a letter or digit, the
    apostrophe and dot that normalisation removes inside words and initials, or the hyphen
    that makes a particle of the article before it: ``an-Nusra``)."""
    return ch.isalnum() or ch in ".'-"
