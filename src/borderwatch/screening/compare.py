"""Name comparison: align the tokens of two names and score the alignment in [0, 1].

Token pairs score by :func:`~borderwatch.screening.similarity.token_similarity`. Every
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

from dataclasses import dataclass

from borderwatch.screening import reasons
from borderwatch.screening.alias import Alias, aliases_of
from borderwatch.screening.compound import join_split
from borderwatch.screening.costs import NEAR_DROPPABLE, alone_cost, forms_at, weight
from borderwatch.screening.forms import mistyped_form, near_droppable
from borderwatch.screening.normalise import Ends, name_tokens, titled, titles, written_forms
from borderwatch.screening.script import is_abjad, latin, readings
from borderwatch.screening.similarity import token_similarity

PERSON_SCHEMAS = frozenset({"Person"})
ACRONYM = 0.5
TRUNCATION_MIN = 15
TRUNCATION_FACTOR = 0.98
FEW_TOKENS_FACTOR = 0.7
ABD = "abd"
"""``Abd`` (servant of), which normalisation splits from the word it names a person with
(``Abdulaziz``: ``abd aziz``)."""
LEFT_OVER = {"person_middle": 0.2, "person": 0.6, "other_middle": 0.3, "other": 0.75}


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


def _inner(j: int, matched: list[int], n: int, comma: int, anchored: bool = False) -> bool:
    """Whether candidate position ``j`` lies between matched positions: as written, or for
    a name with a comma only with the ``comma`` tokens before it moved to the end (in
    ``TAYLOR, Mark John`` the given name ``Mark`` comes first, so ``John Taylor`` leaves out
    a first name, not a middle one). ``anchored``: both names open their given names with an
    honorific, which normalisation drops, so the given names begin on both sides before the
    first word (``HASHEMI, Seyed Minaye`` leaves out the middle of ``HASHEMI, Seyed Morteza
    Minaye``)."""
    if 0 < comma < n:
        rot = [(p - comma) % n for p in matched]
        return (-1 if anchored else min(rot)) < (j - comma) % n < max(rot)
    return (-1 if anchored else min(matched)) < j < max(matched)


@dataclass(frozen=True, slots=True)
class Written:
    """A list name as the scorer reads it: its tokens and its entry's schema; ``comma``, the
    number of tokens before the comma of ``SURNAME, Given`` (0 without one); ``joined``, the
    positions that continue the word before them in one hyphenated name (``Hong-Sop``);
    ``forms``, the legal forms it writes before and after its words (see
    :func:`alone_cost`); ``cut``, for a name cut by a fixed-width field, its cut words,
    which query words are not joined to match, and which pair only with the query word as
    far from the end (as written): a field cuts the end of a name, so its cut words stand
    where the query ends (``Tran Trading`` is not ``Trading and Tran[sport]``)."""

    tokens: tuple[str, ...]
    schema: str = "Person"
    comma: int = 0
    joined: frozenset[int] = frozenset()
    forms: Ends = (frozenset(), frozenset())
    cut: frozenset[str] = frozenset()


def token_set_score(
    query: tuple[str, ...],
    name: Written,
    abjad: bool = False,
    notes: list[str] | None = None,
    anchored: bool = False,
    query_titles: frozenset[str] = frozenset(),
) -> float:
    """Score of the query's tokens against a list name's (see the module docstring).
    ``notes``, when given, receives the reasons: each word pair and its rule, each word left
    without a partner and what it cost. ``anchored`` see :func:`_inner`. ``query_titles``:
    the honorifics normalisation dropped from the query (:func:`~.normalise.titles`); a list
    word left over that one of them is a spelling of pairs with it, at their similarity,
    each title once (``SAID`` for ``Sayed``)."""
    cand, schema, comma, joined, cut = name.tokens, name.schema, name.comma, name.joined, name.cut
    if not any(len(t) > 1 for t in query) or not any(len(t) > 1 for t in cand):
        return 0.0  # initials alone identify nobody
    q, c = list(query), list(cand)
    if len(q) > 1 or len(c) > 1:
        join_split(q, c, cut, abjad)
    locked = {j: _from_end(len(c) - 1 - j, q, query) for j, t in enumerate(c) if t in cut}
    if cut and cand[-1] in cut:  # the last cut word, alone or joined with words before it
        locked[len(c) - 1] = _from_end(0, q, query)
    pairs = align(q, c, abjad, schema in PERSON_SCHEMAS, locked)
    if not pairs:
        return 0.0
    got = sum(weight(q[i]) * s for i, _, s in pairs)
    total = sum(weight(q[i]) for i, _, _ in pairs)
    alone = sorted(set(range(len(q))) - {i for i, _, _ in pairs})
    near = {i: forms_at(i, len(q), name.forms) for i in alone}
    total += sum(alone_cost(q[i], near[i]) for i in alone)
    if notes is not None:
        notes += [reasons.pair(q[i], c[j], s, abjad) for i, j, s in sorted(pairs)]
        notes += [reasons.alone(q[i], mistyped_form(q[i], near[i])) for i in alone]
    matched = [j for _, j, _ in pairs]
    if len(c) != len(cand):  # words joined: positions in the candidate no longer hold
        comma, joined, anchored = 0, frozenset(), False
    kind = "person" if schema in PERSON_SCHEMAS else "other"
    left = set(range(len(c))) - set(matched)
    by_initial = {j for i, j, _ in pairs if len(q[i]) == 1}
    spare = set(query_titles)
    for j in sorted(left):
        if c[j] == ABD and j + 1 in left:
            continue  # Abd and the word after it are one name (Abdulaziz): counted once
        if (j in joined or (j > 0 and c[j - 1] == ABD)) and j - 1 in by_initial:
            # H. for Hong-Sop, A. for Abdulaziz (abd aziz): the initial stands for the name
            if notes is not None:
                notes.append(reasons.initial_covers(c[j]))
            continue
        sim, title = max([(token_similarity(h, c[j], abjad), h) for h in spare],
                         default=(0.0, ""))  # fmt: skip
        if sim > 0:  # the list writes as a name the title the query gives: a pair
            spare.discard(title)
            got, total = got + weight(c[j]) * sim, total + weight(c[j])
            if notes is not None:
                notes.append(reasons.title(c[j], title, sim))
            continue
        middle = _inner(j, matched, len(c), comma, anchored)
        cost = LEFT_OVER[kind + "_middle" if middle else kind]
        total += weight(c[j]) * (min(cost, NEAR_DROPPABLE) if near_droppable(c[j]) else cost)
        if notes is not None:
            notes.append(reasons.left_over(c[j], middle))
    score = got / total
    full = [i for i, _, _ in pairs if len(q[i]) > 1]
    if len(full) < 2 and _words(q, near) >= 2:
        score *= FEW_TOKENS_FACTOR
        if notes is not None:
            notes.append(reasons.few_words(FEW_TOKENS_FACTOR))
    return score


def _words(q: list[str], alone: dict[int, frozenset[str]]) -> int:
    """How many words (not initials) a query has; a mistyped legal form left without a
    partner does not count (one letter from any, or from one the list name writes where it
    stands: ``alone``, each word without a partner with those forms)."""
    return sum(
        len(t) > 1
        and not (
            i in alone
            and (near_droppable(t, forms_only=True) or mistyped_form(t, alone[i]) is not None)
        )
        for i, t in enumerate(q)
    )


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
    alias: Alias,
    abjad: bool = False,
    notes: list[str] | None = None,
    query_titled: bool = False,
    query_titles: frozenset[str] = frozenset(),
) -> float:
    """The name score of the query's tokens (``query_latin``: the query as romanised)
    against a list name: the token alignment, or the alignment with the name cut to the
    query's length (times a small factor) when that is higher. ``notes``, when given,
    receives the reasons of the one chosen; ``abjad``: either name is in an abjad script;
    ``query_titled``: the query's given names open with an honorific (``Seyed``), which
    anchors the alignment when the list name's do too (see :func:`_inner`);
    ``query_titles``: the honorifics dropped from the query (see :func:`token_set_score`)."""
    forms = written_forms(alias.latin)
    whole = Written(alias.tokens, alias.schema, alias.comma, alias.joined, forms)
    score = token_set_score(query, whole, abjad, notes, query_titled and alias.titled, query_titles)
    if score < 1.0 and (cut := truncated_tokens(query_latin, alias.latin)):
        words = frozenset(cut) - frozenset(alias.tokens)
        cut_notes: list[str] | None = None if notes is None else []
        cut_score = token_set_score(query, Written(cut, alias.schema, forms=forms, cut=words),
                                    abjad, cut_notes, query_titles=query_titles)  # fmt: skip
        if TRUNCATION_FACTOR * cut_score > score:
            score = TRUNCATION_FACTOR * cut_score
            if notes is not None and cut_notes is not None:
                notes[:] = [reasons.cut(len(query_latin.strip()), TRUNCATION_FACTOR), *cut_notes]
    return score


def compare_names(query: str, candidate: str, schema: str = "Person") -> float:
    """Similarity of two names in [0, 1], robust to script, spelling, order, initials,
    missing middle names, truncation and legal form.

    ``schema`` is the FollowTheMoney schema (Person, Company, Organization, Vessel): for
    people a missing middle name costs less than a missing word in a company name.
    """
    return explain_names(query, candidate, schema, explain=False)[0]


def explain_names(
    query: str, candidate: str, schema: str = "Person", explain: bool = True
) -> tuple[float, str]:
    """:func:`compare_names` and, with ``explain``, its reasons
    (:func:`~borderwatch.screening.reasons.line`) for the readings of the two names that score
    best."""
    abjad = is_abjad(query) or is_abjad(candidate)
    best, why = -1.0, ""
    for q in readings(query):
        q_tokens, q_latin = name_tokens(q), latin(q)
        q_titled, q_titles = titled(q_latin), titles(q_latin, is_abjad(q))
        for alias in aliases_of(0, "", candidate, schema):
            notes: list[str] | None = [] if explain else None
            score = score_tokens(q_tokens, q_latin, alias, abjad, notes, q_titled, q_titles)
            if score > best:
                best = score
                why = reasons.line(q_tokens, alias.tokens, notes) if notes is not None else ""
    return round(max(best, 0.0), 4), why  # a candidate without words scores 0
