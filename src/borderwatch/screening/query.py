"""Parties as screening reads them: :func:`party` builds a :class:`PartyQuery` from what a
declaration, a CSV row or an API call gives (name cut to :data:`MAX_NAME_CHARS`, identifiers
normalised)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from borderwatch.screening.sources.common import clean_id, imo
from borderwatch.screening.types import PartyQuery

MAX_NAME_CHARS = 300


def party(
    name: str,
    schema: str = "LegalEntity",
    country: str | None = None,
    birth_date: str | None = None,
    identifiers: Mapping[str, str] | Iterable[tuple[str, str]] = (),
    role: str | None = None,
) -> PartyQuery:
    """A :class:`PartyQuery` with identifiers normalised (IMO digits, upper-case ids)."""
    pairs = identifiers.items() if isinstance(identifiers, Mapping) else identifiers
    ids = []
    for kind, value in pairs:
        clean = imo(value) if kind.lower() == "imo" else clean_id(value)
        if clean:
            ids.append((kind.lower(), clean))
    return PartyQuery(
        name[:MAX_NAME_CHARS],
        schema or "LegalEntity",
        country.upper() if country else None,
        birth_date or None,
        tuple(sorted(ids)),
        role,
    )
