"""Type inference for rule expressions: every node gets ``bool``, ``int``, ``float``,
``str``, ``list`` or ``null``, or the expression is refused with the reason."""

from __future__ import annotations

from collections.abc import Callable

from sqlglot import exp

from borderwatch.rules.catalogue import BY_NAME
from borderwatch.rules.validate import (
    FUNCTIONS,
    ExpressionError,
    check_regex,
    function_name,
    suggest,
)

NUM = ("int", "float", "null")
COMPARE = (exp.EQ, exp.NEQ, exp.GT, exp.GTE, exp.LT, exp.LTE)
ARITH = (exp.Add, exp.Sub, exp.Mul, exp.Div)


def _want(node: exp.Expression, kind: str, allowed: tuple[str, ...], what: str) -> None:
    if kind not in allowed:
        raise ExpressionError(
            node, f"type mismatch: {what} needs {' or '.join(allowed)}, got {kind}"
        )


def _column(node: exp.Column) -> str:
    if node.table:
        raise ExpressionError(node, f"qualified column {node.sql()!r} is not allowed")
    col = BY_NAME.get(node.name)
    if col is None:
        raise ExpressionError(node, f"unknown column {node.name!r}{suggest(node.name)}")
    return col.type


def _literal(node: exp.Literal) -> str:
    if node.is_string:
        return "str"
    return "int" if node.is_int else "float"


def _compare(node: exp.Expression) -> str:
    left, right = infer(node.this), infer(node.expression)
    pair = {left, right} - {"null"}
    if pair <= {"int", "float"} or (len(pair) <= 1 and pair != {"list"}):
        if pair == {"bool"} and not isinstance(node, (exp.EQ, exp.NEQ)):
            raise ExpressionError(node, "type mismatch: booleans compare only with = or <>")
        return "bool"
    raise ExpressionError(node, f"type mismatch: cannot compare {left} with {right}")


def _arith(node: exp.Expression) -> str:
    left, right = infer(node.this), infer(node.expression)
    _want(node, left, NUM, f"'{node.key}'")
    _want(node, right, NUM, f"'{node.key}'")
    if isinstance(node, exp.Div):
        divisor = node.expression
        if isinstance(divisor, exp.Literal) and not divisor.is_string and float(divisor.this) == 0:
            raise ExpressionError(divisor, "division by zero")
        return "float"
    return "float" if "float" in (left, right) else "int"


def _logic(node: exp.Expression) -> str:
    for part in (node.this, node.expression) if not isinstance(node, exp.Not) else (node.this,):
        _want(part, infer(part), ("bool", "null"), f"'{node.key.upper()}'")
    return "bool"


def _in(node: exp.In) -> str:
    if node.args.get("query") or node.args.get("unnest") or node.args.get("field"):
        raise ExpressionError(node, "subqueries are not allowed")
    left = infer(node.this)
    _want(node, left, ("int", "float", "str"), "IN")
    for item in node.expressions:
        if not isinstance(item, exp.Literal):
            raise ExpressionError(item, "IN takes a list of literals")
        kind = _literal(item)
        if (kind == "str") != (left == "str"):
            raise ExpressionError(item, f"type mismatch: {left} IN list holds {kind}")
    return "bool"


def _between(node: exp.Between) -> str:
    kinds = [infer(node.this), infer(node.args["low"]), infer(node.args["high"])]
    for kind in kinds:
        _want(node, kind, NUM, "BETWEEN")
    return "bool"


def _like(node: exp.Expression) -> str:
    _want(node, infer(node.this), ("str", "null"), "LIKE")
    if not isinstance(node.expression, exp.Literal) or not node.expression.is_string:
        raise ExpressionError(node, "LIKE needs a string literal pattern")
    return "bool"


def _is(node: exp.Is) -> str:
    if not isinstance(node.expression, exp.Null):
        raise ExpressionError(node, "IS takes only NULL (use = for values)")
    infer(node.this)
    return "bool"


def _function(node: exp.Expression) -> str:
    name = function_name(node)
    if name is None:
        shown = (
            node.name
            if isinstance(node, exp.Anonymous)
            else str(getattr(node, "sql_name", lambda: node.key)())
        )
        allowed = ", ".join(sorted(FUNCTIONS))
        raise ExpressionError(
            node, f"function {shown.lower()!r} is not allowed; allowed: {allowed}"
        )
    from borderwatch.rules.functions import infer_function

    return infer_function(name, node)


def _array(node: exp.Array) -> str:
    for item in node.expressions:
        if not (isinstance(item, exp.Literal) and item.is_string):
            raise ExpressionError(item, "ARRAY literals hold string literals only")
    return "list"


def _neg(node: exp.Neg) -> str:
    kind = infer(node.this)
    _want(node, kind, NUM, "unary minus")
    return kind


_RULES: dict[type[exp.Expression], Callable[..., str]] = {
    exp.Column: _column,
    exp.Literal: _literal,
    exp.Boolean: lambda n: "bool",
    exp.Null: lambda n: "null",
    exp.Paren: lambda n: infer(n.this),
    exp.In: _in,
    exp.Between: _between,
    exp.Like: _like,
    exp.ILike: _like,
    exp.Is: _is,
    exp.Array: _array,
    exp.Neg: _neg,
    **dict.fromkeys((exp.And, exp.Or, exp.Not), _logic),
    **dict.fromkeys(COMPARE, _compare),
    **dict.fromkeys(ARITH, _arith),
}


def infer(node: exp.Expression) -> str:
    """The type of ``node``; raises :class:`ExpressionError` for anything not allowed."""
    rule = _RULES.get(type(node))
    if rule is not None:
        return rule(node)
    if isinstance(node, exp.Func):
        return _function(node)
    if isinstance(node, (exp.Select, exp.Subquery, exp.Query)):
        raise ExpressionError(node, "subqueries and statements are not allowed")
    raise ExpressionError(node, f"{node.key.upper()} ({node.sql()[:40]!r}) is not allowed")


__all__ = ["check_regex", "infer"]
