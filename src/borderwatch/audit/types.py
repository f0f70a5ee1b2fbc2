"""Typed records of the audit trail: the event a caller records, the entry it becomes, and
the results of verifying the chain or checking it against an exported anchor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from borderwatch.errors import Conflict


class Action(StrEnum):
    """Actions Borderwatch records; other packages may use any dotted lower-case name too.

    ``read.personal``: personal data shown to someone; ``decision`` and ``override``: a lane
    or case decision and a human override of one; ``share.out`` / ``share.in``: a message
    sent to or accepted from a partner; ``share.refused``: an outbound message stopped by its
    agreement; ``share.rejected``: an inbound message rejected (unsigned, forged, expired,
    unknown); ``share.fetch``: a partner read its messages; ``privacy.purge``: personal data
    pseudonymised after its retention period; ``agency.register``, ``agreement.record``,
    ``credential.issue`` and ``credential.revoke``: changes to the sharing registry.
    """

    READ_PERSONAL = "read.personal"
    DECISION = "decision"
    OVERRIDE = "override"
    SHARE_OUT = "share.out"
    SHARE_IN = "share.in"
    SHARE_REFUSED = "share.refused"
    SHARE_REJECTED = "share.rejected"
    SHARE_FETCH = "share.fetch"
    PRIVACY_PURGE = "privacy.purge"
    AGENCY_REGISTER = "agency.register"
    AGREEMENT_RECORD = "agreement.record"
    CREDENTIAL_ISSUE = "credential.issue"
    CREDENTIAL_REVOKE = "credential.revoke"


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """Something to record: who did what to which subject, for what purpose, when.

    ``details`` must be JSON (string keys); it is stored as canonical JSON and hashed.
    ``at`` defaults to the time of recording and must carry a time zone when given.
    """

    actor: str
    action: str
    subject_type: str
    subject_id: str
    purpose: str | None = None
    details: Mapping[str, Any] = field(default_factory=dict)
    at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One stored entry of the chain: its position, time, content and hashes."""

    seq: int
    at: dt.datetime
    actor: str
    action: str
    subject_type: str
    subject_id: str
    purpose: str | None
    details: dict[str, Any]
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class VerifyResult:
    """Outcome of walking the chain: ``ok``, how many entries were checked, and the first
    bad entry (``first_bad``, its ``seq``) with the ``reason`` when not ok."""

    ok: bool
    checked: int
    head_seq: int
    head_hash: str
    first_bad: int | None = None
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "checked": self.checked,
            "head_seq": self.head_seq,
            "head_hash": self.head_hash,
            "first_bad": self.first_bad,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class Anchor:
    """The chain head at one moment, kept outside the database (printed, mailed, notarised)
    so that a later truncation or rewrite of the log shows."""

    seq: int
    hash: str
    exported_at: dt.datetime

    def to_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "hash": self.hash, "exported_at": self.exported_at.isoformat()}


class ChainBroken(Conflict):
    """The audit log failed verification or its anchor check; the message names the entry."""

    code = "audit_chain_broken"
