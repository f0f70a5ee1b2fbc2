"""What a name score rests on, in words an officer reads: the sentences the scorer
(:func:`~borderwatch.screening.compare.token_set_score`) notes as it scores a hit, and the
line a hit's name similarity carries (``FeatureScore.detail``)."""

from __future__ import annotations

from borderwatch.screening.similarity import RULES, token_match


def pair(a: str, b: str, sim: float, abjad: bool) -> str:
    """A word pair and the rule that paired it: ``brown ~ baroon: the same consonants ...
    (0.92)``, or ``shipping = shipping``."""
    rule = token_match(a, b, abjad)[1]
    if rule == "same":
        return f"{a} = {b}"
    return f"{a} ~ {b}: {RULES.get(rule, 'an acronym letter')} ({sim:.2f})"


def alone(word: str, form: str | None = None) -> str:
    """A query word left without a partner; ``form``: the legal form of the list name it is,
    mistyped."""
    if form is not None:
        return f"{word}: the list name's legal form {form}, mistyped (counts little)"
    return f"{word}: no partner in the list name"


def left_over(word: str, middle: bool) -> str:
    """A list word left over, and whether it stands as a middle name."""
    return f"{word}: list word left over{' (a middle name)' if middle else ''}"


def title(word: str, honorific: str, sim: float) -> str:
    """A list word the query gave as a title, which normalisation dropped from it."""
    return f"{word} ~ {honorific}: the query's title, written as a name in the list ({sim:.2f})"


def initial_covers(word: str) -> str:
    """The rest of a name of two parts whose first part an initial pairs with: a hyphenated
    name (``Hong-Sop``), or Abd and the name it forms with the word after it
    (``Abdulaziz``)."""
    return f"{word}: the rest of a name its initial stands for"


def few_words(factor: float) -> str:
    """One word of a name of several pairing, and the factor it costs."""
    return f"one word of several pairs (x{factor})"


def cut(length: int, factor: float) -> str:
    """The list name compared cut at the query's length, as a fixed-width field cuts it."""
    return f"the list name cut at {length} characters, as a fixed-width field cuts it (x{factor})"


def line(query: tuple[str, ...], cand: tuple[str, ...], notes: list[str]) -> str:
    """A name score's reasons on one line: the two names as compared (romanised, legal forms,
    particles and honorifics dropped), then the scorer's ``notes``."""
    return "; ".join([f"'{' '.join(query)}' vs '{' '.join(cand)}'", *notes])
