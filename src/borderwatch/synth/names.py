"""Trader names, and the variants a sanctioned party hides behind.

Ordinary names are built from country-flavoured stems, a trade word and the country's legal
form, so ``Jinlong Huaxin Trading Co., Ltd`` and ``Rheinwerk Logistik GmbH`` look like the
names a customs officer reads every day. Variants model how a listed name reaches a
declaration: a typo, reordered words, another transliteration, a dropped legal form or a cut
at a field length.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

_STEMS: dict[str, tuple[str, ...]] = {
    "CN": (
        "Jinlong",
        "Huaxin",
        "Shenghua",
        "Zhongtai",
        "Hengda",
        "Xinyuan",
        "Dongfang",
        "Baoli",
        "Tianhe",
        "Ningbo Kaida",
        "Shenzhen Yuxin",
        "Guangzhou Hongfa",
    ),
    "DE": ("Rheinwerk", "Nordstern", "Alpen", "Elbe", "Schwarzwald", "Hanse", "Weser"),
    "IN": ("Shree Ganesh", "Bharat", "Sai Krishna", "Mahalaxmi", "Vardhman", "Jai Hind"),
    "TR": ("Anadolu", "Bosphorus", "Yildiz", "Ege", "Marmara", "Kardesler"),
    "KR": ("Hanil", "Daesung", "Seoul Global", "Busan Hanjin", "Samhwa"),
    "JP": ("Nippon Kogyo", "Sakura", "Fuji Seiki", "Yamato", "Tokai"),
    "VN": ("Saigon Phu", "Hanoi Minh", "Viet Thanh", "Dong A", "Hoang Long"),
    "US": ("Great Lakes", "Pacific Crest", "Lone Star", "Atlantic", "Summit", "Liberty"),
    "GB": ("Thames", "Pennine", "Albion", "Northgate", "Cotswold"),
    "IT": ("Italmeccanica", "Adriatica", "Lombarda", "Tirrena", "Ferrari Mario"),
    "NL": ("Oranje", "Delta", "Maasvlakte", "Noordzee", "Van Dijk", "De Vries"),
    "BE": ("Schelde", "Brabant", "Ardennes", "Vlaanderen"),
    "FR": ("Provence", "Loire", "Atlantique", "Dupont", "Lumiere"),
}
_GENERIC = (
    "Global",
    "United",
    "Golden Star",
    "Sunrise",
    "Continental",
    "Prime",
    "Orient",
    "Horizon",
    "Silverline",
    "Evergreen",
    "Zenith",
    "Crown",
)
_TRADES = (
    "Trading",
    "Import Export",
    "Industrial",
    "Logistics",
    "Textiles",
    "Electronics",
    "Machinery",
    "Foods",
    "Chemicals",
    "Components",
    "International",
    "Supply",
)
_FORMS: dict[str, str] = {
    "CN": "Co., Ltd",
    "HK": "Limited",
    "DE": "GmbH",
    "AT": "GmbH",
    "NL": "B.V.",
    "BE": "NV",
    "FR": "SAS",
    "IT": "S.r.l.",
    "ES": "S.L.",
    "GB": "Ltd",
    "US": "Inc.",
    "CA": "Inc.",
    "IN": "Pvt Ltd",
    "TR": "Ltd. Sti.",
    "KR": "Co., Ltd.",
    "JP": "K.K.",
    "VN": "JSC",
    "PL": "Sp. z o.o.",
    "BR": "Ltda",
    "MX": "S.A. de C.V.",
    "AE": "LLC",
    "SA": "LLC",
}
LEGAL_FORMS = re.compile(
    r",?\s*\b(co\.?,? ?ltd\.?|limited|ltd\.?|llc|inc\.?|corp(oration)?\.?|company|gmbh|b\.v\.|"
    r"nv|sas|s\.r\.l\.|s\.l\.|jsc|k\.k\.|pvt ltd|sp\. z o\.o\.|ltda|s\.a\.( de c\.v\.)?)\s*$",
    re.IGNORECASE,
)
#: Transliteration pairs seen across romanisation systems (Arabic, Cyrillic, Korean, Chinese).
_TRANSLIT: tuple[tuple[str, str], ...] = (
    ("Mohammed", "Muhammad"),
    ("Mohammad", "Muhammad"),
    ("Ahmed", "Ahmad"),
    ("Abdul", "Abd al"),
    ("kh", "h"),
    ("ou", "u"),
    ("sh", "sch"),
    ("yu", "iu"),
    ("ya", "ia"),
    ("j", "dzh"),
    ("Pak", "Park"),
    ("Kim", "Gim"),
    ("ch", "tch"),
    ("ee", "i"),
    ("q", "k"),
    ("x", "ks"),
    ("y", "i"),
    ("e", "ye"),
    ("i", "y"),
    ("u", "oo"),
    ("o", "u"),
)


def trader_name(rng: np.random.Generator, country: str) -> str:
    """A plausible company name for a trader based in ``country``."""
    stems = _STEMS.get(country, _GENERIC)
    stem = stems[int(rng.integers(len(stems)))]
    if rng.random() < 0.3:
        stem = f"{stem} {_GENERIC[int(rng.integers(len(_GENERIC)))]}"
    trade = _TRADES[int(rng.integers(len(_TRADES)))]
    return f"{stem} {trade} {_FORMS.get(country, 'Ltd')}"


def broker_name(rng: np.random.Generator, country: str) -> str:
    """A customs broker's name in ``country``."""
    stems = _STEMS.get(country, _GENERIC)
    kind = ("Customs Brokers", "Customs Services", "Forwarding", "Expeditie")[int(rng.integers(4))]
    return f"{stems[int(rng.integers(len(stems)))]} {kind} {_FORMS.get(country, 'Ltd')}"


