"""Words written together: compound names with the Arabic article between their two words,
as Latin spellings write ``Noor al-Din`` as ``Nooruddin`` or ``Salah al-Din`` as
``Salaheddine`` (the scorer joins the two words to the compound, :func:`article_joined`, and
the index keys the compound by its two words, :func:`article_splits`,
:func:`article_removed`), and query words run together by a lost space (:func:`split_run`).
The scorer joins runs of tokens split differently on each side (:func:`join_split`).
"""

from __future__ import annotations

from collections.abc import Container

from rapidfuzz.distance import OSA

from borderwatch.screening.lexicon import TRANSLATIONS
from borderwatch.screening.normalise import DROPPABLE, skeleton
from borderwatch.screening.similarity import SHORT_SKELETON, token_similarity

JOIN_MIN = 4  # a run of tokens is joined only to match a token of at least 4 letters
JOIN_SKELETON = 4  # and by skeleton only to a token whose skeleton has 4 letters or more,
SHORT_JOIN = 3  # or 3 when each word pairs with a part of it (parts_joined)

ARTICLES = frozenset(
    v + c
    for v in ("a", "e", "o", "u", "ou")
    for c in ("", "d", "dh", "l", "n", "r", "s", "sh", "t", "th", "z")
)
"""The Arabic article as Latin spellings write it inside a compound name, assimilated or not
(``Nooruddin`` for Noor al-Din, ``Ziaurrahman``, ``Salaheddine``, ``Noureldin``)."""


def article_joined(a: str, b: str, word: str) -> bool:
    """Whether ``word`` is ``a`` and ``b`` written together with the article between them
    (``noor`` + ``din`` in ``nooruddin``), each part at least three letters."""
    inner = len(word) - len(a) - len(b)
    return (
        0 < inner <= 4
        and len(a) >= 3
        and len(b) >= 3
        and word.startswith(a)
        and word.endswith(b)
        and word[len(a) : len(a) + inner] in ARTICLES
    )


def parts_joined(a: str, b: str, word: str) -> bool:
    """Whether ``word`` writes the words ``a`` and ``b`` of an abjad name together, perhaps
    with the article between them, each part pairing with its word at
    :data:`~borderwatch.screening.similarity.SHORT_SKELETON` or better (``wly`` + ``jan``:
    ``walijan``; ``sad`` + ``dyn``: ``saduddin``): what a join needs whose skeleton is too
    short to tell alone."""
    if min(len(a), len(b)) < 2 or skeleton(a + b) != skeleton(word):
        return False
    for i in range(2, len(word) - 1):
        if token_similarity(a, word[:i]) < SHORT_SKELETON:
            continue
        rest = word[i:]  # the second word, or the article and then the second word
        starts = [0, *(n for n in (1, 2, 3, 4) if rest[:n] in ARTICLES)]
        if any(
            token_similarity(b, rest[n:]) >= SHORT_SKELETON for n in starts if n < len(rest) - 1
        ):
            return True
    return False


def article_splits(word: str) -> list[tuple[int, int]]:
    """Where ``word`` may hold the article between two words of three letters or more: each
    start and length (``nooruddin``: ``ud`` at 4)."""
    return [
        (i, size)
        for i in range(3, len(word) - 3)
        for size in (1, 2, 3, 4)
        if len(word) - i - size >= 3 and word[i : i + size] in ARTICLES
    ]


def article_removed(word: str) -> set[str]:
    """``word`` without an article written inside it (``nooruddin`` gives ``noordin``): the
    runs :func:`article_joined` joins to it."""
    return {word[:i] + word[i + size :] for i, size in article_splits(word)}


def split_run(
    tok: str, known: Container[str], pairs: bool = True, after: Container[str] | None = None
) -> tuple[str, ...]:
    """A word run together from two (``saddamhussein``, or ``saddamahussein`` with a space
    typed over) split where both halves are ``known`` words, or where one is known and the
    other a word normalisation drops, which goes (``petrochemicallcompany``, and a particle
    or article of two letters before the word: ``alghabra``, ``alrghabra``, ``deiguberek``);
    else itself. ``pairs``: whether two known words split too (not for a word that matches
    others, where ``tanaka`` would split as ``tan`` and ``aka``); ``after``: the words that
    may follow a dropped word (default: the known ones)."""
    after = known if after is None else after
    for k in range(2, len(tok) - 1):
        left = tok[:k]
        for right in (tok[k:], tok[k + 1 :]):
            if len(right) < 2:
                continue
            if right in DROPPABLE and (k >= 3 or left in DROPPABLE):
                if left in DROPPABLE:
                    return ()
                if left in known:
                    return (left,)
            if len(right) < 3:
                continue
            if pairs and k >= 3 and left in known and right in known:
                return (left, right)
            if left in DROPPABLE and right in after:
                return (right,)
    return (tok,)


def join_split(
    q: list[str], c: list[str], cut: frozenset[str] = frozenset(), abjad: bool = False
) -> None:
    """Join runs of tokens on one side that equal (or are one typo from) one token on the
    other (in place), or two words the token writes with the article between them
    (``Noor Din`` / ``Nooruddin``); where a name is in a loosely romanised script, also a
    run with the token's skeleton (``nwr al dyn`` / ``Nooruddin``), or, for a short skeleton,
    two words that each pair with a part of it (``wly jan`` / ``Walijan``), and a run that is
    the phrase the token translates (``srafa`` / ``money exchange``). Query words are not
    joined to match a word ``cut`` by a fixed-width field. A run with a word the other side
    also has is joined only where this side has that word more often (``abd allah ... abd
    rahman`` / ``abdallh ... abd rhmn``: one ``abd`` is left to pair)."""
    for src, dst in ((c, q), (q, c)):
        targets = [t for t in dst if len(t) >= JOIN_MIN and (src is c or t not in cut)]
        if len(src) < 2 or not targets:
            continue
        sizes = {len(t) + d for t in targets for d in (-1, 0, 1)}
        keys = {k for t in targets if len(k := skeleton(t)) >= JOIN_SKELETON} if abjad else set()
        phrases = {p for t in targets for p in TRANSLATIONS.get(t, ())} if abjad else set()
        short: dict[str, list[str]] = {}  # short skeletons: the parts must pair too
        for t in targets if abjad else ():
            if len(k := skeleton(t)) == SHORT_JOIN:
                short.setdefault(k, []).append(t)
        i = 0
        while i < len(src) - 1:
            for width in (3, 2):
                run = src[i : i + width]
                if len(run) < width or any(src.count(p) <= dst.count(p) for p in run if p in dst):
                    continue
                joined = "".join(run)
                if (
                    (
                        len(joined) in sizes
                        and any(OSA.distance(joined, t, score_cutoff=1) <= 1 for t in targets)
                    )
                    or (keys and skeleton(joined) in keys)
                    or joined in phrases  # srafa / money exchange: a phrase translates it
                    or (width == 2 and any(article_joined(run[0], run[1], t) for t in targets))
                    or (
                        width == 2
                        and short
                        and any(
                            parts_joined(run[0], run[1], t) for t in short.get(skeleton(joined), ())
                        )
                    )
                ):
                    src[i : i + width] = [joined]
                    break
            i += 1
