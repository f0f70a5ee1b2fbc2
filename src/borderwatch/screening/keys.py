"""The keys of the candidate index (:mod:`borderwatch.screening.index`): each word of a
list is filed under, and each query word looks up, one key per rule of
:mod:`borderwatch.screening.similarity` that pairs words other than by an edit."""

from __future__ import annotations

from borderwatch.screening.abjad import (
    BARE_LEN,
    CONSTRUCT,
    GLUED_ARTICLES,
    VOWELLED_LEN,
    egyptian_skeleton,
    french_skeleton,
    german_skeleton,
    has_jim_or_g,
    vowelled_key,
)
from borderwatch.screening.normalise import bare, consonants, fold, skeleton
from borderwatch.screening.similarity import SHORT_SKELETON_LEN, SHORT_TYPO_LEN, voiced


def word_keys(token: str) -> list[str]:
    """The keys a word is indexed under and looked up by: its folded spelling (``^``), its
    skeletons (``~``: as written, with ``ch`` read as ``sh`` or ``kh``, without a glued
    article or with a ta marbuta read ``t``), its consonants (``=``), a two-letter word's
    vowel (``°``), a syllable with its first consonant voiced (``ʲ``) and its letters as
    Arabic script writes them (``%``): two words share a key wherever
    :func:`~borderwatch.screening.similarity.token_similarity` pairs them by sound or spelling
    (edits, initials and translations the index looks up apart)."""
    keys = ["^" + folded] if len(folded := fold(token)) >= 2 else []
    if len(skel := skeleton(token)) >= 2 or (skel and len(token) >= SHORT_SKELETON_LEN):
        keys.append("~" + skel)
    if "ch" in token and len(fr := french_skeleton(token)) >= 2:
        keys.append("~" + fr)  # akkacha and akasha: ch for shin
    if ("ch" in token or "kh" in token) and len(kh := german_skeleton(token)) >= 2:
        keys.append("~" + kh)  # barich and brykh: ch for kha
    if token[:2] in GLUED_ARTICLES and len(token) >= 5 and len(sk := skeleton(token[2:])) >= 2:
        keys.append("~" + sk)  # eldin and dyn: the article written into the word
    if token[-2:] in CONSTRUCT and len(mt := skeleton(token[:-1])) >= 2:
        keys.append("~" + mt)  # nusrat and nsra: ta marbuta
    if len(cons := consonants(token)) >= 3:
        keys.append("=" + cons)
    if len(token) == SHORT_TYPO_LEN and token[1] in "ou":
        keys.append("°" + token[0])  # fu and fo: two-letter words differing in o and u
    if (syllable := voiced(token)) is not None:
        keys.append("ʲ" + syllable)  # chin and jin, pak and bak: a syllable's voicing
    if len(letters := bare(token)) == BARE_LEN and (len(token) > BARE_LEN or letters == token):
        keys.append("%" + letters)  # th and taha: two letters as Arabic script writes them
    return keys


def abjad_keys(token: str) -> list[str]:
    """The keys of the rules that pair words only where one is written as Arabic script
    romanises it: jim read as ``g`` (``~`` with the mark of
    :func:`~borderwatch.screening.abjad.egyptian_skeleton`: ``rjb`` and ``Ragab``) and
    the letters as Arabic script writes them from four letters (``&``: ``yhya`` and
    ``Yahia``). The index looks these up for an abjad query among all words, and for a Latin
    one among the words of abjad aliases only."""
    keys = []
    if has_jim_or_g(token) and len(eg := egyptian_skeleton(token)) >= 2:
        keys.append("~" + eg)
    if len(token) >= VOWELLED_LEN and (letters := vowelled_key(token)):
        keys.append("&" + letters)
    return keys
