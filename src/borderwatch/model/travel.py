"""Result types of traveller targeting that cross engine boundaries: a finding on a travel
document and the explained assessment of one traveller (document findings, watchlist hits,
rule hits), which cases and the API read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from borderwatch.model.rules import RuleHit
from borderwatch.model.screening import ScreeningHit


@dataclass(frozen=True, slots=True)
class DocumentFinding:
    """A problem with a travel document: ``code`` (``expired``, ``check_digit``,
    ``number_format``, ``expires_soon``, ``no_document``), the document number and the
    reason in words."""

    code: str
    document: str
    reason: str


@dataclass(slots=True)
class TravellerAssessment:
    """Everything found on one traveller, each item with its reasons."""

    traveller_id: int | None
    person_key: str
    findings: list[DocumentFinding] = field(default_factory=list)
    hits: list[ScreeningHit] = field(default_factory=list)
    rule_hits: list[RuleHit] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        """Whether anything was found."""
        return bool(self.findings or self.hits or self.rule_hits)

    def reasons(self) -> list[str]:
        """One line per finding, hit and rule hit."""
        out = [f"document {f.document}: {f.reason}" for f in self.findings]
        out += [
            f"watchlist {h.list_name}/{h.entity_id} {h.score:.2f}: {h.explain()}" for h in self.hits
        ]
        out += [h.explanation for h in self.rule_hits]
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "traveller_id": self.traveller_id,
            "person_key": self.person_key,
            "reasons": self.reasons(),
            "rule_hits": [h.to_dict() for h in self.rule_hits],
        }
