"""The screening contract: list entries, versioned lists and the parties screened."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import orjson

SCHEMAS = ("Person", "Company", "Organization", "Vessel", "LegalEntity")


@dataclass(slots=True)
class ListEntry:
    """One listed person, company, organisation or vessel.

    ``names`` holds the primary name first, then aliases (Latin or original script);
    ``identifiers`` maps a kind (``imo``, ``passport``, ``tin``, ``id``) to normalised values.
    """

    entity_id: str
    schema: str
    names: list[str]
    countries: set[str] = field(default_factory=set)
    birth_dates: set[str] = field(default_factory=set)
    identifiers: dict[str, set[str]] = field(default_factory=dict)
    programs: list[str] = field(default_factory=list)

    @property
    def caption(self) -> str:
        """The primary name."""
        return self.names[0] if self.names else self.entity_id

    def fingerprint(self) -> str:
        """A hash of every field that matters for matching; it changes when the entry does."""
        body = {
            "schema": self.schema,
            "names": self.names,
            "countries": sorted(self.countries),
            "birth_dates": sorted(self.birth_dates),
            "identifiers": {k: sorted(v) for k, v in sorted(self.identifiers.items())},
        }
        return hashlib.sha256(orjson.dumps(body)).hexdigest()[:16]


@dataclass(slots=True)
class ScreeningList:
    """A loaded list: its name, version (content hash of the source files) and entries."""

    name: str
    version: str
    source: str
    entries: dict[str, ListEntry]

    def fingerprints(self) -> dict[str, str]:
        """Entity id to entry fingerprint, for computing deltas between versions."""
        return {k: e.fingerprint() for k, e in self.entries.items()}

    def only(self, ids: frozenset[str]) -> ScreeningList:
        """This list version with only the entries ``ids``."""
        entries = {k: v for k, v in self.entries.items() if k in ids}
        return ScreeningList(self.name, self.version, self.source, entries)


@dataclass(frozen=True, slots=True)
class ListDelta:
    """What changed between two versions of one list."""

    list_name: str
    old_version: str | None
    new_version: str
    added: frozenset[str]
    removed: frozenset[str]
    changed: frozenset[str]

    @property
    def touched(self) -> frozenset[str]:
        """Every entity id whose hits may differ under the new version."""
        return self.added | self.removed | self.changed


@dataclass(frozen=True, slots=True)
class PartyQuery:
    """A party to screen, as it appears on a declaration."""

    name: str
    schema: str = "LegalEntity"
    country: str | None = None
    birth_date: str | None = None
    identifiers: tuple[tuple[str, str], ...] = ()
    role: str | None = None

    def key(self) -> tuple[object, ...]:
        """The cache key of the party: equal keys screen alike."""
        return (
            self.name.casefold().strip(),
            self.schema,
            self.country,
            self.birth_date,
            self.identifiers,
        )


def list_delta(old: ScreeningList | None, new: ScreeningList) -> ListDelta:
    """Entity ids added, removed and changed between two versions of a list."""
    before = old.fingerprints() if old else {}
    after = new.fingerprints()
    return ListDelta(
        new.name,
        old.version if old else None,
        new.version,
        frozenset(after.keys() - before.keys()),
        frozenset(before.keys() - after.keys()),
        frozenset(k for k in after.keys() & before.keys() if after[k] != before[k]),
    )
