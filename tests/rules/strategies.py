"""Hypothesis strategies: typed random rule expressions and random feature-view rows."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from borderwatch.rules import COLUMNS

NUM_COLS = [c.name for c in COLUMNS if c.type in ("int", "float")]
STR_COLS = [c.name for c in COLUMNS if c.type == "str"]
BOOL_COLS = [c.name for c in COLUMNS if c.type == "bool"]
LIST_COLS = [c.name for c in COLUMNS if c.type == "list"]
WORDS = ["a", "b", "ab", "Ab", "IR", "a%b", "x_y", "", "nitrate", "93"]
PATTERNS = ["a%", "%b", "_b", "%", "A%", "ab", "%r_t%", "x\\_%"]
REGEXES = ["^a", "b$", "a|b", "[0-9]+", "ni?t", "(?i)AB", "\\bab\\b"]


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def num_exprs() -> st.SearchStrategy[str]:
    leaf = st.one_of(
        st.sampled_from(NUM_COLS),
        st.integers(-50, 50).map(str),
        st.sampled_from(["0.5", "2.25", "-1.5", "0", "NULL"]),
        st.sampled_from(STR_COLS).map(lambda c: f"length({c})"),
        st.sampled_from(LIST_COLS).map(lambda c: f"array_size({c})"),
    )

    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            st.tuples(inner, st.sampled_from(["+", "-", "*", "/"]), inner)
            .filter(lambda t: not (t[1] == "/" and t[2] == "0"))
            .map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
            inner.map(lambda e: f"abs({e})"),
            inner.map(lambda e: f"-({e})"),
            st.tuples(inner, inner).map(lambda t: f"coalesce({t[0]}, {t[1]})"),
            st.tuples(st.sampled_from(["least", "greatest"]), inner, inner).map(
                lambda t: f"{t[0]}({t[1]}, {t[2]})"
            ),
            st.tuples(inner, st.integers(0, 2)).map(lambda t: f"round({t[0]}, {t[1]})"),
        )

    return st.recursive(leaf, extend, max_leaves=4)


def str_exprs() -> st.SearchStrategy[str]:
    col = st.sampled_from(STR_COLS)
    return st.one_of(col, col.map(lambda c: f"lower({c})"), col.map(lambda c: f"upper({c})"))


def bool_leaves() -> st.SearchStrategy[str]:
    words = st.sampled_from(WORDS).map(_quote)
    cmp = st.sampled_from(["=", "<>", "<", "<=", ">", ">="])
    return st.one_of(
        st.sampled_from(BOOL_COLS),
        st.sampled_from(["TRUE", "FALSE"]),
        st.tuples(num_exprs(), cmp, num_exprs()).map(" ".join),
        st.tuples(str_exprs(), cmp, words).map(" ".join),
        st.tuples(str_exprs(), st.lists(words, min_size=1, max_size=3)).map(
            lambda t: f"{t[0]} IN ({', '.join(t[1])})"
        ),
        st.tuples(str_exprs(), st.sampled_from(["LIKE", "ILIKE"]), st.sampled_from(PATTERNS)).map(
            lambda t: f"{t[0]} {t[1]} {_quote(t[2])}"
        ),
        st.tuples(str_exprs(), st.sampled_from(REGEXES)).map(
            lambda t: f"regexp_like({t[0]}, {_quote(t[1])})"
        ),
        st.tuples(st.sampled_from(LIST_COLS), words).map(
            lambda t: f"array_contains({t[0]}, {t[1]})"
        ),
        st.tuples(st.sampled_from(LIST_COLS), st.lists(words, min_size=1, max_size=3)).map(
            lambda t: f"arrays_overlap({t[0]}, ARRAY({', '.join(t[1])}))"
        ),
        st.tuples(st.sampled_from(NUM_COLS + STR_COLS), st.sampled_from(["", "NOT "])).map(
            lambda t: f"{t[0]} IS {t[1]}NULL"
        ),
        st.tuples(num_exprs(), num_exprs(), num_exprs()).map(
            lambda t: f"{t[0]} BETWEEN {t[1]} AND {t[2]}"
        ),
    )


def bool_exprs() -> st.SearchStrategy[str]:
    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            inner.map(lambda e: f"NOT ({e})"),
            st.tuples(inner, st.sampled_from(["AND", "OR"]), inner).map(
                lambda t: f"({t[0]} {t[1]} {t[2]})"
            ),
        )

    return st.recursive(bool_leaves(), extend, max_leaves=5)


def _value(kind: str) -> st.SearchStrategy[Any]:
    if kind == "list":
        return st.lists(st.sampled_from(WORDS), max_size=3)
    base: st.SearchStrategy[Any] = {
        "bool": st.booleans(),
        "int": st.integers(-100, 100),
        "float": st.one_of(st.floats(-100, 100).map(lambda f: round(f, 3)), st.just(0.0)),
        "str": st.sampled_from(WORDS),
    }[kind]
    return st.one_of(st.none(), base)


def rows() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({c.name: _value(c.type) for c in COLUMNS})
