"""Closures for the allowed functions on the real-time path (NULL in, NULL out, except
``coalesce``, ``least`` and ``greatest``, which skip NULLs as SQL engines do)."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from sqlglot import exp

Row = dict[str, Any]
Fn = Callable[[Row], Any]


def _coalesce(args: list[Fn]) -> Fn:
    def run(row: Row) -> Any:
        for arg in args:
            value = arg(row)
            if value is not None:
                return value
        return None

    return run


def _extreme(pick: Callable[[list[Any]], Any], args: list[Fn]) -> Fn:
    def run(row: Row) -> Any:
        values = [v for a in args if (v := a(row)) is not None]
        return pick(values) if values else None

    return run


def _map(fn: Callable[[Any], Any], arg: Fn) -> Fn:
    def run(row: Row) -> Any:
        value = arg(row)
        return None if value is None else fn(value)

    return run


def round_half_even(value: float, decimals: int) -> float:
    """``value`` rounded to ``decimals`` places, ties to even (as Polars rounds)."""
    step = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(float(value))).quantize(step, rounding=ROUND_HALF_EVEN))


def _string_arg(nodes: list[exp.Expression], index: int) -> str:
    return str(nodes[index].this)


def _overlap(column: Fn, node: exp.Expression) -> Fn:
    wanted = frozenset(str(v.this) for v in node.expressions)
    return _map(lambda values: not wanted.isdisjoint(values), column)


def compile_function(name: str, args: list[Fn], nodes: list[exp.Expression]) -> Fn:
    """The closure of allowed function ``name`` over compiled ``args``."""
    if name == "coalesce":
        return _coalesce(args)
    if name in ("least", "greatest"):
        return _extreme(min if name == "least" else max, args)
    if name == "round":
        decimals = int(nodes[1].this)
        return _map(lambda v: round_half_even(v, decimals), args[0])
    if name == "array_contains":
        wanted = _string_arg(nodes, 1)
        return _map(lambda values: wanted in values, args[0])
    if name == "arrays_overlap":
        return _overlap(args[0], nodes[1])
    if name == "regexp_like":
        regex = re.compile(_string_arg(nodes, 1))
        return _map(lambda v: regex.search(v) is not None, args[0])
    unary: dict[str, Callable[[Any], Any]] = {
        "abs": abs,
        "lower": str.lower,
        "upper": str.upper,
        "length": len,
        "array_size": len,
    }
    return _map(unary[name], args[0])
