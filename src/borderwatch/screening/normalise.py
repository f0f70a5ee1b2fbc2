"""Name normalisation: one Latin, lower-case token form for every script and spelling.

Steps: the Latin form of :mod:`borderwatch.screening.script` (compatibility folding,
invisible characters removed, other scripts transliterated, accents folded), then tokens
without punctuation, honorifics, name particles and legal forms, with trade
abbreviations spelt out. ``skeleton`` gives each token a consonant key that survives
vowel-less Arabic transliteration and differing romanisation systems.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import OSA

from borderwatch.screening.lexicon import (
    ABBREVIATIONS,
    HONORIFICS,
    LEGAL_FORMS,
    PARTICLES,
)
from borderwatch.screening.script import is_abjad, latin

_SPLIT = re.compile(r"[^a-z0-9]+")
_ABD = re.compile(r"abd(?:oul|ul|el|al|ol)(?=[a-km-z][a-z]{2})(?!aye$)")
"""``Abd`` and the article written into the next word (``Abdulrahman``, ``Abdelaziz``, and
Arabic-script ``عبدالرحمن``), split as ``Abdul Rahman`` is: ``abd`` and the word; not before
``l`` (``Abdullah``, ``Abdullayev``), nor in ``Abdoulaye`` (Abd Allah in West Africa)."""
_ABD_SHORT = re.compile(r"abdal(?=[a-km-z][a-z]$)")
"""In a name in an abjad script, ``Abd`` and the article written into a word of two letters
(``عبدالحی``, Abdul Hai: ``abd hy``), which :data:`_ABD` leaves whole in Latin names."""
_ABD_SUN = re.compile(r"abd(?:ou|[aeou])(sh|[rsztdn])(?=\1[a-z]{3})")
"""``Abd`` and the article assimilated to the next word's first letter, written into it
(``Abdurrahman``, ``Abderrahmane``, ``Abdessalam``): ``abd`` and the word (``rahman``)."""
ARTICLE_HYPHEN = re.compile(r"\b(?:a[dnrstz]|ash|ath|adh|wal|val|bil|lil)-(?=[a-z])")
"""The Arabic article assimilated to the next word (``ash-Shabab``, ``an-Nusra``,
``ad-Din``) or with a conjunction or preposition (``wal-Jihad``), written with a hyphen: a
particle, as ``al-`` is. Alone, ``an`` or ``as`` are names and words (``Chang An``)."""
SUN_ARTICLE = re.compile(r"\b[au](sh|[rdz])[\s-]+(?=\1)")
"""The article assimilated to the letter opening the next word, written apart (``Mati ur
Rehman``, ``Shahab-ud-Din``): a particle, as ``ul`` is; not ``an`` (``An Nguyen``), ``us``."""
GLUED_PARTICLES = re.compile(r"\b(?:bin|ibn|abu)(?:al|el)(?=[a-z]{3})")
"""``Bin``, ``Ibn`` or ``Abu`` and the article written into the name they introduce
(``Binalshibh``, Bin al-Shibh): both go, as they do written apart."""
LATIN_HONORIFICS = frozenset(
    ["mr", "mrs", "ms", "miss", "dr", "prof", "sir", "gen", "col", "capt", "lt", "maj",
     "brig", "adm", "eng", "engr"]
)  # fmt: skip
"""Honorifics abbreviated in Latin script, which a name in an abjad script romanises to only
by chance (``آدم``, Adam, as ``adm``): not dropped from those."""
STOPWORDS = frozenset(["and", "of", "the", "for", "y", "et", "und", "i"])
_DOTTED = re.compile(r"\b(?:[a-z]\.){2,}")
_WORD = re.compile(r"([a-z0-9]+)(\.?)")


@lru_cache(maxsize=200_000)
def name_tokens(name: str) -> tuple[str, ...]:
    """The significant tokens of a name, in order (see the module docstring)."""
    return name_parts(name)[0]


@lru_cache(maxsize=200_000)
def name_parts(name: str) -> tuple[tuple[str, ...], frozenset[int]]:
    """:func:`name_tokens` and the positions of the tokens that continue the one before
    them in one hyphenated name (``Hong-Sop``: ``sop``; ``Abd-al-Rahman``: ``rahman``)."""
    text = latin(name).replace("'", "")
    text = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)
    text = GLUED_PARTICLES.sub("", ARTICLE_HYPHEN.sub(" ", SUN_ARTICLE.sub("", text)))
    latin_script = not is_abjad(name)
    out: list[str] = []
    joined: set[int] = set()
    hyphens = "-" in text
    end = 0
    # the word before the comma of SURNAME, Given is the surname, even an honorific (HAJJI)
    last = [m.start() for m in _WORD.finditer(text.partition(",")[0])] if "," in text else []
    surname = last[-1] if last else -1
    for word in _WORD.finditer(text):
        tok, dot = word.groups()
        if tok in LEGAL_FORMS or tok in PARTICLES:
            continue
        honorific = tok in HONORIFICS and (latin_script or tok not in LATIN_HONORIFICS)
        if honorific and word.start() != surname:
            continue
        if len(tok) >= 5 and _legal_variant(tok):  # kompany, leemited, limitd
            continue
        if tok in STOPWORDS and out and not (dot and len(tok) == 1):  # Y. is an initial
            continue
        if hyphens:  # a hyphenated name: does this word continue the one before?
            if out and _HYPHENATED.fullmatch(text, end, word.start()):
                joined.add(len(out))
            end = word.end()
        short = None if latin_script else _ABD_SHORT.match(tok)  # abd hy
        if (abd := _ABD.match(tok) or _ABD_SUN.match(tok) or short) is not None:  # abd rahman
            out += ["abd", tok[abd.end() :]]
            continue
        out.append(ABBREVIATIONS.get(tok, tok))
    if not out:  # a name made only of particles or forms: keep its raw tokens
        return tuple(t for t in _SPLIT.split(text) if t), frozenset()
    return tuple(out), frozenset(joined)


@lru_cache(maxsize=200_000)
def titled(name: str) -> bool:
    """Whether the given names (after the comma of ``SURNAME, Given``, else the name's
    first words) open with an honorific (``Seyed``, ``Sheikh``, ``Dr``); the same for a name
    and its Latin form (:func:`~borderwatch.screening.script.latin`), which is quicker."""
    text = latin(name)
    first = _WORD.search(text.partition(",")[2] if "," in text else text)
    return first is not None and first.group(1) in HONORIFICS


@lru_cache(maxsize=200_000)
def titles(text: str, abjad: bool = False) -> frozenset[str]:
    """The honorifics :func:`name_tokens` drops from a name romanised as ``text`` (``sayed``,
    ``haji``; ``syd`` of ``سيد`` when the name was written in an ``abjad`` script, which keeps
    the Latin abbreviations: ``adm`` is Adam there): a list may write one of them as a name
    (``SAID AHMED SHAHIDKHEL`` for ``سيد أحمد شهيد خيل``)."""
    words = (m.group(1) for m in _WORD.finditer(text.replace("'", "")))
    return frozenset(w for w in words if w in HONORIFICS and not (abjad and w in LATIN_HONORIFICS))


_HYPHENATED = re.compile(r"[^\s,;/()]*-[^\s,;/()]*")
"""What stands between two words of one hyphenated name: a hyphen, perhaps with dropped
words (``-al-``), and no space."""


DROPPABLE = HONORIFICS | LEGAL_FORMS | PARTICLES | STOPWORDS
"""Words :func:`name_tokens` drops (where the name keeps another word)."""


Ends = tuple[frozenset[str], frozenset[str]]
"""The legal forms a name writes before its first kept word and after its last."""


@lru_cache(maxsize=200_000)
def written_forms(name: str) -> Ends:
    """The legal forms ``name`` writes before its first word and after its last, which
    :func:`name_tokens` drops (``llc`` of ``LLC GEOPROMAINING``, ``ltd`` of ``RG HOLDINGS
    LTD``, ``sa`` and ``cv`` of ``GERMAY S.A. DE C.V.``)."""
    text = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), latin(name).replace("'", ""))
    words = [t for t, _ in _WORD.findall(text)]
    kept = [k for k, t in enumerate(words) if t not in DROPPABLE]
    if not kept:
        return frozenset(), frozenset()
    first, last = kept[0], kept[-1]
    lead = frozenset(t for t in words[:first] if t in LEGAL_FORMS)
    return lead, frozenset(t for t in words[last + 1 :] if t in LEGAL_FORMS)


def keeps_a_word(text: str) -> bool:
    """Whether :func:`name_tokens` of the lower-case ASCII ``text`` keeps one of its words as
    such (so it does not fall back to the raw words of a name made only of particles and
    forms); False when unsure (a stop word only)."""
    return any(
        tok and tok not in DROPPABLE and not (len(tok) >= 5 and _legal_variant(tok))
        for tok in _SPLIT.split(text.replace("'", ""))
    )


_SKEL = [
    ("tch", "j"),
    ("ch", "j"),
    ("zh", "j"),
    ("dj", "j"),
    ("dzh", "j"),
    ("sh", "s"),
    ("kh", "k"),
    ("gh", "k"),
    ("th", "t"),
    ("dh", "t"),
    ("ph", "f"),
    ("ck", "k"),
    ("x", "ks"),
    ("ce", "se"),
    ("ci", "si"),
    ("cy", "sy"),
]
_SKEL_MAP = str.maketrans("bcgqdvwzpy", "pkkktfusp" + "i")
_VOWELS = re.compile(r"[aeiouhw]+")
_J_GLIDE = re.compile(r"(?<=[aeiou])j$")


@lru_cache(maxsize=500_000)
def skeleton(token: str) -> str:
    """A consonant key of a token: digraphs merged, ``c`` before ``e``, ``i`` and ``y`` read
    as ``s`` (``belgacem``, ``blqasm``), voiced and voiceless consonants merged,
    inner vowels, the glides ``w`` and ``y``, ``h`` and doubled letters dropped (``saddam``
    and ``sdam`` both give ``stm``); a leading vowel is kept as ``a`` (``omar`` and ``umar``
    give ``amr``, ``ahmed`` ``amt``); a ``w`` or ``y`` opening a word is the consonant, not a
    vowel, however written (``ywsf`` and ``youssef`` give ``sf``). A ``j`` ending a word
    after a vowel is the glide (``sergej``, ``sergei``); inside a word it is the consonant,
    as Arabic romanisations write it with or without the vowels (``khafaji``, ``khfajy``)."""
    if token.isdigit():
        return token
    lead = "a" if token[0] in "aeiou" else ""
    tok = _J_GLIDE.sub("i", token)
    for a, b in _SKEL:
        tok = tok.replace(a, b)
    tok = _VOWELS.sub("", tok.translate(_SKEL_MAP))
    out = [lead] if lead else []
    for ch in tok:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def consonants(token: str) -> str:
    """The :func:`skeleton` without its leading-vowel mark: the weaker key that bridges a
    dropped initial vowel or ``ain`` (``azzawi`` and Arabic-script ``zawy``)."""
    return skeleton(token).removeprefix("a")


_NO_VOWELS = str.maketrans("", "", "aeiou")
_LONG_LETTER = {"i": "y", "u": "w"}


def bare(token: str) -> str:
    """The token's letters as Arabic script writes a short word: without its short vowels,
    a closing ``i`` or ``u`` as the letter of the long vowel (``taha``: ``th``, as ``طه``
    romanises; ``haq``: ``hq``; ``hai``: ``hy``, as ``حی``)."""
    if (last := token[-1:]) in _LONG_LETTER:
        token = token[:-1] + _LONG_LETTER[last]
    return token.translate(_NO_VOWELS)


def comma_split(name: str) -> tuple[str, str]:
    """The parts of a name before and after its first comma (``SURNAME, Given``)."""
    head, _, tail = name.partition(",")
    return head, tail


_VOWEL_SPELLINGS = (("ee", "i"), ("oo", "u"), ("ou", "u"), ("y", "i"))
_DOUBLED_VOWEL = re.compile(r"([aeiou])\1+")


@lru_cache(maxsize=500_000)
def fold(token: str) -> str:
    """The token with the English and French spellings of long vowels folded (``ee`` and
    ``y`` as i, ``oo`` and ``ou`` as u) and a doubled vowel written once: ``hadee`` and
    ``hadi``, ``yureey`` and ``yuriy`` give one form."""
    for spelling, vowel in _VOWEL_SPELLINGS:
        token = token.replace(spelling, vowel)
    return _DOUBLED_VOWEL.sub(r"\1", token)


_LONG_FORMS = [f for f in LEGAL_FORMS if len(f) >= 5]
_LEGAL_SKELETONS: dict[str, list[int]] = {}
for _form in _LONG_FORMS:
    _LEGAL_SKELETONS.setdefault(skeleton(_form), []).append(len(fold(_form)))
RESPELT_FORM_SPREAD = 2
"""A respelt legal form is at most this many letters longer or shorter than the form, long
vowels folded (:func:`fold`: ``kompaniya`` 9 and ``kompaneeya`` 9, ``company`` 7): a longer
word of the same skeleton is a name (``alimohammad`` and ``limited`` share ``lmt``)."""


@lru_cache(maxsize=100_000)
def _legal_variant(token: str) -> bool:
    """A respelling (same skeleton, about as long) or one-typo variant of a long legal
    form."""
    lengths = _LEGAL_SKELETONS.get(skeleton(token), ())
    if any(abs(len(fold(token)) - n) <= RESPELT_FORM_SPREAD for n in lengths):
        return True
    return any(OSA.distance(token, f, score_cutoff=1) <= 1 for f in _LONG_FORMS)
