"""Validation of rule expressions: SQL boolean expressions over the feature view.

An expression is parsed with sqlglot and accepted only if every node is on the allow-list
(columns of the catalogue, literals, comparisons, boolean logic, arithmetic, ``IN``,
``BETWEEN``, ``LIKE``/``ILIKE``, ``IS [NOT] NULL`` and the functions of :data:`FUNCTIONS`),
if its types check, and if it is a boolean. Statements, subqueries, table-qualified columns
and any other function are refused. Every problem is reported with its line and column and,
for an unknown column, the closest known name.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import polars as pl
import sqlglot
from sqlglot import exp

from borderwatch.errors import FieldError, InvalidInput
from borderwatch.rules.catalogue import BY_NAME

MAX_CHARS = 4000
MAX_NODES = 400
MAX_DEPTH = 40

FUNCTIONS: dict[str, str] = {
    "coalesce": "coalesce(a, b, ...): the first non-NULL argument (same types).",
    "abs": "abs(x): absolute value of a number.",
    "round": "round(x, n): x rounded to n decimals (n an integer literal).",
    "least": "least(a, b, ...): the smallest number.",
    "greatest": "greatest(a, b, ...): the largest number.",
    "lower": "lower(s): s in lower case.",
    "upper": "upper(s): s in upper case.",
    "length": "length(s): number of characters of s.",
    "array_contains": "array_contains(list, 'x'): whether the list column holds 'x'.",
    "arrays_overlap": "arrays_overlap(list, ARRAY('a', 'b')): whether the list holds any value.",
    "array_size": "array_size(list): number of values in the list column.",
    "regexp_like": "regexp_like(s, 'pattern'): whether s matches the regular expression.",
}

_FUNC_NODES: dict[type[exp.Expression], str] = {
    exp.Coalesce: "coalesce",
    exp.Abs: "abs",
    exp.Round: "round",
    exp.Least: "least",
    exp.Greatest: "greatest",
    exp.Lower: "lower",
    exp.Upper: "upper",
    exp.Length: "length",
    exp.ArrayContains: "array_contains",
    exp.ArraySize: "array_size",
    exp.RegexpLike: "regexp_like",
}


@dataclass(frozen=True, slots=True)
class Checked:
    """A validated expression: its text, syntax tree and the columns it reads."""

    text: str
    tree: exp.Expression
    columns: tuple[str, ...]


class ExpressionError(Exception):
    """One problem at one node, turned into a :class:`FieldError` by :func:`check`."""

    def __init__(self, node: exp.Expression | None, reason: str) -> None:
        super().__init__(reason)
        self.node = node
        self.reason = reason


def position(node: exp.Expression | None) -> str:
    """``line L, col C`` of ``node`` (or of its first positioned descendant)."""
    for sub in node.walk() if node is not None else ():
        meta = getattr(sub, "_meta", None) or {}
        if "line" in meta:
            return f"line {meta['line']}, col {meta['col']}"
    return "position unknown"


def function_name(node: exp.Expression) -> str | None:
    """The allow-listed name of a function node, or None if it is not allowed."""
    if isinstance(node, exp.Anonymous):
        name = str(node.name).lower()
        return name if name == "arrays_overlap" else None
    return _FUNC_NODES.get(type(node))


def suggest(name: str) -> str:
    """`` did you mean 'x'?`` for the closest known column, or an empty string."""
    close = difflib.get_close_matches(name.lower(), list(BY_NAME), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _parse(text: str) -> exp.Expression:
    if not text.strip():
        raise ExpressionError(None, "expression is empty")
    if len(text) > MAX_CHARS:
        raise ExpressionError(None, f"expression is {len(text)} characters; at most {MAX_CHARS}")
    try:
        trees = [t for t in sqlglot.parse(text) if t is not None]
    except sqlglot.ParseError as exc:
        first = exc.errors[0] if exc.errors else {}
        where = f"line {first.get('line', '?')}, col {first.get('col', '?')}"
        reason = str(first.get("description", exc)).lower()
        raise ExpressionError(None, f"{where}: syntax error: {reason}") from None
    except sqlglot.TokenError as exc:
        raise ExpressionError(None, f"syntax error: {str(exc)[:200]}") from None
    except RecursionError:
        raise ExpressionError(
            None, f"expression is nested deeper than {MAX_DEPTH} levels"
        ) from None
    if len(trees) != 1:
        raise ExpressionError(None, "one expression only: statements and ';' are not allowed")
    tree = trees[0]
    if not isinstance(tree, exp.Expression):
        raise ExpressionError(None, "not an expression")
    return tree


def _limits(tree: exp.Expression) -> None:
    nodes = list(tree.walk())
    if len(nodes) > MAX_NODES:
        raise ExpressionError(None, f"expression has {len(nodes)} nodes; at most {MAX_NODES}")
    if max(n.depth for n in nodes) > MAX_DEPTH:
        raise ExpressionError(None, f"expression is nested deeper than {MAX_DEPTH} levels")


def check_regex(pattern: str) -> str | None:
    """Why ``pattern`` is not a regular expression both Python and Polars accept, or None."""
    try:
        re.compile(pattern)
        pl.select(pl.lit("").str.contains(pattern))
    except (re.error, pl.exceptions.PolarsError) as exc:
        detail = " ".join(line.strip() for line in str(exc).splitlines() if line.strip())
        return f"invalid regular expression {pattern!r}: {detail[:300]}"
    return None


def check(text: str, field: str = "expression") -> Checked:
    """A validated boolean expression, or :class:`InvalidInput` naming position and reason."""
    from borderwatch.rules.typing import infer

    try:
        tree = _parse(text)
        _limits(tree)
        kind = infer(tree)
        if kind != "bool":
            raise ExpressionError(tree, f"a rule must be a boolean condition, not {kind}")
    except ExpressionError as exc:
        where = position(exc.node) if exc.node is not None else ""
        reason = (
            f"{where}: {exc.reason}" if where and not exc.reason.startswith("line") else exc.reason
        )
        raise InvalidInput("invalid rule expression", [FieldError(field, reason)]) from None
    columns = tuple(
        dict.fromkeys(c.name for c in tree.walk(bfs=False) if isinstance(c, exp.Column))
    )
    return Checked(text, tree, columns)
