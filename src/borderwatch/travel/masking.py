"""Pseudonyms for PNR and API data: a traveller or booking payload with its identity replaced
by salted-hash pseudonyms (equal values keep equal pseudonyms, so links survive masking)."""

from __future__ import annotations

import hashlib
from typing import Any

MASKED = "MASKED"


def pseudonym(value: str, salt: str) -> str:
    """A stable pseudonym of ``value`` (the first 16 hex digits of a salted SHA-256)."""
    return "P-" + hashlib.sha256(f"{salt}\x00{value}".encode()).hexdigest()[:16]


def mask_person(person: dict[str, Any], salt: str) -> dict[str, Any]:
    """A traveller payload with its identity replaced by pseudonyms."""
    out = dict(person)
    out["surname"] = pseudonym(f"{person.get('surname')}/{person.get('given_names')}", salt)
    out["given_names"] = MASKED
    out["documents"] = [
        {**d, "number": pseudonym(str(d.get("number")), salt), "mrz": None}
        for d in person.get("documents") or []
    ]
    return out


def mask_booking(payload: dict[str, Any], salt: str) -> dict[str, Any]:
    """A booking payload with names, contacts, cards and addresses pseudonymised."""
    out = dict(payload)
    for key in ("phones", "emails", "cards", "addresses"):
        out[key] = [pseudonym(str(v), salt) for v in payload.get(key) or []]
    out["travellers"] = [mask_person(p, salt) for p in payload.get("travellers") or []]
    return out
