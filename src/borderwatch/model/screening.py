"""Result types of screening that cross engine boundaries: party hits and goods flags.

Light ``__slots__`` dataclasses, quick to create in the millions on the hot path and turned
into API models only at the edge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ReviewDecision(StrEnum):
    """An analyst's decision on a screening hit: ``confirmed``, the party is the listed
    entity; ``dismissed``, a false positive, suppressed for that party and list entry until
    the entry changes."""

    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"


@dataclass(frozen=True, slots=True)
class FeatureScore:
    """One feature's part in a hit's score: its name, value in [-1, 1], weight, the public
    explanation (the docstring of the feature function) and what this hit's value rests on
    (for name similarity: each word pair and its rule)."""

    name: str
    value: float
    weight: float
    explanation: str
    detail: str = ""

    @property
    def contribution(self) -> float:
        """What the feature added to (or, negative, took from) the score."""
        return self.value * self.weight


@dataclass(frozen=True, slots=True)
class ScreeningHit:
    """A party that resembles a list entry, with the evidence for and against.

    ``entity_id`` is the list's own identifier (UN reference number such as ``QDi.001``,
    OFAC ``ent_num``, FollowTheMoney id); ``list_version`` is the version the hit was made
    with; ``entry_hash`` fingerprints the entry, so a dismissal stops applying when it changes.
    ``suppressed`` hits were dismissed by an analyst for this party and entry; ``review``
    says by whom, when and why.
    """

    list_name: str
    list_version: str
    entity_id: str
    entry_hash: str
    schema: str
    caption: str
    matched_name: str
    query_name: str
    score: float
    features: tuple[FeatureScore, ...] = field(default=())
    suppressed: bool = False
    review: str | None = None

    def explain(self) -> str:
        """One line: the matched alias, every feature that moved the score (with what its
        value rests on) and, when an analyst reviewed the hit, the review (``suppressed``
        when dismissed)."""
        parts = [
            f"{f.name}={f.contribution:+.2f}" + (f" [{f.detail}]" if f.detail else "")
            for f in self.features
            if f.value
        ]
        text = f"matched {self.matched_name!r}: " + ", ".join(parts)
        if self.review:
            text += ("; suppressed: " if self.suppressed else "; review: ") + self.review
        return text


@dataclass(frozen=True, slots=True)
class GoodsFlag:
    """A goods item that matches a controlled-goods reference entry.

    ``reference`` names the file and entry (``explosives_precursors.csv#2``), ``category`` the
    control (arms, explosives, explosives_precursor, chemical_weapons, radioactive) and
    ``matched_on`` the evidence: ``hs_code``, ``cas_number`` or ``keyword``.
    """

    category: str
    reference: str
    entry: str
    matched_on: str
    evidence: str
