"""How a word written in an abjad script, romanised without its short vowels (Arabic,
Persian, Urdu, Pashto: ``mhmd``, ``yhya``), meets the Latin spellings of the same name: the
readings of ``ch`` (shin in French, kha in German and Dutch) and of jim (``g`` in Egyptian),
a closing ta marbuta read ``t``, the article written into a word, and the word letter for
letter with its short vowels added. :mod:`~borderwatch.screening.similarity` applies these
where a name is in an abjad script; the index files words by the keys they give
(:mod:`~borderwatch.screening.keys`)."""

from __future__ import annotations

import re
from collections.abc import Callable

from borderwatch.screening.normalise import bare, skeleton

BARE_LEN = 2
"""Where a name is in an abjad script, a word of two letters without vowels (``طه``: ``th``)
pairs at :data:`~borderwatch.screening.similarity.SHORT_SKELETON` with those letters written
with vowels (``Taha``): :func:`bare_pair`."""


def french_skeleton(token: str) -> str:
    """The :func:`~borderwatch.screening.normalise.skeleton` with ``ch`` read as ``sh``, as
    French spellings of Arabic names write shin (``Akkacha``, ``Alouche``, ``Chaouch``)."""
    return skeleton(token.replace("ch", "sh"))


def german_skeleton(token: str) -> str:
    """The :func:`~borderwatch.screening.normalise.skeleton` with ``ch`` read as ``kh``, as
    German and Dutch spellings of Pashto and Arabic names write kha (``Barich``, ``Barech``
    for ``بریخ``), and kha kept apart from the other k sounds (``chen`` is not ``hqany``)."""
    return skeleton(token.replace("ch", "kh").replace("kh", _KHA))


def egyptian_skeleton(token: str) -> str:
    """The :func:`~borderwatch.screening.normalise.skeleton` with ``j`` and ``g`` (not ``gh``)
    read as one sound kept apart from ``k`` and ``q``, as Egyptian spellings write jim
    (``Ragab``, ``Gamal``, ``Hegazy`` for ``رجب``, ``جمال``, ``حجازي``; ``جمال`` is not
    ``Kamal``)."""
    return skeleton(_JIM.sub(_GIM, token))


_JIM = re.compile(r"j|g(?!h)")
_GIM = "8"
"""Jim or g in :func:`egyptian_skeleton`: a mark the skeleton keeps as it is."""


def jim_as_g(a: str, b: str) -> bool:
    """Whether one word writes jim as Arabic script romanises (``j``, without the vowels
    ``e``, ``i``, ``o`` and ``u`` a Latin spelling writes) and the other as ``g``, and they
    share a key of two letters or more once both are read as one sound (``rjb`` / ``Ragab``;
    not the Latin ``Jalil`` / ``Gul``)."""
    jim, other = (a, b) if "j" in a else (b, a)
    if "j" in other or _LATIN_VOWELS.intersection(jim):
        return False
    return len(key := egyptian_skeleton(a)) >= 2 and key == egyptian_skeleton(b)


_LATIN_VOWELS = frozenset("eiou")


def has_jim_or_g(token: str) -> bool:
    """Whether :func:`egyptian_skeleton` reads ``token`` differently from the skeleton."""
    return _JIM.search(token) is not None


VOWELLED_LEN = 4
"""Where a name is in an abjad script, two words of four letters or more pair where the
shorter is the longer written as Arabic script writes it, letter for letter
(:func:`vowelled_key`): the consonant key merges sounds and drops ``h``, ``w`` and ``y``, so
it misses ``yhya`` / ``Yahia`` (no key left) and reads ``zh`` in ``zhrany`` (Zahrani) as one
sound. They pair at :data:`~borderwatch.screening.similarity.SKELETON`, or at
:data:`~borderwatch.screening.similarity.SHORT_SKELETON` where the consonant key has one
letter or none, as a short skeleton does (``hbyb`` / ``Habib``)."""


CH_READINGS: tuple[tuple[Callable[[str], str], str], ...] = (
    (french_skeleton, "skeleton"),
    (german_skeleton, "ch_kh"),
)
"""How ``ch`` may be read in a Latin spelling of an abjad name, with the rule each pairs by."""


_KHA = "9"
"""Kha in :func:`german_skeleton`: a mark the skeleton keeps as it is."""


CONSTRUCT = ("at", "et")
"""How Latin spellings write a closing ta marbuta before the word it governs (``Nusrat``
al-Islam), which Arabic script romanises as ``a`` (``nsra``)."""


def construct(a: str, b: str) -> bool:
    """Whether one word closes with ``a`` and the other is it with the ta marbuta read ``t``
    (``nsra`` / ``Nusrat``)."""
    for short, long in ((a, b), (b, a)):
        if long[-2:] in CONSTRUCT and short[-1] == "a":
            return len(skel := skeleton(short)) >= 2 and skel == skeleton(long[:-1])
    return False


GLUED_ARTICLES = ("al", "el")
"""The Arabic article as Latin spellings write it into the word it defines (``Eldin``,
``Alhassan``), which Arabic script romanises apart, where normalisation drops it."""


def article_glued(word: str, other: str) -> bool:
    """Whether ``word`` opens with the article, written into it, and the rest, of three
    letters or more, has the consonants of ``other`` (``eldin`` / ``dyn``)."""
    if word[:2] not in GLUED_ARTICLES or len(word) < 5 or len(other) < 3:
        return False
    return len(rest := skeleton(word[2:])) >= 2 and rest == skeleton(other)


_VOWEL_READ = str.maketrans("eowy", "iuui")
_DOUBLED = re.compile(r"(.)\1+")


def vowelled(a: str, b: str) -> bool:
    """Whether the shorter token is the longer as Arabic script writes it: without its short
    vowels and doubled letters, long vowels as ``a``, ``w`` and ``y`` (``wly`` / ``Wali``),
    o and e read as u and i."""
    short, long = (a, b) if len(a) < len(b) else (b, a)
    want = short.translate(_VOWEL_READ)
    have = _DOUBLED.sub(r"\1", long).translate(_VOWEL_READ)
    k = 0
    for ch in have:
        if k < len(want) and ch == want[k]:
            k += 1
        elif ch not in "aiu":
            return False
    return k == len(want)


_SHORT_VOWELS = str.maketrans("", "", "aiu")


def vowelled_key(token: str) -> str:
    """The letters two words share wherever one is the other as Arabic script writes it
    (:func:`vowelled`): ``e``, ``o``, ``w`` and ``y`` read as ``i`` and ``u``, then the vowels
    dropped and doubled letters written once (``yahia`` and ``yhya``: ``h``; ``zahrani`` and
    ``zhrany``: ``zhrn``). The index files words under it."""
    return _DOUBLED.sub(r"\1", token.translate(_VOWEL_READ).translate(_SHORT_VOWELS))


def bare_pair(a: str, b: str) -> bool:
    """Whether one token is two letters without vowels, as Arabic script writes a short word,
    and the other, longer, is those letters with vowels added (``th`` / ``taha``)."""
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return len(short) == BARE_LEN and bare(short) == short and bare(long) == short
