"""The batch path: a validated expression compiled into one Polars expression.

Same semantics as :mod:`borderwatch.rules.rowcompile` (NULL propagation, Kleene logic,
division by zero is NULL); the rules of a :class:`~borderwatch.rules.ruleset.RuleSet` run as
one ``select`` over the Arrow-backed feature view, in parallel across cores.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import polars as pl
from sqlglot import exp

from borderwatch.rules.functions import arguments
from borderwatch.rules.rowcompile import compile_row, like_regex, literal
from borderwatch.rules.typing import infer
from borderwatch.rules.validate import function_name

_BINARY: dict[type[exp.Expression], Callable[[pl.Expr, pl.Expr], pl.Expr]] = {
    exp.EQ: lambda a, b: a == b,
    exp.NEQ: lambda a, b: a != b,
    exp.GT: lambda a, b: a > b,
    exp.GTE: lambda a, b: a >= b,
    exp.LT: lambda a, b: a < b,
    exp.LTE: lambda a, b: a <= b,
    exp.Add: lambda a, b: a + b,
    exp.Sub: lambda a, b: a - b,
    exp.Mul: lambda a, b: a * b,
    exp.And: lambda a, b: a & b,
    exp.Or: lambda a, b: a | b,
    exp.Div: lambda a, b: pl.when(b != 0).then(a.cast(pl.Float64) / b),
}


def _lit(node: exp.Expression) -> pl.Expr:
    return pl.lit(literal(node))


def _in(node: exp.Expression) -> pl.Expr:
    value = compile_polars(node.this)
    items = [literal(v) for v in node.expressions]
    return pl.when(value.is_not_null()).then(value.is_in(items))


def _between(node: exp.Expression) -> pl.Expr:
    value = compile_polars(node.this)
    low, high = compile_polars(node.args["low"]), compile_polars(node.args["high"])
    return (value >= low) & (value <= high)


def _like(node: exp.Expression) -> pl.Expr:
    regex = like_regex(str(node.expression.this), isinstance(node, exp.ILike))
    flags, body = regex[: regex.index(")") + 1], regex[regex.index(")") + 1 :]
    return compile_polars(node.this).str.contains(f"{flags}^{body}$")


def _neg(node: exp.Expression) -> pl.Expr:
    """Negation as ``0 - x``: Polars cannot negate a NULL-typed expression, but subtracts it."""
    return pl.lit(0) - compile_polars(node.this)


_SIMPLE: dict[type[exp.Expression], Callable[[Any], pl.Expr]] = {
    exp.Column: lambda n: pl.col(n.name),
    exp.Literal: _lit,
    exp.Boolean: lambda n: pl.lit(bool(n.this), dtype=pl.Boolean),
    exp.Null: lambda n: pl.lit(None),
    exp.Paren: lambda n: compile_polars(n.this),
    exp.Not: lambda n: ~compile_polars(n.this),
    exp.Neg: lambda n: _neg(n),
    exp.In: _in,
    exp.Between: _between,
    exp.Like: _like,
    exp.ILike: _like,
    exp.Is: lambda n: compile_polars(n.this).is_null(),
}


def compile_polars(node: exp.Expression) -> pl.Expr:
    """The Polars expression computing ``node`` over the feature view."""
    kind = type(node)
    if kind in _BINARY:
        return _BINARY[kind](compile_polars(node.this), compile_polars(node.expression))
    if kind in _SIMPLE:
        return _SIMPLE[kind](node)
    name = function_name(node)
    if name is None:
        raise ValueError(f"not a validated expression node: {node.key}")
    return _function(name, arguments(node))


def _overlap(column: pl.Expr, array: exp.Expression) -> pl.Expr:
    wanted = [str(v.this) for v in array.expressions]
    if not wanted:
        return pl.when(column.is_not_null()).then(pl.lit(False))
    out = column.list.contains(pl.lit(wanted[0]))
    for value in wanted[1:]:
        out = out | column.list.contains(pl.lit(value))
    return out


def _coalesce(nodes: list[exp.Expression]) -> pl.Expr:
    """``coalesce``, ending at the first constant argument that is not NULL (the arguments
    after it cannot matter). Polars returns one value for ``coalesce(constant, column)``
    yet does not mark it as a scalar, so comparing it with a scalar fails; the constant
    alone broadcasts."""
    for i, node in enumerate(nodes):
        if not any(True for _ in node.find_all(exp.Column)) and compile_row(node)({}) is not None:
            nodes = nodes[: i + 1]
            break
    if len(nodes) == 1:
        return compile_polars(nodes[0])
    return pl.coalesce([compile_polars(n) for n in nodes])


def _function(name: str, nodes: list[exp.Expression]) -> pl.Expr:
    if name == "coalesce":
        return _coalesce(nodes)
    args = [compile_polars(n) for n in nodes if not isinstance(n, exp.Array)]
    if name == "least":
        return pl.min_horizontal(args)
    if name == "greatest":
        return pl.max_horizontal(args)
    if name == "round":
        return args[0].cast(pl.Float64).round(int(nodes[1].this))
    if name == "array_contains":
        return args[0].list.contains(pl.lit(str(nodes[1].this)))
    if name == "arrays_overlap":
        return _overlap(args[0], nodes[1])
    if name == "regexp_like":
        return args[0].str.contains(str(nodes[1].this))
    unary: dict[str, Callable[[pl.Expr], pl.Expr]] = {
        "abs": lambda e: e.abs(),
        "lower": lambda e: e.str.to_lowercase(),
        "upper": lambda e: e.str.to_uppercase(),
        "length": lambda e: e.str.len_chars().cast(pl.Int64),
        "array_size": lambda e: e.list.len().cast(pl.Int64),
    }
    if infer(nodes[0]) == "null":
        return pl.lit(None)  # NULL in, NULL out (Polars has no abs() of a null-typed column)
    return unary[name](args[0])
