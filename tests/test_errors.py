"""One error body shape for every Borderwatch error."""

from __future__ import annotations

import pytest

from borderwatch.errors import (
    BorderwatchError,
    Conflict,
    FieldError,
    Forbidden,
    InvalidInput,
    NotFound,
    SourceUnreadable,
)


@pytest.mark.parametrize(
    ("cls", "status"),
    [
        (InvalidInput, 422),
        (NotFound, 404),
        (Conflict, 409),
        (Forbidden, 403),
        (SourceUnreadable, 400),
        (BorderwatchError, 500),
    ],
)
def test_status_and_body_shape(cls: type[BorderwatchError], status: int) -> None:
    exc = cls("went wrong")
    assert exc.status == status
    body = exc.to_dict()
    assert set(body) == {"error", "message", "details"}
    assert body["message"] == "went wrong"


def test_invalid_input_lists_every_field_error() -> None:
    exc = InvalidInput("bad", [FieldError("a.b", "too big"), FieldError("c", "missing")])
    assert exc.to_dict()["details"]["errors"] == [
        {"path": "a.b", "reason": "too big"},
        {"path": "c", "reason": "missing"},
    ]
    assert "a.b: too big" in str(exc) and "c: missing" in str(exc)
