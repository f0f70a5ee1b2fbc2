"""Models of the HTTP edge: what the API accepts and returns (service results are turned
into these only here)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field


class ErrorBody(BaseModel):
    """The one error body of every API error."""

    error: str = Field(description="A stable code: invalid_input, not_found, forbidden, ...")
    message: str
    details: dict[str, Any]


ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": text}
    for status, text in (
        (401, "Not authenticated"),
        (403, "Role or office does not allow this"),
        (422, "Invalid input: every field error listed"),
    )
}


class TokenOut(BaseModel):
    """An OAuth2 bearer token."""

    access_token: str
    token_type: str = "bearer"
    expires_in: int


class UserOut(BaseModel):
    """The authenticated user."""

    username: str
    full_name: str
    role: str
    office: str | None
    demo: bool
    permissions: list[str]


class DeclarationSummary(BaseModel):
    """One live declaration version, with its live lane if it has been assessed."""

    source_id: str
    version: int
    type: str
    declared_at: dt.datetime
    office: str
    place_of_loading: str | None
    place_of_discharge: str | None
    country_of_dispatch: str | None
    lane: str | None = None


class DeclarationDetail(DeclarationSummary):
    """A declaration with its content, earlier versions and decision history."""

    payload: dict[str, Any]
    versions: list[int]
    decisions: list[dict[str, Any]]


class QueueItem(BaseModel):
    """A selected declaration waiting for a targeting officer."""

    source_id: str
    office: str
    lane: str
    basis: str
    score: float
    lodged_at: dt.datetime
    reasons: list[dict[str, Any]]
    claimed_by: str | None


class ExpressionIn(BaseModel):
    """A rule expression to validate."""

    expression: str = Field(min_length=1, max_length=20_000)


class ValidationOut(BaseModel):
    """Whether an expression is valid, the columns it reads, or every problem."""

    valid: bool
    columns: list[str]
    errors: list[dict[str, str]]


class RuleOut(BaseModel):
    """One stored rule version and its state."""

    id: str
    version: int
    state: str
    shadow: bool
    title: str
    expression: str
    created_by: str
    created_at: dt.datetime
    spec: dict[str, Any]


class RuleDecisionIn(BaseModel):
    """Approval or activation of a rule version (the latest eligible one if omitted)."""

    version: int | None = Field(None, ge=1, le=1_000_000)
    reason: str = Field("approved", min_length=1, max_length=500)
    shadow: bool = False


class BacktestIn(BaseModel):
    """A backtest of a stored rule (its latest version) or of an ad hoc expression."""

    rule_id: str | None = Field(None, max_length=48)
    expression: str | None = Field(None, min_length=1, max_length=20_000)
    start: dt.date
    end: dt.date
    warmup_days: int = Field(365, ge=0, le=3650)


class PartyIn(BaseModel):
    """A party to screen against the watchlists."""

    name: str = Field(min_length=1, max_length=500)
    schema_: str = Field("LegalEntity", alias="schema", pattern=r"^[A-Z][A-Za-z]{1,31}$")
    country: str | None = Field(None, pattern=r"^[A-Z]{2}$")


class HitOut(BaseModel):
    """A screening hit, with the list alias it matched and its explanation."""

    list_name: str
    list_version: str
    entity_id: str
    caption: str
    matched_name: str
    score: float
    explanation: str
    suppressed: bool = False


class CaseOpenIn(BaseModel):
    """Open a case on a declaration, giving how it was detected."""

    source_id: str = Field(min_length=1, max_length=64)
    detection: dict[str, Any] = Field(description="rules, screening_hits, score, random, other")
    reason: str = Field("", max_length=2000)


class InspectIn(BaseModel):
    """An inspection of a case's goods."""

    version: int = Field(ge=1, le=1_000_000)
    type: str = Field(min_length=1, max_length=32)
    place: str = Field(min_length=1, max_length=500)
    notes: str = Field("", max_length=4000)


class ActionRequest(BaseModel):
    """An enforcement action on a case, with its legal basis (see ``cases.ActionIn``)."""

    version: int = Field(ge=1, le=1_000_000)
    action: dict[str, Any]


class AssignIn(BaseModel):
    """Assign a case to an officer."""

    version: int = Field(ge=1, le=1_000_000)
    officer: str = Field(min_length=1, max_length=64)
    reason: str = Field("assigned", max_length=500)


class ReviewIn(PartyIn):
    """An officer's review of one hit of a party: confirm a true match or dismiss it."""

    list_name: str = Field(min_length=1, max_length=64)
    entity_id: str = Field(min_length=1, max_length=128)
    decision: str = Field(pattern=r"^(confirmed|dismissed)$")
    reason: str = Field(min_length=1, max_length=2000)


class ReviewOut(BaseModel):
    """A stored review of a hit."""

    party_key: str
    list_name: str
    entity_id: str
    list_version: str
    decision: str
    reason: str
    recorded_by: str
    recorded_at: dt.datetime
