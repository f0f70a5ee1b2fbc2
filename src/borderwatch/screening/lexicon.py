"""The words name normalisation knows: honorifics, name particles, legal forms, trade
abbreviations and generic trade words (see :mod:`borderwatch.screening.normalise`)."""

from __future__ import annotations

HONORIFICS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "sir",
        "sheikh",
        "shaykh",
        "sheik",
        "haji",
        "hajji",
        "hadji",
        "mullah",
        "maulana",
        "maulvi",
        "mawlawi",
        "qari",
        "imam",
        "general",
        "gen",
        "col",
        "colonel",
        "capt",
        "captain",
        "lt",
        "major",
        "maj",
        "brig",
        "admiral",
        "adm",
        "eng",
        "engr",
        "sayed",
        "sayyed",
        "sayyid",
        "seyed",
        "seyyed",
        "syed",
        "maulavi",
        "mawlavi",
        "moulvi",
        "molvi",
        "mawlana",
        "mulla",
        # as Arabic script romanises them, without vowels (سيد, حاجي, قاري, مولوي, ملا, شيخ)
        "syd",
        "hajy",
        "hjy",
        "qary",
        "mwlwy",
        "mla",
        "shykh",
    ]
)
PARTICLES = frozenset(
    [
        "al",
        "el",
        "ul",
        "bin",
        "bn",  # bin and ibn as Arabic script writes them, without vowels
        "ibn",
        "bint",
        "ould",  # son of, in Mauritanian and Saharan names (Ould Abdel Aziz)
        "wld",  # ould as Arabic script writes it (ولد)
        "abu",
        "abou",
        "abw",  # abu as Arabic script writes it (أبو)
        "bou",
        "ben",
        "van",
        "von",
        "der",
        "den",
        "de",
        "da",
        "di",
        "la",
        "le",
    ]
)
LEGAL_FORMS = frozenset(
    [
        "llc",
        "ltd",
        "limited",
        "co",
        "company",
        "corp",
        "corporation",
        "inc",
        "incorporated",
        "plc",
        "gmbh",
        "ag",
        "sa",
        "sarl",
        "sas",
        "srl",
        "spa",
        "bv",
        "nv",
        "jsc",
        "ojsc",
        "cjsc",
        "pjsc",
        "oao",
        "zao",
        "ooo",
        "pte",
        "pty",
        "kg",
        "ab",
        "as",
        "oy",
        "fze",
        "fzco",
        "fzc",
        "llp",
        "lp",
        "jv",
        "sdn",
        "bhd",
        "kk",
        "tbk",
        "est",
        "establishment",
    ]
)
ABBREVIATIONS = {
    # "servant of" and the article, one word in most Latin spellings (Abdul Sattar), two in
    # others (Abd al-Sattar) and in Arabic script, where the article is a particle
    "abdul": "abd",
    "abdel": "abd",
    "abdal": "abd",
    "abdoul": "abd",
    "abdol": "abd",
    # and the article assimilated to the word's first letter (Abdur Rahman, Abdus Salam)
    "abdur": "abd",
    "abder": "abd",
    "abdus": "abd",
    "abdes": "abd",
    "abdush": "abd",
    "abduz": "abd",
    "abdun": "abd",
    "abdut": "abd",
    "trdg": "trading",
    "trd": "trading",
    "intl": "international",
    "int'l": "international",
    "srvcs": "services",
    "svcs": "services",
    "srvs": "services",
    "svc": "service",
    "mgmt": "management",
    "mfg": "manufacturing",
    "ind": "industrial",
    "inds": "industries",
    "indus": "industries",
    "eng": "engineering",
    "engg": "engineering",
    "tech": "technology",
    "grp": "group",
    "hldg": "holding",
    "hldgs": "holdings",
    "shpg": "shipping",
    "navig": "navigation",
    "nav": "navigation",
    "dev": "development",
    "bros": "brothers",
    "assoc": "association",
    "natl": "national",
    "chem": "chemical",
    "petro": "petroleum",
    "log": "logistics",
    "frt": "freight",
    "fwdg": "forwarding",
    "mar": "marine",
}
_GENERIC_WORDS = """trading trade shipping holding holdings group international services service
    industries industrial industry logistics import export imports exports general
    enterprise enterprises commercial company corporation investment investments
    development management manufacturing engineering technology technologies
    marine navigation maritime freight forwarding transport global national united
    foundation organization association bank exchange petroleum oil gas energy
    construction foods textiles electronics house office branch agency banking"""
