"""Token similarity: how two normalised tokens compare, in [0, 1] (see
:func:`token_similarity`); :mod:`~borderwatch.screening.compare` aligns the tokens of two
names with it, and the index finds candidates by the very same rules."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from rapidfuzz.distance import OSA, Indel
from rigour.text.phonetics import metaphone

from borderwatch.screening.lexicon import TRANSLATIONS
from borderwatch.screening.normalise import bare, consonants, fold, skeleton

INITIAL = 0.9
SKELETON = 0.92
CONSONANTS = 0.88
SHORT_SKELETON = 0.85
SHORT_SKELETON_LEN = 3
"""Where a name is in an abjad script, words of three letters or more (one of five or more)
whose skeleton is one consonant pair at :data:`SHORT_SKELETON` (``hbyb`` / ``Habib``,
``sasy`` / ``Sassi``; not ``lee`` / ``liu``)."""
SHORT_VOWEL = 0.8
"""Two-letter words that differ only in ``o`` and ``u`` (``Fu`` / ``Fo``, ``Yu`` / ``Yo``): the
vowel romanisations of Chinese and Korean syllables write either way."""
_ROUNDED = frozenset("ou")
BARE_LEN = 2
"""Where a name is in an abjad script, a word of two letters without vowels (``طه``: ``th``)
pairs at :data:`SHORT_SKELETON` with those letters written with vowels (``Taha``)."""
TRANSLATION = 0.92
"""An Arabic word of an organisation name and the English word its Latin name translates it
with (``jmaaa`` / ``group``: :data:`~borderwatch.screening.lexicon.TRANSLATIONS`), where a
name is in an abjad script."""
TYPO_COST = 0.7
TYPO_LONG = 6
"""A one-edit pair of tokens scores ``1 - 1 / length``, and from :data:`TYPO_LONG` letters
``1 - TYPO_COST / length`` (a letter wrong in six leaves 0.88, in ten 0.93): one letter
changes a short word into another name (``Clark`` / ``Clara``, ``Lei`` / ``Mei``) far more
often than a long one."""
MIN_TYPO_LEN = 3
SHORT_TYPO_LEN = 2
"""A two-letter token pairs by one edit only with a three-letter one (a letter dropped or
added: ``on`` / ``son``); two tokens of two letters never pair by an edit."""


@lru_cache(maxsize=1_000_000)
def token_similarity(a: str, b: str, abjad: bool = True) -> float:
    """Similarity of two normalised tokens in [0, 1]: exact equality, one edit (typo: a letter
    changed, added, dropped or two swapped), one spelling once long vowels are folded
    (``hadee`` / ``hadi``), a shared consonant skeleton (transliteration and respelling),
    initials, and, where a name is in an abjad script, the translation of a word of an
    organisation's name (``jmaaa`` / ``group``); nothing outside these rules. ``abjad``
    says one of the names was written in a loosely romanised script (Arabic and Hebrew omit
    vowels; Korean has rival systems), where a shared phonetic key is enough; otherwise the
    spellings must also be close. :func:`token_match` names the rule."""
    return token_match(a, b, abjad)[0]


RULES = {
    "same": "the same word",
    "initial": "an initial of the word",
    "digit": "the number with one digit typed as a letter",
    "translation": "the Arabic word and its English translation",
    "typo": "one letter typed differently, added, dropped or swapped",
    "vowel": "the same syllable, o and u romanised differently",
    "long_vowels": "the same spelling once long vowels are folded (ee/i, oo/u)",
    "skeleton": "the same consonants: a respelling or another transliteration",
    "short_skeleton": "the same consonants, written without vowels",
    "bare": "the same letters, written without vowels",
    "consonants": "the same consonants, an opening vowel or ain dropped",
    "marbuta": "the same word, its closing ta marbuta read as t before the next word",
    "article": "the same word, the article written into it",
    "ch_kh": "the same consonants, kh written ch as German and Dutch spell it",
    "jim_g": "the same consonants, jim written g as Egyptian spellings write it",
    "vowelled": "the same letters, with the short vowels Arabic script does not write",
}
"""The rules by which :func:`token_match` pairs two tokens, and what each means to an
officer reading a hit's explanation."""


