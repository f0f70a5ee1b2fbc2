"""Scripts: every name folded to one lower-case ASCII form (:func:`latin`), and whether it
is written in a loosely romanised script (:func:`is_abjad`).

Unicode compatibility folding (full-width and look-alike letters), removal of invisible
and control characters, transliteration of other scripts with ICU through ``normality``
(Cyrillic first by the letters of English spellings; Korean per syllable; Arabic with its
article split off, and a clitic written onto it dropped, Allah closing a name joined to the
word before it, ain and ta marbuta written as the vowel Latin spellings use), accents
folded. :func:`readings` gives the other reading of Arabic-script letters that Persian and
Urdu pronounce differently, and of the Cyrillic letters spelt two ways.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from normality import ascii_text, latinize_text

from borderwatch.screening.lexicon import CJK_TRADE_WORDS

_ABJAD = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u1100-\u11ff\uac00-\ud7a3]")
_HANGUL = re.compile(r"([\uac00-\ud7a3])(?=[\uac00-\ud7a3])")
_ARABIC_ARTICLE = re.compile(r"(^|\s)ال(?=\S{2,})(?!له(?:\s|$))")
_CLITIC_ARTICLE = re.compile(r"(^|\s)(?:[وفبك]ال|لل)(?=\S{2,})")
"""A conjunction or preposition written onto the article (``والجهاد`` wa-l-jihad,
``للصرافة`` li-l-sirafa, ``بالقاهرة``): the article goes as it does alone, and the clitic
(and, for, in, as), which Latin spellings of the name translate or drop, with it."""
_ABU_ARTICLE = re.compile(r"(^|\s)(ا|أ)بوال(?=\S{2,})")
"""``Abu`` written onto the article of the name it introduces (``أبواليزيد``, Abou el Yazid):
read apart, as ``أبو اليزيد``, so that both the particle and the article go."""
_ALLAH = re.compile(r"(?<=\S)\s+(?=الله(?:\s|$))")
"""The space before ``Allah`` closing a name (``Abd Allah``, ``Rahmat Allah``), which Latin
spellings write as one word (``Abdullah``, ``Rahmatullah``)."""


def _visible(text: str) -> str:
    """Drop format characters (zero-width spaces, direction marks); controls become spaces."""
    out = []
    for c in text:
        cat = unicodedata.category(c)
        if cat == "Cf":
            continue
        out.append(" " if cat[0] == "C" else c)
    return "".join(out)


_URDU = str.maketrans(
    {"ھ": "ه", "ہ": "ه", "ۃ": "ة", "ی": "ي", "ک": "ك", "ۀ": "ه",
     # Urdu retroflex letters, nasal noon and final yeh
     "ڑ": "ر", "ٹ": "ت", "ڈ": "د", "ں": "ن", "ے": "ي", "ۓ": "ي",
     # Pashto letters, which ICU leaves as "?", as the Persian letters nearest in sound
     "ځ": "ز", "څ": "س", "ړ": "ر", "ډ": "د", "ټ": "ت", "ښ": "ش", "ږ": "ژ", "ې": "ي",
     "ۍ": "ي", "ڼ": "ن", "ګ": "گ"}
)  # fmt: skip
"""Urdu, Persian and Pashto letter forms ICU does not romanise (or romanises apart) written
as the Arabic or Persian letters they are or sound nearest to (``چوہدری``: Chaudhry, not
``chw?dry``; ``ځدران``: Zadran, not ``?dran``)."""


_CYRILLIC_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u",
    # Central Asian and Caucasian letters (Kazakh, Kyrgyz, Tajik, Bashkir, Tatar)
    "ғ": "gh", "қ": "q", "ҳ": "h", "ҷ": "j", "ӯ": "u", "ӣ": "i", "ң": "ng", "ө": "o",
    "ү": "u", "һ": "h", "ә": "a", "ұ": "u", "ӏ": "",
}  # fmt: skip
_UKRAINIAN_LETTERS = {**_CYRILLIC_LETTERS, "г": "h", "и": "y"}
_UKRAINIAN = re.compile("[іїєґІЇЄҐ]")
_KAZAKH = re.compile("[әғқңөұүһӘҒҚҢӨҰҮҺ]")
"""Letters of Kazakh and its neighbours, which write ``і`` too, but ``г`` g and ``и`` i."""


def _cyrillic_table(letters: dict[str, str]) -> dict[int, str]:
    """A translation table of ``letters``, lower and upper case."""
    upper = {k.upper(): v.capitalize() for k, v in letters.items()}
    return str.maketrans({**letters, **upper})


_CYRILLIC = _cyrillic_table(_CYRILLIC_LETTERS)
"""Cyrillic letters as English spellings of Russian and other names write them (BGN/PCGN):
``х`` kh, ``ц`` ts, ``щ`` shch, ``й`` y, ``ю`` yu, ``я`` ya (``Юсупов``: Yusupov, ``Вахитов``:
Vakhitov; ICU's ISO 9 gives Usupov and Vahitov)."""
_CYRILLIC_ALT = re.compile("дж|х", re.IGNORECASE)
_CYRILLIC_SOFT = {"дж": "j", "Дж": "J", "ДЖ": "J", "дЖ": "j", "х": "h", "Х": "H"}
"""The other spelling of ``х`` and ``дж``: h and j, as ISO 9 and French spellings write
``х`` and as English writes both in Arabic words and names (``Джихад``: Jihad, ``Таухид``:
Tauhid; ``Хасан``: Hasan beside Khasan)."""
_CYRILLIC_UK = _cyrillic_table(_UKRAINIAN_LETTERS)
"""The same for a Ukrainian name (one with ``і``, ``ї``, ``є`` or ``ґ``, and no Kazakh letter):
``г`` h and ``и`` y (``Микола Григорович``: Mykola Hryhorovych)."""


def latin(text: str) -> str:
    """``text`` folded to lower-case ASCII, transliterated when it is in another script."""
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():
        text = _visible(text).translate(_URDU)
        ukrainian = _UKRAINIAN.search(text) and not _KAZAKH.search(text)
        text = text.translate(_CYRILLIC_UK if ukrainian else _CYRILLIC)
        text = _HANGUL.sub(r"\1 ", text)
        text = _CLITIC_ARTICLE.sub(r"\1ال", _ALLAH.sub("", _ABU_ARTICLE.sub(r"\1\2بو ال", text)))
        text = _ARABIC_ARTICLE.sub(r"\1ال ", text)
        text = latinize_text(text) or ""
        text = text.translate(_DIGRAPHS)
        text = ascii_text(text) or ""
    elif not text.isprintable():
        text = _visible(text)
    return text.lower()


_DIGRAPHS = str.maketrans(
    {
        "č": "ch",
        "š": "sh",
        "ž": "zh",
        "ć": "ch",
        "Č": "Ch",
        "Š": "Sh",
        "Ž": "Zh",
        "ʹ": "",
        "ʺ": "",
        "ʼ": "",
        "ʻ": "",
        "ʿ": "a",  # ain: Latin spellings write a vowel (Abd, Ali, Aziz)
        "ʾ": "",  # hamza
        "ẗ": "a",  # ta marbuta closing a name (Hamza, Usama)
    }
)


_PERSIAN_Z = str.maketrans({"ض": "ز", "ذ": "ز", "ث": "س"})
"""Dad and dhal, read ``d`` and ``dh`` in Arabic but ``z`` in Persian, Urdu and Pashto, and
theh, read ``th`` in Arabic but ``s`` in Persian and Urdu (``ثاقب``: Saqib, ``وثيق``:
Wasiq)."""
_ZAH_DH = str.maketrans({"ظ": "ذ"})
"""Zah, romanised ``z`` but spelt ``dh`` or ``th`` in most Latin spellings of Arabic names
(``كاظم``: Kazim, Kadhim, Kathim)."""


_MAQSURA = re.compile(r"ى(?=\s|$)")
"""Alif maqsura closing a word, romanised ``y`` but spelt ``a`` by most Latin spellings
(``يحيى``: Yahya, ``موسى``: Musa, ``هدى``: Huda); Egyptian spelling also writes a final
``i`` so (``حسنى``: Hosni), the first reading."""


_CJK_TRADE = re.compile("|".join(sorted(CJK_TRADE_WORDS, key=len, reverse=True)))


def readings(text: str) -> tuple[str, ...]:
    """The ways a name is read before romanising: itself; for Arabic script with dad, dhal
    or theh also the Persian and Urdu reading (``ضیا`` is Zia, ``فضل`` Fazl, ``ذاکر`` Zakir,
    ``ثاقب`` Saqib; in Arabic ``رمضان`` is Ramadan); with zah also the reading as dhal
    (``كاظم``: Kadhim beside Kazim); with alif maqsura closing a word also the reading as
    alif (``يحيى``: Yahya); in Cyrillic with ``х`` or ``дж`` also the reading with h and j
    (``Джихад``: Jihad beside Dzhikhad). A name in another script holding other names in
    brackets, as lists write a name in its original script beside its romanisation
    (``حسن غول (Hassan Ghul; Hasan Gul)``, ``Amir Khazmat (original script: Амир Хазмат)``),
    is also read as each of them, as is a name written in two scripts without brackets
    (``Agha Jan Alizai اغا جان عالیزی``: each script's words), and so is a Latin name listing
    several apart with semicolons. A Chinese name with trade words
    (:data:`~borderwatch.screening.lexicon.CJK_TRADE_WORDS`) is also read whole with them in
    English (``華信船務(香港)有限公司``: Hua Xin Shipping (Hong Kong) Ltd)."""
    if text.isascii():
        return (text, *_alternatives(text))
    out: list[str] = []
    for part in (text, *(_bracketed(text) or _script_runs(text))):
        out.append(part)
        if "ض" in part or "ذ" in part or "ث" in part:
            out.append(part.translate(_PERSIAN_Z))
        if "ظ" in part:
            out.append(part.translate(_ZAH_DH))
        if "ى" in part:
            out.append(_MAQSURA.sub("ا", part))
        if _CYRILLIC_ALT.search(part):
            out.append(_CYRILLIC_ALT.sub(lambda m: _CYRILLIC_SOFT[m.group(0)], part))
    if _CJK_TRADE.search(text):  # the whole name: a trade word alone names nobody
        out.append(_CJK_TRADE.sub(lambda m: f" {CJK_TRADE_WORDS[m.group(0)]} ", text))
    return tuple(dict.fromkeys(out))


def _alternatives(text: str) -> list[str]:
    """The names of a Latin ``text`` that lists several apart with semicolons (``Husain
    Salimi; Hosain Salimi``), and the name without the acronym that closes it in brackets
    (``HAQQANI NETWORK (HQN)``); none when it has one."""
    out = []
    if text.rstrip().endswith(")") and (short := _ACRONYM.sub("", text)) != text:
        out += _named([short])
    if ";" in text:
        out += _named(p.strip(" ,") for p in text.split(";"))
    return out


_ACRONYM = re.compile(r"\s*\(\s*[A-Za-z][\w.&-]{0,9}\s*\)\s*$")


_BRACKETS = re.compile(r"[()\[\];]")
_LABEL = re.compile(r"\boriginal script\b", re.IGNORECASE)


def _bracketed(text: str) -> list[str]:
    """The names of ``text`` inside and outside its brackets, split at semicolons and
    without the label "original script" (none when it has no brackets)."""
    if "(" not in text and "[" not in text:
        return []
    return _named(_LABEL.sub("", p).strip(" ,:-") for p in _BRACKETS.split(text))


def _script_runs(text: str) -> list[str]:
    """The runs of words of ``text`` written in the Latin script and in another, where it
    has both and each run has two words or more (none otherwise); a word without letters
    stays with the run it is in, or opens the next."""
    runs: list[tuple[bool | None, list[str]]] = []
    for word in text.split():
        letters = [c for c in word if c.isalpha()]
        latin = all(_is_latin(c) for c in letters) if letters else None
        if runs and (latin is None or runs[-1][0] in (None, latin)):
            runs[-1] = (runs[-1][0] if latin is None else latin, [*runs[-1][1], word])
        else:
            runs.append((latin, [word]))
    if len(runs) < 2 or any(len(_named(words)) < 2 for _, words in runs):
        return []  # one script only, or a run of one word: a part, not a name
    return [" ".join(words) for _, words in runs]


def _is_latin(letter: str) -> bool:
    return letter.isascii() or unicodedata.name(letter, "").startswith("LATIN")


def _named(parts: Iterable[str]) -> list[str]:
    """The parts that hold a letter (a name, not a number or punctuation left over)."""
    return [p for p in parts if any(c.isalpha() for c in p)]


def is_abjad(text: str) -> bool:
    """Whether ``text`` is (partly) written in a loosely romanised script: one that omits
    vowels (Hebrew, Arabic, Syriac, Thaana), whose transliteration keeps consonants only, or
    Korean Hangul, romanised by rival systems (``박`` as Pak or Bak)."""
    return not text.isascii() and _ABJAD.search(text) is not None
