"""Contract of the sharing package: data categories, message kinds, agreement terms, and
the errors that name the clause or check that failed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from borderwatch.errors import BorderwatchError, Forbidden


class DataCategory(StrEnum):
    """What a field is about. ``personal``: identifies a natural person (name, birth date,
    identifiers); ``commercial``: trade data of companies and goods; ``intelligence``: risk
    findings, scores and reasons, which only officers with the intelligence role may read."""

    PERSONAL = "personal"
    COMMERCIAL = "commercial"
    INTELLIGENCE = "intelligence"


class MessageKind(StrEnum):
    """``alert``: a risk hit needing the partner's action; ``seizure_report``: a seizure,
    non-nominal by default (WCO CEN practice); ``lookout_request``: watchlist entries with an
    expiry that the recipient is asked to screen against."""

    ALERT = "alert"
    SEIZURE_REPORT = "seizure_report"
    LOOKOUT_REQUEST = "lookout_request"


class Direction(StrEnum):
    """Which way an agreement lets data flow: to the partner, from it, or both."""

    OUTBOUND = "outbound"
    INBOUND = "inbound"
    BOTH = "both"


class AgreementTerms(BaseModel):
    """A data-sharing agreement with one partner agency; every field is a clause."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")
    partner: str = Field(min_length=1, max_length=32)
    status: str = Field("active", pattern=r"^(active|suspended)$")
    direction: Direction = Direction.BOTH
    purposes: list[str] = Field(min_length=1)
    kinds: list[MessageKind] = Field(min_length=1)
    categories: list[DataCategory] = Field(min_length=1)
    fields: list[str] = Field(min_length=1)
    pseudonymise: list[str] = Field(default_factory=list)
    redact: list[str] = Field(default_factory=list)
    retention_days: int = Field(ge=1, le=36_500)
    onward_sharing: bool = False
    valid_from: dt.datetime
    expires_at: dt.datetime

    @model_validator(mode="after")
    def _coherent(self) -> AgreementTerms:
        from borderwatch.sharing.fields import FIELDS

        unknown = [f for f in [*self.fields, *self.pseudonymise, *self.redact] if f not in FIELDS]
        if unknown:
            raise ValueError(f"not catalogued field(s): {', '.join(sorted(set(unknown)))}")
        if self.valid_from.tzinfo is None or self.expires_at.tzinfo is None:
            raise ValueError("valid_from and expires_at must carry a time zone")
        if self.expires_at <= self.valid_from:
            raise ValueError("expires_at must be after valid_from")
        return self


@dataclass(frozen=True, slots=True)
class Agency:
    """A registered agency: who it is and the Ed25519 public key its messages verify with."""

    agency_id: str
    name: str
    country: str
    public_key: str
    local: bool


@dataclass(frozen=True, slots=True)
class Agreement:
    """The live version of an agreement as stored."""

    version: int
    terms: AgreementTerms


class SharingRefused(Forbidden):
    """An outbound message stopped by its agreement; ``clause`` names the clause that failed."""

    code = "sharing_refused"

    def __init__(self, clause: str, message: str, **details: Any) -> None:
        super().__init__(f"refused by clause '{clause}': {message}", clause=clause, **details)
        self.clause = clause


class MessageRejected(BorderwatchError):
    """An inbound message rejected: unsigned, forged, expired, unknown or off-agreement;
    ``check`` names the check that failed. The rejection is recorded before this is raised."""

    status = 422
    code = "message_rejected"

    def __init__(self, check: str, message: str, **details: Any) -> None:
        super().__init__(f"rejected ({check}): {message}", check=check, **details)
        self.check = check
