"""Sharing test set-up: our agency (NL-CUSTOMS) and a partner (BE-CUSTOMS), each with a key,
and an agreement builder whose keyword arguments replace clauses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from joserfc.jwk import OKPKey
from sqlalchemy import Engine

from borderwatch.sharing import (
    Agency,
    AgreementTerms,
    generate_key,
    load_private_key,
    parse_terms,
    record_agreement,
    register_agency,
)

NOW = dt.datetime.now(dt.UTC)
ME, PARTNER = "NL-CUSTOMS", "BE-CUSTOMS"


def terms(**overrides: Any) -> AgreementTerms:
    # fmt: off
    data: dict[str, Any] = {
        "id": "AGR-1", "partner": PARTNER, "purposes": ["counter_terrorism"],
        "kinds": ["alert", "seizure_report", "lookout_request"],
        "categories": ["commercial", "intelligence"],
        "fields": ["declaration.source_id", "goods.hs_code", "goods.description",
                   "seizure.quantity", "alert.reason", "lookout.entries", "company.name"],
        "pseudonymise": ["person.name"], "redact": ["person.identifiers"],
        "retention_days": 365, "valid_from": (NOW - dt.timedelta(days=1)).isoformat(),
        "expires_at": (NOW + dt.timedelta(days=365)).isoformat(),
    }
    # fmt: on
    data.update(overrides)
    return parse_terms(data)


def install(
    engine: Engine, tmp: Path, me: str = ME, partner: str = PARTNER, partner_key: str | None = None
) -> tuple[OKPKey, str]:
    """Register ``me`` (local) and ``partner``; returns our private key and public key."""
    public = generate_key(tmp / f"{me}.pem")
    register_agency(
        engine, Agency(me, "Customs NL", "NL", public, True), actor="admin", reason="set-up"
    )
    other = partner_key or generate_key(tmp / f"{partner}.pem")
    register_agency(
        engine, Agency(partner, "Partner", "BE", other, False), actor="admin", reason="set-up"
    )
    return load_private_key(tmp / f"{me}.pem"), public


def agree(engine: Engine, **overrides: Any) -> None:
    record_agreement(engine, terms(**overrides), actor="admin", reason="signed")