def token_match(a: str, b: str, abjad: bool = True) -> tuple[float, str]:
    """:func:`token_similarity` and the rule of :data:`RULES` that gave it (``""`` for 0)."""
    if a == b:
        return 1.0, "same"
    la, lb = len(a), len(b)
    if la == 1 or lb == 1:
        return (INITIAL, "initial") if a[0] == b[0] else (0.0, "")
    if a.isdigit() or b.isdigit():
        return (value, "digit") if (value := _letter_for_digit(a, b)) else (0.0, "")
    best = (TRANSLATION, "translation") if abjad and b in TRANSLATIONS.get(a, ()) else (0.0, "")
    if (
        min(la, lb) >= SHORT_TYPO_LEN
        and max(la, lb) >= MIN_TYPO_LEN
        and OSA.distance(a, b, score_cutoff=1) <= 1
    ):
        longest = max(la, lb)
        best = max(best, (1.0 - (TYPO_COST if longest >= TYPO_LONG else 1.0) / longest, "typo"))
    if la == lb == SHORT_TYPO_LEN and a[0] == b[0] and {a[1], b[1]} == _ROUNDED:
        return max(best, (SHORT_VOWEL, "vowel"))  # fu / fo, yu / yo
    if (fa := fold(a)) == fold(b) and len(fa) >= 2:  # leeu / liu, hadee / hadi
        return max(best, (SKELETON, "long_vowels"))
    if _onsets_clash(a, b):
        return best  # hans / ywns: the skeleton drops both openings
    sa = skeleton(a)
    if len(sa) >= 2 and sa == skeleton(b) and (abjad or _alike(a, b)):
        return max(best, (SKELETON, "skeleton"))
    if abjad and ("ch" in a or "ch" in b):  # akkacha / akasha (shin), barich / brykh (kha)
        for read, rule in _CH_READINGS:
            if len(key := read(a)) >= 2 and key == read(b):
                return max(best, (SKELETON, rule))
    if abjad and _egyptian(a, b):
        return max(best, (SKELETON, "jim_g"))  # rjb / ragab, jml / gamal
    if abjad and min(la, lb) >= VOWELLED_LEN and _vowelled(a, b):
        # zhrany / zahrani; yhya / yahia, whose consonant key is too short to say as much
        return max(best, (SKELETON if len(sa) >= 2 else SHORT_SKELETON, "vowelled"))
    if abjad and _construct(a, b):
        return max(best, (SKELETON, "marbuta"))
    if abjad and (_article_glued(a, b) or _article_glued(b, a)):
        return max(best, (SKELETON, "article"))  # eldin / dyn: the article written into it
    if (
        abjad
        and len(sa) == 1
        and min(la, lb) >= SHORT_SKELETON_LEN
        and sa == skeleton(b)
        and (max(la, lb) >= SHORT_SKELETON_LEN + 2 or _vowelled(a, b))
    ):
        return max(best, (SHORT_SKELETON, "short_skeleton"))  # hjy / hajji, hbyb / habib
    if abjad and _bare_pair(a, b):
        return max(best, (SHORT_SKELETON, "bare"))  # th / taha, hq / haq, in abjad names only
    if abjad and best[1] == "typo" and best[0] < SHORT_SKELETON and _vowelled(a, b):
        return (SHORT_SKELETON, "bare")  # yhya / yahya: a typo's letter is the short vowel
    ca = consonants(a)
    if len(ca) >= 3 and ca == consonants(b) and (abjad or _alike(a, b)):
        return max(best, (CONSONANTS, "consonants"))
    return best


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


