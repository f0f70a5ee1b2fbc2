"""Controlled-goods screening: HS code prefixes, CAS numbers and multilingual keywords,
against the controlled-goods references shipped in ``reference/data``.

Every :class:`GoodsFlag` names its reference as ``<file>:<line>`` plus the entry's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from borderwatch.model.screening import GoodsFlag
from borderwatch.reference import read_csv
from borderwatch.screening.script import latin

PRECURSORS = "explosives_precursors.csv"
CWC = "cwc_scheduled_chemicals.csv"
HS_SUBSET = "hs2022_arms_explosives_radioactive_subset.csv"
_CAS = re.compile(r"\b(\d{2,7})-(\d{2})-(\d)\b")
_HS_CATEGORY = {
    "arms": "arms",
    "explosives": "explosives",
    "radioactive": "radioactive",
    "isotopes": "radioactive",
}

# Translations of the controlled substances and items most often declared in plain words.
SYNONYMS: dict[str, list[str]] = {
    "Ammonium nitrate": [
        "nitrate d'ammonium",
        "nitrato de amonio",
        "nitrato de amonio",
        "nitrato di ammonio",
        "ammoniumnitrat",
        "ammoniumnitraat",
        "azotan amonu",
        "nitrato de amonio",
        "nitrato de amônio",
    ],
    "Hydrogen peroxide": [
        "peroxyde d'hydrogene",
        "peroxido de hidrogeno",
        "perossido di idrogeno",
        "wasserstoffperoxid",
        "waterstofperoxide",
        "nadtlenek wodoru",
        "peroxido de hidrogenio",
    ],
    "Nitric acid": ["acide nitrique", "acido nitrico", "salpetersaure", "salpeterzuur"],
    "Sulphuric acid": [
        "sulfuric acid",
        "acide sulfurique",
        "acido sulfurico",
        "schwefelsaure",
        "zwavelzuur",
    ],
    "Potassium chlorate": ["chlorate de potassium", "clorato de potasio", "kaliumchlorat"],
    "Sodium chlorate": ["chlorate de sodium", "clorato de sodio", "natriumchlorat"],
    "Nitromethane": ["nitromethan", "nitrometano"],
    "Detonator": [
        "detonator",
        "detonators",
        "detonateur",
        "detonateurs",
        "detonador",
        "detonadores",
        "detonatore",
        "sprengkapsel",
        "zunder",
        "blasting cap",
    ],
    "Explosive": [
        "dynamite",
        "tnt",
        "semtex",
        "plastic explosive",
        "explosif",
        "explosivo",
        "sprengstoff",
    ],
    "Firearm": [
        "rifle",
        "pistol",
        "revolver",
        "shotgun",
        "ammunition",
        "cartridges",
        "munitions",
        "fusil",
        "pistolet",
        "municion",
        "munizioni",
        "gewehr",
    ],
    "Radioactive material": [
        "uranium",
        "plutonium",
        "thorium",
        "caesium-137",
        "cesium-137",
        "cobalt-60",
        "radioactive",
        "radioactif",
        "radiactivo",
    ],
}


@dataclass(frozen=True, slots=True)
class _Ref:
    category: str
    reference: str
    entry: str


def _precursor_category(list_name: str) -> str:
    return "explosives" if list_name.endswith("explosives") else "explosives_precursor"


@cache
def _tables() -> tuple[dict[str, _Ref], dict[str, _Ref], list[tuple[str, str, _Ref]]]:
    """(CAS -> entry, HS prefix -> entry, [(keyword, its padded form, entry)], longest
    keyword first) built from the references."""
    cas: dict[str, _Ref] = {}
    hs: dict[str, _Ref] = {}
    words: dict[str, _Ref] = {}
    for line, row in enumerate(read_csv(PRECURSORS), start=2):
        ref = _Ref(_precursor_category(row["list"]), f"{PRECURSORS}:{line}", row["substance"])
        for number in _CAS.findall(row["cas"]):
            cas.setdefault("-".join(number), ref)
        for code in re.split(r"[;(]", row["cn_code_substance"]):
            digits = re.sub(r"\D", "", code.split(")")[-1])
            if len(digits) >= 6:
                hs.setdefault(digits[:6], ref)
        words.setdefault(latin(row["substance"]).split(" (")[0], ref)
    for line, row in enumerate(read_csv(CWC), start=2):
        ref = _Ref("chemical_weapons", f"{CWC}:{line}", row["name"])
        for number in _CAS.findall(row["cas"]):
            cas.setdefault("-".join(number), ref)
        words.setdefault(latin(row["name"].split(":")[0]).strip(), ref)
    for line, row in enumerate(read_csv(HS_SUBSET), start=2):
        group = row["group"].split("_")[0]
        hs.setdefault(
            row["hscode"],
            _Ref(_HS_CATEGORY.get(group, group), f"{HS_SUBSET}:{line}", row["description"]),
        )
    for entry, synonyms in SYNONYMS.items():
        base = words.get(latin(entry)) or _Ref(_category_of(entry), "borderwatch synonyms", entry)
        for word in synonyms:
            words.setdefault(latin(word), base)
    ordered = sorted(((w, r) for w, r in words.items() if len(w) >= 3), key=lambda x: -len(x[0]))
    return cas, hs, [(w, _padded(w), r) for w, r in ordered]


def _padded(text: str) -> str:
    """``text`` with every run of characters other than a-z and 0-9 as one space, between
    spaces: a keyword is found in a description when its padded form is in the
    description's."""
    return " " + _NOT_WORD.sub(" ", text).strip() + " "


_NOT_WORD = re.compile(r"[^a-z0-9]+")


def _category_of(entry: str) -> str:
    return {
        "Detonator": "explosives",
        "Explosive": "explosives",
        "Firearm": "arms",
        "Radioactive material": "radioactive",
    }.get(entry, "explosives_precursor")


def cas_valid(cas: str) -> bool:
    """True when the CAS registry number's check digit is right."""
    digits = cas.replace("-", "")
    body, check = digits[:-1], int(digits[-1])
    return sum(i * int(d) for i, d in enumerate(reversed(body), start=1)) % 10 == check


def screen_goods(
    hs_code: str | None, description: str | None, cas_number: str | None = None
) -> list[GoodsFlag]:
    """Flags for one goods item: its HS code, declared CAS number, and CAS numbers and
    keywords found in the description (in English, French, Spanish, German, Dutch, Italian)."""
    cas_map, hs_map, words = _tables()
    flags: list[GoodsFlag] = []
    code = re.sub(r"\D", "", hs_code or "")
    for length in range(min(len(code), 6), 1, -1):
        if (ref := hs_map.get(code[:length])) is not None:
            flags.append(GoodsFlag(ref.category, ref.reference, ref.entry, "hs_code", code))
            break
    text = description or ""
    found = [
        c for c in ["-".join(m) for m in _CAS.findall(f"{cas_number or ''} {text}")] if cas_valid(c)
    ]
    for cas in dict.fromkeys(found):
        if (ref := cas_map.get(cas)) is not None:
            flags.append(GoodsFlag(ref.category, ref.reference, ref.entry, "cas_number", cas))
    flags.extend(_keyword_flags(latin(text).replace("-", " "), words))
    return flags


def _keyword_flags(text: str, words: list[tuple[str, str, _Ref]]) -> list[GoodsFlag]:
    flags: list[GoodsFlag] = []
    padded = f" {_NOT_WORD.sub(' ', text)} "
    for word, key, ref in words:
        if key in padded:
            flags.append(GoodsFlag(ref.category, ref.reference, ref.entry, "keyword", word))
            padded = padded.replace(key, " | ")
    return flags