_TRANSLATIONS = {
    # Arabic words of organisation names (as Arabic script romanises them: vowels omitted,
    # the article dropped) and the English words their Latin names translate them with:
    # ``الجماعة الاسلامية المقاتلة الليبية`` is LIBYAN ISLAMIC FIGHTING GROUP
    "jmaaa": "group society",
    "jbha": "front",
    "shbka": "network",
    "shbkh": "network",
    "mktb": "office",
    "tnzym": "organization",
    "mnzma": "organization",
    "hrka": "movement",
    "jysh": "army",
    "dwla": "state",
    "mjls": "council",
    "hzb": "party",
    "ktayb": "brigades",
    "ktyba": "battalion",
    "lwa": "brigade",
    "hrs": "guard",
    "thwry": "revolutionary",
    "mqatla": "fighting combatant",
    "shrka": "company",
    "mwssa": "foundation",
    "srafa": "exchange money_exchange",  # صرافة: money exchange, or exchange alone
    "bnk": "bank",
    "msrf": "bank",
    "tjara": "trading",
    "tjarya": "commercial",
    "wtny": "national",
    "dwly": "international",
    "jzyra": "peninsula",
    "fy": "in",
    "aslamy": "islamic",
    "aslamya": "islamic",
    "msry": "egyptian",
    "msrya": "egyptian",
    "lyby": "libyan",
    "lybya": "libyan",
    "twnsy": "tunisian",
    "twnsya": "tunisian",
    "mghrby": "moroccan",
    "mghrbya": "moroccan",
    "swry": "syrian",
    "swrya": "syrian",
    "flstyny": "palestinian",
    "lbnany": "lebanese",
    "ymny": "yemeni",
    "arb": "arab arabian",
    "jmaya": "society association",
    # a person's generational suffix: الابن (the son) is how Arabic writes Jr.
    "abn": "jr junior",
}
CJK_TRADE_WORDS = {
    # Chinese words of company names (traditional and simplified) and the English words
    # their Latin names translate them with: 華信船務(香港)有限公司 is HUAXIN SHIPPING
    # HONGKONG LTD
    "有限公司": "Ltd",
    "公司": "Company",
    "集團": "Group",
    "集团": "Group",
    "船務": "Shipping",
    "船务": "Shipping",
    "航運": "Shipping",
    "航运": "Shipping",
    "海運": "Shipping",
    "海运": "Shipping",
    "香港": "Hong Kong",
    "國際": "International",
    "国际": "International",
    "貿易": "Trading",
    "贸易": "Trading",
    "技術": "Technology",
    "技术": "Technology",
    "科技": "Technology",
    "物流": "Logistics",
    "投資": "Investment",
    "投资": "Investment",
    "控股": "Holdings",
    "實業": "Industrial",
    "实业": "Industrial",
    "石油": "Petroleum",
    "電子": "Electronics",
    "电子": "Electronics",
    "銀行": "Bank",
    "银行": "Bank",
    "進出口": "Import Export",
    "进出口": "Import Export",
}
"""Chinese trade words of company names and their English translations, which
:func:`~borderwatch.screening.script.readings` reads a Chinese name with beside its pinyin."""
TRANSLATIONS: dict[str, tuple[str, ...]] = {}
"""Each Arabic word of :data:`_TRANSLATIONS` with its English words (a phrase, ``_`` in the
table, written as one word, as the scorer joins its words), and each English word with the
Arabic words it translates: pairs the scorer matches where a name is in an abjad
script (see ``similarity.token_similarity``)."""
for _arabic, _english in _TRANSLATIONS.items():
    for _word in _english.replace("_", "").split():
        TRANSLATIONS[_arabic] = (*TRANSLATIONS.get(_arabic, ()), _word)
        TRANSLATIONS[_word] = (*TRANSLATIONS.get(_word, ()), _arabic)
_GENERIC_SET = frozenset(_GENERIC_WORDS.split())
GENERIC = _GENERIC_SET | frozenset(
    arabic for arabic, english in _TRANSLATIONS.items() if _GENERIC_SET & set(english.split())
)
"""Generic trade and organisation words, in English and as Arabic script writes them."""
