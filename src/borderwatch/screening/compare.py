"""Name comparison: align the tokens of two names and score the alignment in [0, 1].

Token pairs score by exact equality, a shared consonant skeleton (transliteration and
respelling), Levenshtein similarity (typos), initials and prefixes (truncated fields).
Tokens split differently on each side (``Jianmin`` / ``Jian Min``) are joined first.
Order is ignored ("Last, First"); tokens left without a partner lower the score.
"""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein

from borderwatch.screening.normalise import name_tokens, skeleton

PERSON_SCHEMAS = frozenset({"Person"})


def token_similarity(a: str, b: str) -> float:
    """Similarity of two normalised tokens in [0, 1]."""
    if a == b:
        return 1.0
    la, lb = len(a), len(b)
    if la == 1 or lb == 1:
        return 0.75 if a[0] == b[0] else 0.0
    if a.isdigit() or b.isdigit():
        return 0.0
    lev = Levenshtein.normalized_similarity(a, b)
    sa, sb = skeleton(a), skeleton(b)
    skel = 0.0
    if len(sa) >= 2 and sa == sb:
        skel = 0.93 if len(sa) >= 3 else 0.85
    elif sa and sb and min(len(sa), len(sb)) >= 3:
        skel = 0.85 * Levenshtein.normalized_similarity(sa, sb)
    pre = 0.0
    if min(la, lb) >= 3 and (a.startswith(b) or b.startswith(a)):
        pre = 0.7 + 0.25 * min(la, lb) / max(la, lb)
    return max(lev, skel, pre)


def _join_split(q: list[str], c: list[str]) -> None:
    """Join runs of tokens on one side that equal one token on the other (in place)."""
    for src, dst in ((c, q), (q, c)):
        targets = set(dst)
        i = 0
        while i < len(src) - 1:
            for width in (3, 2):
                joined = "".join(src[i : i + width])
                if len(src) - i >= width and joined in targets:
                    src[i : i + width] = [joined]
                    break
            i += 1


def align(query: tuple[str, ...], cand: tuple[str, ...]) -> list[tuple[str, str, float]]:
    """Greedy best-first pairing of the tokens of two names; returns the pairs."""
    q, c = list(query), list(cand)
    _join_split(q, c)
    pairs = sorted(
        ((token_similarity(a, b), i, j) for i, a in enumerate(q) for j, b in enumerate(c)),
        reverse=True,
    )
    used_q: set[int] = set()
    used_c: set[int] = set()
    out: list[tuple[str, str, float]] = []
    for sim, i, j in pairs:
        if sim <= 0.0 or i in used_q or j in used_c:
            continue
        used_q.add(i)
        used_c.add(j)
        out.append((q[i], c[j], sim))
    out.extend((q[i], "", 0.0) for i in range(len(q)) if i not in used_q)
    out.extend(("", c[j], 0.0) for j in range(len(c)) if j not in used_c)
    return out


def _weight(token: str) -> float:
    return 0.4 if len(token) == 1 else min(1.0, 0.5 + 0.1 * len(token))


def token_set_score(query: tuple[str, ...], cand: tuple[str, ...], schema: str) -> float:
    """Score of two token tuples: weighted mean similarity of the aligned pairs, each token
    without a partner counting as zero (a dropped middle name costs less for people)."""
    if not query or not cand:
        return 0.0
    pairs = align(query, cand)
    person = schema in PERSON_SCHEMAS
    total = got = 0.0
    matched = 0
    for a, b, sim in pairs:
        if a and b:
            w = max(_weight(a), _weight(b))
            total += w
            got += w * sim
            matched += 1
        else:
            total += _weight(a or b) * (0.35 if person else 0.6)
    if matched == 0:
        return 0.0
    score = got / total
    if matched == 1 and len(pairs) > 1:
        score *= 0.8
    return score


def compare_names(query: str, candidate: str, schema: str = "Person") -> float:
    """Similarity of two names in [0, 1], robust to script, spelling, order and legal form.

    ``schema`` is the FollowTheMoney schema (Person, Company, Organization, Vessel): for
    people a missing middle name costs less than a missing word in a company name.
    """
    return round(token_set_score(name_tokens(query), name_tokens(candidate), schema), 4)
