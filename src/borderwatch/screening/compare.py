"""Name comparison: align the tokens of two names and score the alignment in [0, 1].

Token pairs score by exact equality, one edit (typo: a letter changed, added, dropped or two
swapped), one spelling once long vowels are folded (``hadee`` / ``hadi``), a shared consonant
skeleton (transliteration and respelling), initials, and, where a name is in an abjad
script, the translation of a word of an organisation's name (``jmaaa`` / ``group``). Every
query token is paired with a distinct candidate token, best pairs first; order is ignored
("Last, First"). Tokens split differently on each side (``Jianmin`` / ``Jian Min``) are
joined first (for names in abjad scripts also by skeleton: ``nwr al dyn`` / ``Nooruddin``).
A query token left without a partner costs its full weight (a fifth of it for a legal form,
particle or honorific mistyped: ``ntd`` for ``ltd``); a candidate token left over
costs less (a mistyped legal form as little as on the query's side), and least when it is a
middle name (inside the matched tokens, read as written
or, for a name with a comma, with the part before it moved to the end: ``SURNAME, Given``).
A query cut by a fixed-width field is also compared with the candidate cut to the same
length. :func:`token_similarity` gives nothing outside these rules, which is what lets the
index promise it finds every candidate that can score (see ``index.py``).
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz.distance import OSA, Indel
from rigour.text.phonetics import metaphone

from borderwatch.screening.compound import article_joined
from borderwatch.screening.lexicon import GENERIC, TRANSLATIONS
from borderwatch.screening.normalise import (
    bare,
    comma_split,
    consonants,
    fold,
    name_tokens,
    near_droppable,
    skeleton,
)
from borderwatch.screening.script import is_abjad, latin, readings

PERSON_SCHEMAS = frozenset({"Person"})
INITIAL = 0.9
ACRONYM = 0.5
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
GENERIC_WEIGHT = 0.4
TRUNCATION_MIN = 15
TRUNCATION_FACTOR = 0.98
FEW_TOKENS_FACTOR = 0.7
JOIN_MIN = 4  # a run of tokens is joined only to match a token of at least 4 letters
JOIN_SKELETON = 4  # and by skeleton only to a token whose skeleton has 4 letters or more
ABD = "abd"
"""``Abd`` (servant of), which normalisation splits from the word it names a person with
(``Abdulaziz``: ``abd aziz``)."""
LEFT_OVER = {"person_middle": 0.2, "person": 0.6, "other_middle": 0.3, "other": 0.75}
NEAR_DROPPABLE = 0.2
"""What a query word left without a partner costs, times its weight, when it is one letter
from a word normalisation drops (:func:`near_droppable`: ``MACRO EMS uTD``)."""


def unmatched_cost(token: str) -> float:
    """What a query token left without a partner costs: its weight, or a fraction of it for
    a mistyped legal form, particle or honorific."""
    return weight(token) * (NEAR_DROPPABLE if near_droppable(token) else 1.0)


@lru_cache(maxsize=1_000_000)
def token_similarity(a: str, b: str, abjad: bool = True) -> float:
    """Similarity of two normalised tokens in [0, 1] (see the module docstring); ``abjad``
    says one of the names was written in a loosely romanised script (Arabic and Hebrew omit
    vowels; Korean has rival systems), where a shared phonetic key is enough; otherwise the
    spellings must also be close."""
    if a == b:
        return 1.0
    la, lb = len(a), len(b)
    if la == 1 or lb == 1:
        return INITIAL if a[0] == b[0] else 0.0
    if a.isdigit() or b.isdigit():
        return _letter_for_digit(a, b)
    best = TRANSLATION if abjad and b in TRANSLATIONS.get(a, ()) else 0.0
    if (
        min(la, lb) >= SHORT_TYPO_LEN
        and max(la, lb) >= MIN_TYPO_LEN
        and OSA.distance(a, b, score_cutoff=1) <= 1
    ):
        longest = max(la, lb)
        best = max(best, 1.0 - (TYPO_COST if longest >= TYPO_LONG else 1.0) / longest)
    if la == lb == SHORT_TYPO_LEN and a[0] == b[0] and {a[1], b[1]} == _ROUNDED:
        return max(best, SHORT_VOWEL)  # fu / fo, yu / yo
    if (fa := fold(a)) == fold(b) and len(fa) >= 2:  # leeu / liu, hadee / hadi
        return max(best, SKELETON)
    sa = skeleton(a)
    if len(sa) >= 2 and sa == skeleton(b) and (abjad or _alike(a, b)):
        return max(best, SKELETON)
    if (
        abjad
        and len(sa) == 1
        and min(la, lb) >= SHORT_SKELETON_LEN
        and max(la, lb) >= SHORT_SKELETON_LEN + 2
        and sa == skeleton(b)
    ):
        return max(best, SHORT_SKELETON)  # hjy / hajji, hbyb / habib, in abjad names only
    if abjad and _bare_pair(a, b):
        return max(best, SHORT_SKELETON)  # th / taha, hq / haq, in abjad names only
    ca = consonants(a)
    if len(ca) >= 3 and ca == consonants(b) and (abjad or _alike(a, b)):
        return max(best, CONSONANTS)
    return best


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


def weight(token: str) -> float:
    """How much a token counts: initials little, short tokens less than long ones, generic
    trade words (``trading``, ``shipping``) less than distinctive ones."""
    if len(token) == 1:
        return 0.35
    base = min(1.0, 0.4 + 0.12 * len(token))
    return base * GENERIC_WEIGHT if token in GENERIC else base


def _join_split(
    q: list[str], c: list[str], cut: frozenset[str] = frozenset(), abjad: bool = False
) -> None:
    """Join runs of tokens on one side that equal (or are one typo from) one token on the
    other (in place), or two words the token writes with the article between them
    (``Noor Din`` / ``Nooruddin``); where a name is in a loosely romanised script, also a
    run with the token's skeleton (``nwr al dyn`` / ``Nooruddin``). Query words are not
    joined to match a word ``cut`` by a fixed-width field."""
    for src, dst in ((c, q), (q, c)):
        targets = [t for t in dst if len(t) >= JOIN_MIN and (src is c or t not in cut)]
        if len(src) < 2 or not targets:
            continue
        sizes = {len(t) + d for t in targets for d in (-1, 0, 1)}
        keys = {k for t in targets if len(k := skeleton(t)) >= JOIN_SKELETON} if abjad else set()
        i = 0
        while i < len(src) - 1:
            for width in (3, 2):
                run = src[i : i + width]
                if len(run) < width or any(p in dst for p in run):
                    continue
                joined = "".join(run)
                if (
                    (
                        len(joined) in sizes
                        and any(OSA.distance(joined, t, score_cutoff=1) <= 1 for t in targets)
                    )
                    or (keys and skeleton(joined) in keys)
                    or (width == 2 and any(article_joined(run[0], run[1], t) for t in targets))
                ):
                    src[i : i + width] = [joined]
                    break
            i += 1


def align(
    query: list[str],
    cand: list[str],
    abjad: bool,
    person: bool = True,
    locked: dict[int, int] | None = None,
) -> list[tuple[int, int, float]]:
    """Greedy best-first pairing of query and candidate token positions, with similarity.
    Outside person names a one-letter list token is an acronym's letter more than an
    initial, so a whole query word pairs with it at :data:`ACRONYM` only. A candidate
    position in ``locked`` (a word cut by a fixed-width field) pairs only with the query
    position it maps to (none when -1)."""
    fixed = locked or {}
    pairs = sorted(  # ties go to the earlier positions: a repeated name (``Than Than``)
        (  # pairs first where it is first, and the repeat is left inside the name
            (-(s if person or len(b) > 1 or len(a) == 1 else ACRONYM), i, j)
            for i, a in enumerate(query)
            for j, b in enumerate(cand)
            if fixed.get(j, i) == i and (s := token_similarity(a, b, abjad)) > 0.0
        ),
    )
    used_q: set[int] = set()
    used_c: set[int] = set()
    out: list[tuple[int, int, float]] = []
    for sim, i, j in pairs:
        if i not in used_q and j not in used_c:
            used_q.add(i)
            used_c.add(j)
            out.append((i, j, -sim))
    return out


def _inner(j: int, matched: list[int], n: int, comma: int) -> bool:
    """Whether candidate position ``j`` lies between matched positions: as written, or for
    a name with a comma only with the ``comma`` tokens before it moved to the end (in
    ``TAYLOR, Mark John`` the given name ``Mark`` comes first, so ``John Taylor`` leaves out
    a first name, not a middle one)."""
    if 0 < comma < n:
        rot = [(p - comma) % n for p in matched]
        return min(rot) < (j - comma) % n < max(rot)
    return min(matched) < j < max(matched)


def token_set_score(
    query: tuple[str, ...],
    cand: tuple[str, ...],
    schema: str,
    comma: int = 0,
    abjad: bool = False,
    cut: frozenset[str] = frozenset(),
) -> float:
    """Score of two token tuples (see the module docstring); ``cut``: the candidate's words
    cut by a fixed-width field, which query words are not joined to match, and which pair
    only with the query word as far from the end (as written): a field cuts the end of a
    name, so its cut words stand where the query ends (``Tran Trading`` is not ``Trading
    and Tran[sport]``)."""
    if not any(len(t) > 1 for t in query) or not any(len(t) > 1 for t in cand):
        return 0.0  # initials alone identify nobody
    q, c = list(query), list(cand)
    if len(q) > 1 or len(c) > 1:
        _join_split(q, c, cut, abjad)
    locked = {j: _from_end(len(c) - 1 - j, q, query) for j, t in enumerate(c) if t in cut}
    if cut and cand[-1] in cut:  # the last cut word, alone or joined with words before it
        locked[len(c) - 1] = _from_end(0, q, query)
    pairs = align(q, c, abjad, schema in PERSON_SCHEMAS, locked)
    if not pairs:
        return 0.0
    got = sum(weight(q[i]) * s for i, _, s in pairs)
    total = sum(weight(q[i]) for i, _, _ in pairs)
    total += sum(unmatched_cost(q[i]) for i in set(range(len(q))) - {i for i, _, _ in pairs})
    matched = [j for _, j, _ in pairs]
    comma = comma if len(c) == len(cand) else 0
    kind = "person" if schema in PERSON_SCHEMAS else "other"
    left = set(range(len(c))) - set(matched)
    for j in left:
        if c[j] == ABD and j + 1 in left:
            continue  # Abd and the word after it are one name (Abdulaziz): counted once
        middle = _inner(j, matched, len(c), comma)
        cost = LEFT_OVER[kind + "_middle" if middle else kind]
        total += weight(c[j]) * (min(cost, NEAR_DROPPABLE) if near_droppable(c[j]) else cost)
    score = got / total
    full = [i for i, _, _ in pairs if len(q[i]) > 1]
    if len([t for t in q if len(t) > 1]) >= 2 and len(full) < 2:
        score *= FEW_TOKENS_FACTOR
    return score


def _from_end(k: int, q: list[str], query: tuple[str, ...]) -> int:
    """The position of the query word ``k`` from the end, when it is as written (else -1)."""
    i = len(q) - 1 - k
    return i if i >= 0 and k < len(query) and q[i] == query[len(query) - 1 - k] else -1


def truncated_tokens(query_latin: str, cand_latin: str) -> tuple[str, ...] | None:
    """The candidate cut to the query's length, when the query looks cut by a fixed-width
    field (long enough, and shorter than the candidate)."""
    n = len(query_latin.strip())
    if n < TRUNCATION_MIN or len(cand_latin) <= n:
        return None
    return name_tokens(cand_latin[:n])


def score_tokens(
    query: tuple[str, ...],
    query_latin: str,
    cand: tuple[str, ...],
    cand_latin: str,
    schema: str,
    comma: int = 0,
    abjad: bool = False,
) -> float:
    """The name score: the token alignment, or the alignment with the candidate cut to the
    query's length (times a small factor) when that is higher."""
    score = token_set_score(query, cand, schema, comma, abjad)
    if score < 1.0 and (cut := truncated_tokens(query_latin, cand_latin)):
        words = frozenset(cut) - frozenset(cand)
        cut_score = token_set_score(query, cut, schema, 0, abjad, words)
        score = max(score, TRUNCATION_FACTOR * cut_score)
    return score


def compare_names(query: str, candidate: str, schema: str = "Person") -> float:
    """Similarity of two names in [0, 1], robust to script, spelling, order, initials,
    missing middle names, truncation and legal form.

    ``schema`` is the FollowTheMoney schema (Person, Company, Organization, Vessel): for
    people a missing middle name costs less than a missing word in a company name.
    """
    abjad = is_abjad(query) or is_abjad(candidate)
    score = max(
        score_tokens(
            name_tokens(q),
            latin(q),
            name_tokens(c),
            latin(c),
            schema,
            len(name_tokens(comma_split(c)[0])) if "," in c else 0,
            abjad,
        )
        for q in readings(query)
        for c in readings(candidate)
    )
    return round(score, 4)
