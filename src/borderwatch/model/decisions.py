"""Lane decisions: the result type of selectivity, read by cases, reporting and the API.

A :class:`Decision` carries every reason that made it (rule ids and versions, screening hits
with list versions, the model version and its top reason codes, the random flag, capacity and
failed components) and the versions it was made with, so that it can be explained to an
officer, a court and an auditor, and re-made with the same versions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple


class Lane(StrEnum):
    """What customs does with a declaration.

    ``green``: release without control; ``yellow``: documentary check; ``red``: physical
    inspection or non-intrusive scan; ``hold``: do not load / do not release, for confirmed
    sanctions hits or prohibited goods on a pre-loading filing (EU ICS2 entry summary).
    """

    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    HOLD = "hold"

    @property
    def rank(self) -> int:
        """0 for green up to 3 for hold: a higher rank is a stronger control."""
        return _RANK[self]

    @property
    def selected(self) -> bool:
        """True for every lane but green (the declaration is controlled)."""
        return self is not Lane.GREEN

    @staticmethod
    def strongest(*lanes: Lane) -> Lane:
        """The strongest of ``lanes`` (green when none is given)."""
        return max(lanes, key=_RANK.__getitem__, default=Lane.GREEN)


_RANK = {Lane.GREEN: 0, Lane.YELLOW: 1, Lane.RED: 2, Lane.HOLD: 3}


class Basis(StrEnum):
    """The one main reason a lane was chosen, for reporting hit rates by selection reason.

    ``hold``: a confirmed sanctions hit or prohibited goods on a pre-loading filing;
    ``sanctions``: a confirmed sanctions hit on any other filing; ``mandatory``: a mandatory
    or lane-forcing rule fired; ``fallback``: a component failed and the policy's safe lane
    applies; ``random``: the unbiased control sample; ``risk``: risk above the policy's
    thresholds and within capacity; ``none``: released; ``override``: an officer's decision.
    """

    HOLD = "hold"
    SANCTIONS = "sanctions"
    MANDATORY = "mandatory"
    FALLBACK = "fallback"
    RANDOM = "random"
    RISK = "risk"
    NONE = "none"
    OVERRIDE = "override"


class ReasonKind(StrEnum):
    """Where a reason comes from.

    ``rule``: a rule hit (code = rule id, version = rule version); ``screening``: a party hit
    (code = ``list:entity``, version = list version); ``goods``: a controlled-goods flag;
    ``model``: a model reason code (version = model version); ``random``: the control sample
    draw (version = policy version); ``aeo``: authorised economic operator facilitation;
    ``capacity``: risk over the day's capacity (overflow); ``component``: a failed component;
    ``override``: an officer's override.
    """

    RULE = "rule"
    SCREENING = "screening"
    GOODS = "goods"
    MODEL = "model"
    RANDOM = "random"
    AEO = "aeo"
    CAPACITY = "capacity"
    COMPONENT = "component"
    OVERRIDE = "override"


class DecisionReason(NamedTuple):
    """One reason of a decision: its kind, a stable code, the version of what produced it, a
    readable sentence and its weight (a rule weight, hit score or log-odds contribution).

    An immutable named tuple: a decision has several and a batch makes them by the hundred
    thousand (about half the cost of a frozen dataclass to make and to pickle)."""

    kind: ReasonKind
    code: str
    version: str
    text: str
    weight: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "kind": self.kind.value,
            "code": self.code,
            "version": self.version,
            "text": self.text,
            "weight": self.weight,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DecisionReason:
        """The reason of :meth:`to_dict` output."""
        return cls(
            ReasonKind(data["kind"]),
            str(data["code"]),
            str(data["version"]),
            str(data["text"]),
            float(data["weight"]),
        )


@dataclass(frozen=True, slots=True)
class Versions:
    """Versions a decision was made with: policy, rule set fingerprint, model, lists."""

    policy: str
    rules: str
    model: str | None
    lists: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "policy": self.policy,
            "rules": self.rules,
            "model": self.model,
            "lists": dict(self.lists),
        }


@dataclass(frozen=True, slots=True)
class Decision:
    """The lane of one declaration and everything that explains it.

    ``risk_lane`` is the lane the evidence asked for before capacity, random sampling and
    fallbacks; ``overflow`` is true when capacity gave a weaker lane than ``risk_lane``;
    ``random`` marks the control sample; ``failed`` names components that failed (the lane
    is then at least the policy's safe lane).
    """

    source_id: str
    office: str
    declaration_type: str
    lodged_at: dt.datetime
    lane: Lane
    risk_lane: Lane
    basis: Basis
    score: float
    expected_value: float
    random: bool
    overflow: bool
    aeo: bool
    reasons: tuple[DecisionReason, ...]
    versions: Versions
    failed: tuple[str, ...] = ()
    decided_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    decided_by: str = "system"

    def comparable(self) -> dict[str, Any]:
        """Everything but the decision time: equal for equal input and versions."""
        out = self.to_dict()
        out.pop("decided_at")
        return out

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "source_id": self.source_id,
            "office": self.office,
            "declaration_type": self.declaration_type,
            "lodged_at": self.lodged_at.isoformat(),
            "lane": self.lane.value,
            "risk_lane": self.risk_lane.value,
            "basis": self.basis.value,
            "score": self.score,
            "expected_value": self.expected_value,
            "random": self.random,
            "overflow": self.overflow,
            "aeo": self.aeo,
            "reasons": [r.to_dict() for r in self.reasons],
            "versions": self.versions.to_dict(),
            "failed": list(self.failed),
            "decided_at": self.decided_at.isoformat(),
            "decided_by": self.decided_by,
        }
