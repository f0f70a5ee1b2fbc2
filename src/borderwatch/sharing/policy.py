"""Agreement clauses checked for every message, in and out; each failure names its clause."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from borderwatch.sharing.fields import FIELDS
from borderwatch.sharing.types import Agreement, DataCategory, Direction

Failure = tuple[str, str]


def check_terms(
    agreement: Agreement | None,
    *,
    agreement_id: str,
    partner: str,
    direction: Direction,
    purpose: str,
    kind: str,
    now: dt.datetime,
) -> Failure | None:
    """The first clause of ``agreement`` that forbids this exchange, or None."""
    if agreement is None:
        return "agreement", f"no agreement {agreement_id!r}"
    t = agreement.terms
    # fmt: off
    checks: list[tuple[bool, str, str]] = [
        (t.partner == partner, "partner", f"agreement is with {t.partner!r}, not {partner!r}"),
        (t.status == "active", "status", f"agreement is {t.status}"),
        (now >= t.valid_from, "valid_from", f"agreement starts {t.valid_from.isoformat()}"),
        (now < t.expires_at, "expires_at", f"agreement expired {t.expires_at.isoformat()}"),
        (t.direction in (direction, Direction.BOTH), "direction",
         f"agreement allows {t.direction.value} only"),
        (purpose in t.purposes, "purposes", f"purpose {purpose!r} not in {t.purposes}"),
        (kind in t.kinds, "kinds", f"{kind!r} messages not covered"),
    ]
    # fmt: on
    for ok, clause, why in checks:
        if not ok:
            return clause, why
    return None


def check_content(
    agreement: Agreement, content: Mapping[str, Any], pseudonymised: set[str]
) -> Failure | None:
    """The first field the agreement does not allow (``fields``) or whose category it does
    not allow (``categories``); pseudonymised personal fields need no personal category."""
    t = agreement.terms
    allowed = set(t.fields) | set(t.pseudonymise)
    for name in sorted(content):
        if name not in FIELDS:
            return "fields", f"{name!r} is not a catalogued field"
        if name not in allowed:
            return "fields", f"field {name!r} is not allowed by the agreement"
        cat = FIELDS[name]
        if cat not in t.categories and not (cat == DataCategory.PERSONAL and name in pseudonymised):
            return "categories", f"field {name!r} is {cat.value} data, not allowed"
    return None