def _egyptian(a: str, b: str) -> bool:
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
(:func:`vowelled_key`): the consonant key merges sounds and drops ``h``, ``w`` and ``y``, so it
misses ``yhya`` / ``Yahia`` (no key left) and reads ``zh`` in ``zhrany`` (Zahrani) as one
sound. They pair at :data:`SKELETON`, or at :data:`SHORT_SKELETON` where the consonant key has
one letter or none, as a short skeleton does (``hbyb`` / ``Habib``)."""


_CH_READINGS: tuple[tuple[Callable[[str], str], str], ...] = (
    (french_skeleton, "skeleton"),
    (german_skeleton, "ch_kh"),
)
"""How ``ch`` may be read in a Latin spelling of an abjad name, with the rule each pairs by."""


_KHA = "9"
"""Kha in :func:`german_skeleton`: a mark the skeleton keeps as it is."""


CONSTRUCT = ("at", "et")
"""How Latin spellings write a closing ta marbuta before the word it governs (``Nusrat``
al-Islam), which Arabic script romanises as ``a`` (``nsra``)."""


def _construct(a: str, b: str) -> bool:
    """Whether one word closes with ``a`` and the other is it with the ta marbuta read ``t``
    (``nsra`` / ``Nusrat``)."""
    for short, long in ((a, b), (b, a)):
        if long[-2:] in CONSTRUCT and short[-1] == "a":
            return len(skel := skeleton(short)) >= 2 and skel == skeleton(long[:-1])
    return False


GLUED_ARTICLES = ("al", "el")
"""The Arabic article as Latin spellings write it into the word it defines (``Eldin``,
``Alhassan``), which Arabic script romanises apart, where normalisation drops it."""


def _article_glued(word: str, other: str) -> bool:
    """Whether ``word`` opens with the article, written into it, and the rest, of three
    letters or more, has the consonants of ``other`` (``eldin`` / ``dyn``)."""
    if word[:2] not in GLUED_ARTICLES or len(word) < 5 or len(other) < 3:
        return False
    return len(rest := skeleton(word[2:])) >= 2 and rest == skeleton(other)


_SILENT_ONSETS = frozenset("hwy")
"""Consonants the :func:`~borderwatch.screening.normalise.skeleton` drops (for Arabic and
other romanisations that write or omit them), even opening a word."""


def _onsets_clash(a: str, b: str) -> bool:
    """Whether two words open with different consonants of :data:`_SILENT_ONSETS`, which the
    skeleton drops: ``Hans`` and ``ywns`` (Yunus) share the skeleton ``ns``, but an opening
    ``h`` is never written as ``y`` or ``w``, in any romanisation."""
    return a[0] != b[0] and a[0] in _SILENT_ONSETS and b[0] in _SILENT_ONSETS


def _letter_for_digit(a: str, b: str) -> float:
    """A number and the same number with one digit mistyped as a letter (``7615`` /
    ``r615``), scored as a typo; two numbers never pair unless equal (``7615`` and ``7616``
    are two vessels of a fleet)."""
    if len(a) != len(b) or len(a) < MIN_TYPO_LEN or (a.isdigit() and b.isdigit()):
        return 0.0
    differ = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(differ) != 1 or not (a[differ[0]].isalpha() or b[differ[0]].isalpha()):
        return 0.0
    return 1.0 - 1.0 / len(a)


_VOWEL_READ = str.maketrans("eowy", "iuui")
_DOUBLED = re.compile(r"(.)\1+")


def _vowelled(a: str, b: str) -> bool:
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
    (:func:`_vowelled`): ``e``, ``o``, ``w`` and ``y`` read as ``i`` and ``u``, then the vowels
    dropped and doubled letters written once (``yahia`` and ``yhya``: ``h``; ``zahrani`` and
    ``zhrany``: ``zhrn``). The index files words under it."""
    return _DOUBLED.sub(r"\1", token.translate(_VOWEL_READ).translate(_SHORT_VOWELS))


def _bare_pair(a: str, b: str) -> bool:
    """Whether one token is two letters without vowels, as Arabic script writes a short word,
    and the other, longer, is those letters with vowels added (``th`` / ``taha``)."""
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return len(short) == BARE_LEN and bare(short) == short and bare(long) == short


def _alike(a: str, b: str) -> bool:
    """Outside loosely romanised scripts a shared skeleton counts only for close spellings:
    close in letters, or fairly close and alike by metaphone, or close once the usual
    English and French spellings of long vowels are folded (``ee`` for i, ``oo`` and ``ou``
    for u, ``y`` for i: ``Deen`` / ``Din``, ``Eelya`` / ``Ilya``, ``Youssef`` / ``Yusef``)."""
    close = Indel.normalized_similarity(a, b)
    if close >= 0.75 or (close >= 0.6 and metaphone(a) == metaphone(b)):
        return True
    fa, fb = fold(a), fold(b)
    return (fa != a or fb != b) and Indel.normalized_similarity(fa, fb) >= 0.75
