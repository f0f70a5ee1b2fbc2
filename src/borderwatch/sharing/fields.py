"""The field catalogue: every field a message may carry, tagged with its data category,
and the privacy operations on message content (redaction, pseudonymisation, role filter).

Message content is a flat mapping of these dotted field names to values.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Mapping
from typing import Any

from borderwatch.settings import get_settings
from borderwatch.sharing.types import DataCategory

C, P, INTEL = DataCategory.COMMERCIAL, DataCategory.PERSONAL, DataCategory.INTELLIGENCE

# fmt: off
FIELDS: dict[str, DataCategory] = {
    **dict.fromkeys(
        ["declaration.source_id", "declaration.type", "declaration.declared_at",
         "declaration.office", "route.place_of_loading", "route.place_of_discharge",
         "route.country_of_dispatch", "route.transshipment", "conveyance.vessel_name",
         "conveyance.imo_number", "equipment.container_number", "goods.hs_code",
         "goods.description", "goods.quantity", "goods.net_mass_kg", "goods.value",
         "goods.origin_country", "company.name", "company.country", "company.eori",
         "seizure.date", "seizure.place", "seizure.goods", "seizure.quantity",
         "seizure.concealment", "seizure.detection"],
        C,
    ),
    **dict.fromkeys(
        ["person.name", "person.birth_date", "person.nationality", "person.address",
         "person.identifiers", "lookout.entries"],
        P,
    ),
    **dict.fromkeys(
        ["risk.score", "risk.reasons", "risk.rule_hits", "risk.screening_hits",
         "alert.reason", "alert.action_requested"],
        INTEL,
    ),
}
# fmt: on

ROLE_CATEGORIES: dict[str, set[DataCategory]] = {
    "viewer": {C},
    "officer": {C, P},
    "analyst": {C, P},
    "intelligence": {C, P, INTEL},
    "privacy_officer": {C, P},
}
PERSONAL_PURPOSES = frozenset(
    {"customs_control", "enforcement", "counter_terrorism", "risk_analysis", "investigation"}
)


def category(name: str) -> DataCategory:
    """The category of a catalogued field (KeyError for an unknown one)."""
    return FIELDS[name]


def pseudonym_key() -> bytes:
    """The key of the pseudonyms this installation issues (derived from the secret key)."""
    return hashlib.sha256(b"borderwatch-pseudonym\n" + get_settings().secret_key.encode()).digest()


def pseudonym(value: Any, key: bytes) -> str:
    """A stable keyed pseudonym: equal inputs give equal outputs, unlinkable without ``key``."""
    digest = hmac.new(key, str(value).strip().casefold().encode(), hashlib.sha256)
    return "PSN-" + digest.hexdigest()[:16]


def minimise(
    content: Mapping[str, Any], redact: Iterable[str], pseudonymise: Iterable[str], key: bytes
) -> tuple[dict[str, Any], set[str]]:
    """Content with redacted fields removed and pseudonymised ones replaced; and the names of
    the fields that were pseudonymised."""
    gone, masked = set(redact), set(pseudonymise) & set(content)
    out: dict[str, Any] = {}
    for name, value in content.items():
        if name in gone:
            continue
        if name in masked:
            value = (
                [pseudonym(v, key) for v in value]
                if isinstance(value, list)
                else pseudonym(value, key)
            )
        out[name] = value
    return out, masked - gone


def readable(roles: Iterable[str], purpose: str | None) -> set[DataCategory]:
    """Categories that holders of ``roles`` may read for ``purpose``: personal data needs a
    role that allows it *and* a purpose that justifies it; intelligence needs its role."""
    allowed: set[DataCategory] = set()
    for role in roles:
        allowed |= ROLE_CATEGORIES.get(role, set())
    if purpose not in PERSONAL_PURPOSES:
        allowed.discard(P)
    return allowed


def filter_view(
    content: Mapping[str, Any], roles: Iterable[str], purpose: str | None
) -> tuple[dict[str, Any], list[str]]:
    """The fields the caller may read, and the names withheld from it."""
    allowed = readable(roles, purpose)
    shown = {k: v for k, v in content.items() if FIELDS.get(k) in allowed}
    return shown, sorted(set(content) - set(shown))
