"""The real-time path: a validated expression compiled once into Python closures.

Evaluating a closure tree on a feature-view row (a dict) costs microseconds, with no query
planning. SQL's three-valued logic is kept exactly: NULL is ``None``, comparisons with NULL
are NULL, ``AND``/``OR`` follow Kleene logic, division by zero is NULL, and only a ``True``
result is a hit. :mod:`borderwatch.rules.vector` implements the same semantics in Polars and
a randomised test holds the two in agreement.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from typing import Any

from sqlglot import exp

from borderwatch.rules.functions import arguments
from borderwatch.rules.validate import function_name

Row = dict[str, Any]
Fn = Callable[[Row], Any]

COMPARISONS: dict[type[exp.Expression], Callable[[Any, Any], Any]] = {
    exp.EQ: operator.eq,
    exp.NEQ: operator.ne,
    exp.GT: operator.gt,
    exp.GTE: operator.ge,
    exp.LT: operator.lt,
    exp.LTE: operator.le,
}
"""SQL comparison nodes and the Python operator each one is (shared by the numpy masks)."""

_OPS: dict[type[exp.Expression], Callable[[Any, Any], Any]] = {
    **COMPARISONS,
    exp.Add: operator.add,
    exp.Sub: operator.sub,
    exp.Mul: operator.mul,
}


def like_regex(pattern: str, insensitive: bool) -> str:
    """The unanchored regular expression (valid in Python and Polars) of a LIKE pattern;
    Python matches it with ``fullmatch``, Polars between ``^`` and ``$``."""
    body = "".join(
        ".*" if ch == "%" else "." if ch == "_" else re.escape(ch) if not ch.isalnum() else ch
        for ch in pattern
    )
    return ("(?is)" if insensitive else "(?s)") + "(?:" + body + ")"


def _binary(op: Callable[[Any, Any], Any], left: Fn, right: Fn) -> Fn:
    def run(row: Row) -> Any:
        a = left(row)
        if a is None:
            return None
        b = right(row)
        return None if b is None else op(a, b)

    return run


def _column_vs_literal(op: Callable[[Any, Any], Any], name: str, value: Any) -> Fn:
    def run(row: Row) -> Any:
        a = row[name]
        return None if a is None else op(a, value)

    return run


def _div(left: Fn, right: Fn) -> Fn:
    def run(row: Row) -> Any:
        a, b = left(row), right(row)
        return None if a is None or b is None or b == 0 else a / b

    return run


def _and(left: Fn, right: Fn) -> Fn:
    def run(row: Row) -> Any:
        a = left(row)
        if a is False:
            return False
        b = right(row)
        if b is False:
            return False
        return None if a is None or b is None else True

    return run


def _or(left: Fn, right: Fn) -> Fn:
    def run(row: Row) -> Any:
        a = left(row)
        if a is True:
            return True
        b = right(row)
        if b is True:
            return True
        return None if a is None or b is None else False

    return run


def _unary(fn: Callable[[Any], Any], inner: Fn) -> Fn:
    def run(row: Row) -> Any:
        v = inner(row)
        return None if v is None else fn(v)

    return run


def _const(value: Any) -> Fn:
    return lambda row: value


def _column(name: str) -> Fn:
    return lambda row: row[name]


def compile_row(node: exp.Expression) -> Fn:
    """A closure computing ``node`` on a row dict (``None`` for SQL NULL)."""
    kind = type(node)
    if kind in _OPS:
        if isinstance(node.this, exp.Column) and isinstance(node.expression, exp.Literal):
            return _column_vs_literal(_OPS[kind], node.this.name, literal(node.expression))
        return _binary(_OPS[kind], compile_row(node.this), compile_row(node.expression))
    simple = _SIMPLE.get(kind)
    if simple is not None:
        return simple(node)
    name = function_name(node)
    if name is None:
        raise ValueError(f"not a validated expression node: {node.key}")
    from borderwatch.rules.rowfunctions import compile_function

    return compile_function(name, [compile_row(a) for a in arguments(node)], arguments(node))


def literal(node: exp.Expression) -> Any:
    """The Python value of a literal node."""
    if isinstance(node, exp.Literal):
        if node.is_string:
            return str(node.this)
        return int(node.this) if node.is_int else float(node.this)
    if isinstance(node, exp.Boolean):
        return bool(node.this)
    return None


def _in(node: exp.Expression) -> Fn:
    values = frozenset(literal(v) for v in node.expressions)
    return _unary(lambda v: v in values, compile_row(node.this))


def _between(node: exp.Expression) -> Fn:
    value = compile_row(node.this)
    low = _binary(operator.ge, value, compile_row(node.args["low"]))
    high = _binary(operator.le, value, compile_row(node.args["high"]))
    return _and(low, high)


def _like(node: exp.Expression) -> Fn:
    regex = re.compile(like_regex(str(node.expression.this), isinstance(node, exp.ILike)))
    return _unary(lambda v: regex.fullmatch(v) is not None, compile_row(node.this))


def _is_null(node: exp.Expression) -> Fn:
    inner = compile_row(node.this)
    return lambda row: inner(row) is None


_SIMPLE: dict[type[exp.Expression], Callable[[Any], Fn]] = {
    exp.Column: lambda n: _column(n.name),
    exp.Literal: lambda n: _const(literal(n)),
    exp.Boolean: lambda n: _const(bool(n.this)),
    exp.Null: lambda n: _const(None),
    exp.Paren: lambda n: compile_row(n.this),
    exp.And: lambda n: _and(compile_row(n.this), compile_row(n.expression)),
    exp.Or: lambda n: _or(compile_row(n.this), compile_row(n.expression)),
    exp.Not: lambda n: _unary(operator.not_, compile_row(n.this)),
    exp.Neg: lambda n: _unary(operator.neg, compile_row(n.this)),
    exp.Div: lambda n: _div(compile_row(n.this), compile_row(n.expression)),
    exp.In: _in,
    exp.Between: _between,
    exp.Like: _like,
    exp.ILike: _like,
    exp.Is: _is_null,
    exp.Array: lambda n: _const([literal(v) for v in n.expressions]),
}
