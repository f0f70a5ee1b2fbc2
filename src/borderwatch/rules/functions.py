"""Argument and result types of the allowed functions (see ``validate.FUNCTIONS``)."""

from __future__ import annotations

from sqlglot import exp

from borderwatch.rules.validate import ExpressionError, check_regex

NUMERIC = ("int", "float", "null")


def arguments(node: exp.Expression) -> list[exp.Expression]:
    """The arguments of a function node, in call order."""
    if isinstance(node, (exp.Anonymous, exp.Coalesce, exp.Least, exp.Greatest)):
        head = [] if isinstance(node, exp.Anonymous) else [node.this]
        return [*head, *node.expressions]
    args = [node.this]
    for key in ("expression", "decimals"):
        if node.args.get(key) is not None:
            args.append(node.args[key])
    return args


def _types(node: exp.Expression, name: str, count: int | None) -> list[str]:
    from borderwatch.rules.typing import infer

    args = arguments(node)
    if count is not None and len(args) != count:
        raise ExpressionError(node, f"{name}() takes {count} argument(s), got {len(args)}")
    if not args:
        raise ExpressionError(node, f"{name}() needs arguments")
    return [infer(a) for a in args]


def _expect(node: exp.Expression, name: str, got: list[str], want: list[tuple[str, ...]]) -> None:
    for i, (kind, allowed) in enumerate(zip(got, want, strict=True)):
        if kind not in allowed:
            raise ExpressionError(
                node,
                f"type mismatch: argument {i + 1} of {name}() must be {allowed[0]}, got {kind}",
            )


def _string_literal(node: exp.Expression, name: str) -> str:
    arg = arguments(node)[1]
    if not (isinstance(arg, exp.Literal) and arg.is_string):
        raise ExpressionError(node, f"argument 2 of {name}() must be a string literal")
    return str(arg.this)


def infer_function(name: str, node: exp.Expression) -> str:
    """Check the arguments of allowed function ``name`` and return its result type."""
    if name in ("coalesce", "least", "greatest"):
        kinds = _types(node, name, None)
        known = {k for k in kinds if k != "null"}
        if len(known) > 1 and not known <= {"int", "float"}:
            raise ExpressionError(node, f"type mismatch: {name}() mixes {', '.join(sorted(known))}")
        if name != "coalesce" and not known <= {"int", "float"}:
            raise ExpressionError(node, f"type mismatch: {name}() takes numbers")
        if "list" in known:
            raise ExpressionError(node, f"type mismatch: {name}() does not take lists")
        return "float" if "float" in known else (known.pop() if known else "null")
    result: str = _SIMPLE[name](node, name)
    return result


def _abs(node: exp.Expression, name: str) -> str:
    kind = _types(node, name, 1)
    _expect(node, name, kind, [NUMERIC])
    return kind[0]


def _round(node: exp.Expression, name: str) -> str:
    kinds = _types(node, name, 2)
    _expect(node, name, kinds, [NUMERIC, ("int",)])
    if not isinstance(arguments(node)[1], exp.Literal):
        raise ExpressionError(node, "argument 2 of round() must be an integer literal")
    return "float"


def _text(result: str):  # type: ignore[no-untyped-def]
    def infer(node: exp.Expression, name: str) -> str:
        _expect(node, name, _types(node, name, 1), [("str", "null")])
        return result

    return infer


def _array_contains(node: exp.Expression, name: str) -> str:
    kinds = _types(node, name, 2)
    _expect(node, name, kinds, [("list",), ("str",)])
    _string_literal(node, name)
    return "bool"


def _arrays_overlap(node: exp.Expression, name: str) -> str:
    _expect(node, name, _types(node, name, 2), [("list",), ("list",)])
    first, second = arguments(node)
    if not isinstance(first, exp.Column) or not isinstance(second, exp.Array):
        raise ExpressionError(node, "arrays_overlap() takes a list column and an ARRAY literal")
    return "bool"


def _array_size(node: exp.Expression, name: str) -> str:
    _expect(node, name, _types(node, name, 1), [("list",)])
    return "int"


def _regexp_like(node: exp.Expression, name: str) -> str:
    _expect(node, name, _types(node, name, 2), [("str", "null"), ("str",)])
    problem = check_regex(_string_literal(node, name))
    if problem:
        raise ExpressionError(arguments(node)[1], problem)
    return "bool"


_SIMPLE = {
    "abs": _abs,
    "round": _round,
    "lower": _text("str"),
    "upper": _text("str"),
    "length": _text("int"),
    "array_contains": _array_contains,
    "arrays_overlap": _arrays_overlap,
    "array_size": _array_size,
    "regexp_like": _regexp_like,
}
