"""Turning pydantic's validation errors into Borderwatch field errors (``path: reason``)."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from borderwatch.errors import FieldError, InvalidInput
from borderwatch.model.declaration import Declaration


def _path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part.startswith(("function-after", "function-before", "function-wrap")):
            continue
        else:
            out += ("." if out else "") + ("schema" if part == "schema_" else part)
    return out or "(record)"


def _reason(err: Any) -> str:
    if err["type"] == "json_invalid":
        return f"invalid JSON: {err['ctx']['error']}"
    if err["type"] == "model_type" and not err["loc"]:
        return f"expected a JSON object, got {type(err['input']).__name__}"
    return str(err["msg"]).removeprefix("Value error, ")


def field_errors(exc: ValidationError) -> list[FieldError]:
    """Every error in ``exc`` as a :class:`FieldError` with a dotted path."""
    return [FieldError(_path(tuple(e["loc"])), _reason(e)) for e in exc.errors()]


def validate_declaration(data: Any) -> Declaration:
    """A validated :class:`Declaration`, or :class:`InvalidInput` listing every field error."""
    try:
        return Declaration.model_validate(data)
    except ValidationError as exc:
        ident = data.get("source_id") if isinstance(data, dict) else None
        raise InvalidInput(
            f"declaration {ident or '(no source_id)'} is invalid", field_errors(exc)
        ) from None


def validate_declaration_json(text: str | bytes) -> Declaration:
    """Like :func:`validate_declaration`, parsing JSON text directly (faster for ingest)."""
    try:
        return Declaration.model_validate_json(text)
    except ValidationError as exc:
        raise InvalidInput("declaration is invalid", field_errors(exc)) from None
