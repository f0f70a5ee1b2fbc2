"""One exception tree for Borderwatch, each class with the HTTP status it maps to.

Service code raises these; the API maps them to HTTP in one place and the CLI prints them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class FieldError:
    """One problem with one field: where (a dotted path such as ``goods[0].hs_code``) and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class BorderwatchError(Exception):
    """Root of every error Borderwatch raises on purpose."""

    status: int = 500
    code: str = "error"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def to_dict(self) -> dict[str, Any]:
        """The one error body shape used by the API and by ``--json`` output."""
        return {"error": self.code, "message": self.message, "details": self.details}


class InvalidInput(BorderwatchError):
    """Input that breaks the rules; ``errors`` lists every field problem found at once."""

    status = 422
    code = "invalid_input"

    def __init__(self, message: str, errors: list[FieldError] | None = None, **details: Any):
        self.errors = list(errors or [])
        super().__init__(
            message, errors=[{"path": e.path, "reason": e.reason} for e in self.errors], **details
        )

    def __str__(self) -> str:
        if not self.errors:
            return self.message
        return self.message + "\n" + "\n".join(f"  - {e}" for e in self.errors)


class SourceUnreadable(BorderwatchError):
    """A whole input (file, stream, list) cannot be read at all."""

    status = 400
    code = "source_unreadable"


class NotFound(BorderwatchError):
    """The thing asked for does not exist."""

    status = 404
    code = "not_found"


class Conflict(BorderwatchError):
    """The request clashes with the current state (a stale version, a duplicate)."""

    status = 409
    code = "conflict"


class Forbidden(BorderwatchError):
    """The caller may not do this (role, office, four-eyes principle)."""

    status = 403
    code = "forbidden"


class StoreError(BorderwatchError):
    """The database failed; the failing statement is attached where known."""

    status = 503
    code = "store_error"