def drop_legal_form(name: str) -> str:
    """``name`` without a trailing legal form (``Co., Ltd``, ``LLC``, ``GmbH``, ...)."""
    stripped = LEGAL_FORMS.sub("", name).strip(" ,")
    return stripped or name


def _typo(rng: np.random.Generator, name: str) -> str:
    if len(name) < 4:
        return _double(name, len(name) - 1)
    i = int(rng.integers(1, len(name) - 2))
    kind = int(rng.integers(3))
    if kind == 0 and name[i] != name[i + 1]:
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    if kind == 1:
        return name[:i] + name[i + 1 :]
    return _double(name, i)


def _double(name: str, i: int) -> str:
    return name[: i + 1] + name[i:]


def _reorder(rng: np.random.Generator, name: str) -> str | None:
    if "," in name:
        surname, given = (part.strip() for part in name.split(",", 1))
        return f"{given} {surname}" if given and surname else None
    words = name.split()
    if len(words) < 2:
        return None
    if len(words) == 2 or rng.random() < 0.5:
        return " ".join([words[-1], *words[:-1]])
    return " ".join([words[1], words[0], *words[2:]])


def _transliterate(rng: np.random.Generator, name: str) -> str | None:
    for k in rng.permutation(len(_TRANSLIT)):
        old, new = _TRANSLIT[int(k)]
        for a, b in ((old, new), (new, old)):
            if a in name:
                return name.replace(a, b, 1)
    return None


def _drop_form(rng: np.random.Generator, name: str) -> str | None:
    stripped = drop_legal_form(name)
    return stripped if stripped != name else None


def _truncate(rng: np.random.Generator, name: str) -> str | None:
    if len(name) <= 12:
        return None
    cut = int(rng.integers(max(8, len(name) // 2), len(name) - 2))
    return name[:cut].rstrip(" ,.")


VARIANTS: dict[str, Callable[[np.random.Generator, str], str | None]] = {
    "typo": _typo,
    "reorder": _reorder,
    "transliteration": _transliterate,
    "legal_form_dropped": _drop_form,
    "truncation": _truncate,
}


def name_variant(rng: np.random.Generator, name: str) -> tuple[str, str]:
    """A variant of ``name`` and the kind of change made (a key of :data:`VARIANTS`), never
    identical to ``name``. A kind that does not apply (no legal form to drop, one word to
    reorder) falls back to a typo, and the kind returned says so. A quarter of the variants
    are also upper-cased, as many declarations are."""
    kinds = list(VARIANTS)
    kind = kinds[int(rng.integers(len(kinds)))]
    variant = (VARIANTS[kind](rng, name) or "").strip()
    if variant in ("", name):
        kind, variant = "typo", _typo(rng, name)
    if rng.random() < 0.25:
        variant = variant.upper()
    return variant[:512], kind
