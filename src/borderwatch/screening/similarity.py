"""Token similarity: how two normalised tokens compare, in [0, 1] (see
:func:`token_similarity`); :mod:`~borderwatch.screening.compare` aligns the tokens of two
names with it, and the index finds candidates by the very same rules."""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import OSA, Indel
from rigour.text.phonetics import metaphone

from borderwatch.screening.abjad import (
    CH_READINGS,
    VOWELLED_LEN,
    article_glued,
    bare_pair,
    construct,
    jim_as_g,
    vowelled,
)
from borderwatch.screening.lexicon import TRANSLATIONS
from borderwatch.screening.normalise import consonants, fold, skeleton

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
    "voicing": "the same syllable, its first consonant voiced in one romanisation of Korean or"
    " Chinese and voiceless in another",
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
        for read, rule in CH_READINGS:
            if len(key := read(a)) >= 2 and key == read(b):
                return max(best, (SKELETON, rule))
    if abjad and jim_as_g(a, b):
        return max(best, (SKELETON, "jim_g"))  # rjb / ragab, jml / gamal
    if abjad and min(la, lb) >= VOWELLED_LEN and vowelled(a, b):
        # zhrany / zahrani; yhya / yahia, whose consonant key is too short to say as much
        return max(best, (SKELETON if len(sa) >= 2 else SHORT_SKELETON, "vowelled"))
    if abjad and construct(a, b):
        return max(best, (SKELETON, "marbuta"))
    if abjad and (article_glued(a, b) or article_glued(b, a)):
        return max(best, (SKELETON, "article"))  # eldin / dyn: the article written into it
    if (
        abjad
        and len(sa) == 1
        and min(la, lb) >= SHORT_SKELETON_LEN
        and sa == skeleton(b)
        and (max(la, lb) >= SHORT_SKELETON_LEN + 2 or vowelled(a, b))
    ):
        return max(best, (SHORT_SKELETON, "short_skeleton"))  # hjy / hajji, hbyb / habib
    if abjad and bare_pair(a, b):
        return max(best, (SHORT_SKELETON, "bare"))  # th / taha, hq / haq, in abjad names only
    if abjad and best[1] == "typo" and best[0] < SHORT_SKELETON and vowelled(a, b):
        return (SHORT_SKELETON, "bare")  # yhya / yahya: a typo's letter is the short vowel
    ca = consonants(a)
    if len(ca) >= 3 and ca == consonants(b) and (abjad or _alike(a, b)):
        return max(best, (CONSONANTS, "consonants"))
    if (syllable := voiced(a)) is not None and syllable == voiced(b) and a[0] != b[0]:
        return max(best, (SHORT_SKELETON, "voicing"))  # chin / jin, pak / bak, tong / dong
    return best


_SILENT_ONSETS = frozenset("hwy")
"""Consonants the :func:`~borderwatch.screening.normalise.skeleton` drops (for Arabic and
other romanisations that write or omit them), even opening a word."""


SYLLABLE_LEN = 6
"""The longest syllable :func:`voiced` reads (``chiang``): Korean and Chinese names write one
syllable a word, or a hyphen apart."""
_SYLLABLE = re.compile(r"(?:ch|[kgtdpbj])[aeiouwy]{1,3}(?:ng|[klmnpt])?")
"""One syllable as Korean and Chinese romanisations write it, opening with a consonant two
romanisations write voiced and voiceless: vowels (``a``, ``yo``, ``eo``, ``ia``), then at most
a final consonant (``Pak``, ``Tong``, ``Chiang``; not ``Tina``, ``Kate``, two syllables)."""
_VOICED = {"ch": "j", "k": "g", "t": "d", "p": "b"}


def voiced(token: str) -> str | None:
    """A syllable (:data:`_SYLLABLE`) with its first consonant written voiced (``chin`` and
    ``jin``: ``jin``; ``pak`` and ``bak``: ``bak``), None for any other token: the
    McCune-Reischauer romanisation of Korean writes ``ch``, ``k``, ``t``, ``p`` where the
    Revised one writes ``j``, ``g``, ``d``, ``b`` (``Chin-So'k`` / ``Jin-Sok``, ``Pak To Chun``
    / ``Pak Do Chun``, ``Tongbang`` / ``Dongbang``), and Wade-Giles where pinyin does
    (``Chiang`` / ``Jiang``)."""
    if len(token) > SYLLABLE_LEN or not _SYLLABLE.fullmatch(token):
        return None
    for voiceless, voice in _VOICED.items():
        if token.startswith(voiceless):
            return voice + token[len(voiceless) :]
    return token


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
