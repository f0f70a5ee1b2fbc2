"""The contract of the synthetic trade generator: its options, the watchlist entries a caller
hands in, the planted pattern names and the summary of a run."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from borderwatch.errors import FieldError, InvalidInput
from borderwatch.reference import is_locode

SANCTIONED_PARTY = "sanctioned_party"
PRECURSOR_TRANSSHIPMENT = "precursor_transshipment"
WEAPONS_VAGUE = "weapons_vague"
UNDERVALUATION = "undervaluation"
MISCLASSIFICATION = "misclassification"
ORIGIN_ROUTE_MISMATCH = "origin_route_mismatch"

#: Every planted pattern, in the order the summary lists them.
PATTERNS: tuple[str, ...] = (
    SANCTIONED_PARTY,
    PRECURSOR_TRANSSHIPMENT,
    WEAPONS_VAGUE,
    UNDERVALUATION,
    MISCLASSIFICATION,
    ORIGIN_ROUTE_MISMATCH,
)
MAX_COUNT = 10_000_000


@dataclass(frozen=True, slots=True)
class WatchlistEntry:
    """A listed party the ``sanctioned_party`` pattern disguises: its name, FollowTheMoney
    schema (``Person``, ``Company``, ``Organization``, ``Vessel``...), ISO country if known and
    the id of the list entry (so a screening hit can be checked against the truth)."""

    name: str
    schema: str = "Company"
    country: str | None = None
    list_id: str = ""


@dataclass(frozen=True, slots=True)
class Options:
    """What to generate: how many declarations, from which seed, over which dates, at which
    offices (UN/LOCODE of the port, optionally followed by an office suffix such as
    ``NLRTM001``), and the share of declarations carrying a planted pattern."""

    count: int
    seed: int = 0
    start: dt.date = dt.date(2024, 1, 1)
    days: int = 365
    offices: tuple[str, ...] = ("NLRTM",)
    threat_rate: float = 0.003

    def check(self) -> None:
        """Raise :class:`InvalidInput` listing every bad option."""
        errors = []
        if not 1 <= self.count <= MAX_COUNT:
            errors.append(FieldError("count", f"must be between 1 and {MAX_COUNT:,}"))
        if not 1 <= self.days <= 3660:
            errors.append(FieldError("days", "must be between 1 and 3660"))
        if not 0.0 <= self.threat_rate <= 0.5:
            errors.append(FieldError("threat_rate", "must be between 0 and 0.5"))
        if self.seed < 0:
            errors.append(FieldError("seed", "must not be negative"))
        if not self.offices:
            errors.append(FieldError("offices", "name at least one office"))
        for office in self.offices:
            if len(office) > 17 or not is_locode(office[:5].upper()):
                errors.append(FieldError("offices", f"{office!r} does not start with a UN/LOCODE"))
        if errors:
            raise InvalidInput("invalid generator options", errors)


@dataclass(slots=True)
class GenerationSummary:
    """What a run produced: declarations, planted patterns by name, the historical
    inspection sample, and patterns that were skipped with the reason."""

    count: int = 0
    seed: int = 0
    planted: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PATTERNS, 0))
    inspected: int = 0
    irregularities: int = 0
    skipped: dict[str, str] = field(default_factory=dict)

    @property
    def threats(self) -> int:
        """Declarations carrying a planted pattern."""
        return sum(self.planted.values())

    def to_dict(self) -> dict[str, Any]:
        """The summary as plain JSON-ready data."""
        return {
            "count": self.count,
            "seed": self.seed,
            "planted": dict(self.planted),
            "threats": self.threats,
            "inspected": self.inspected,
            "irregularities": self.irregularities,
            "skipped": dict(self.skipped),
        }
