"""The agency and agreement registry: append-only, every change audited with who and why."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Connection, Engine, func, insert, select, update

from borderwatch.audit import Action, AuditEvent, record
from borderwatch.errors import FieldError, InvalidInput, NotFound
from borderwatch.sharing.keys import check_public_key
from borderwatch.sharing.types import Agency, Agreement, AgreementTerms
from borderwatch.store.sharing import sharing_agencies, sharing_agreements

_AGENCY_ID = re.compile(r"^[A-Z0-9][A-Z0-9._-]{1,31}$")


def register_agency(engine: Engine, agency: Agency, *, actor: str, reason: str) -> Agency:
    """Add an agency or supersede its live row (a new key, a new name)."""
    errors = []
    if not _AGENCY_ID.match(agency.agency_id):
        errors.append(FieldError("agency_id", "2-32 of A-Z, 0-9, '.', '_', '-'"))
    if not agency.name.strip():
        errors.append(FieldError("name", "required"))
    if not re.fullmatch(r"[A-Z]{2}", agency.country):
        errors.append(FieldError("country", "ISO 3166 alpha-2 code required"))
    if problem := check_public_key(agency.public_key):
        errors.append(FieldError("public_key", problem))
    if errors:
        raise InvalidInput(f"agency {agency.agency_id!r} rejected", errors)
    now = dt.datetime.now(dt.UTC)
    with engine.begin() as conn:
        live = sharing_agencies.c.agency_id == agency.agency_id
        conn.execute(
            update(sharing_agencies)
            .where(live, sharing_agencies.c.superseded_at.is_(None))
            .values(superseded_at=now)
        )
        conn.execute(
            insert(sharing_agencies).values(
                agency_id=agency.agency_id,
                name=agency.name,
                country=agency.country,
                public_key=agency.public_key,
                local=agency.local,
                recorded_at=now,
                recorded_by=actor,
                reason=reason,
            )
        )
        record(
            conn,
            AuditEvent(
                actor,
                Action.AGENCY_REGISTER,
                "agency",
                agency.agency_id,
                details={"reason": reason, "local": agency.local, "public_key": agency.public_key},
            ),
        )
    return agency


def get_agency(conn: Connection | Engine, agency_id: str) -> Agency | None:
    """The live registration of ``agency_id``, or None."""
    query = select(sharing_agencies).where(
        sharing_agencies.c.agency_id == agency_id, sharing_agencies.c.superseded_at.is_(None)
    )
    row = _one(conn, query)
    if row is None:
        return None
    return Agency(row.agency_id, row.name, row.country, row.public_key, bool(row.local))


def local_agency(conn: Connection | Engine) -> Agency:
    """Our own agency (the one registered with ``local``); NotFound if none is."""
    query = select(sharing_agencies.c.agency_id).where(
        sharing_agencies.c.local.is_(True), sharing_agencies.c.superseded_at.is_(None)
    )
    row = _one(conn, query)
    found = get_agency(conn, row.agency_id) if row else None
    if found is None:
        raise NotFound("no local agency registered: register ours with --local first")
    return found


def parse_terms(data: dict[str, Any]) -> AgreementTerms:
    """Agreement terms from a mapping (YAML or JSON); every bad clause is named."""
    try:
        return AgreementTerms.model_validate(data)
    except ValidationError as exc:
        errors = [
            FieldError(".".join(str(p) for p in e["loc"]) or "agreement", e["msg"])
            for e in exc.errors()
        ]
        raise InvalidInput("agreement rejected", errors) from None


def record_agreement(
    engine: Engine, terms: AgreementTerms, *, actor: str, reason: str
) -> Agreement:
    """Store ``terms`` as the new live version of its agreement (the old one superseded)."""
    now = dt.datetime.now(dt.UTC)
    with engine.begin() as conn:
        if get_agency(conn, terms.partner) is None:
            raise InvalidInput(
                "agreement rejected", [FieldError("partner", f"unknown agency {terms.partner!r}")]
            )
        same = sharing_agreements.c.agreement_id == terms.id
        version = (
            conn.execute(select(func.max(sharing_agreements.c.version)).where(same)).scalar() or 0
        ) + 1
        conn.execute(
            update(sharing_agreements)
            .where(same, sharing_agreements.c.superseded_at.is_(None))
            .values(superseded_at=now)
        )
        conn.execute(
            insert(sharing_agreements).values(
                agreement_id=terms.id,
                version=version,
                agency_id=terms.partner,
                terms=terms.model_dump(mode="json"),
                recorded_at=now,
                recorded_by=actor,
                reason=reason,
            )
        )
        record(
            conn,
            AuditEvent(
                actor,
                Action.AGREEMENT_RECORD,
                "agreement",
                terms.id,
                details={
                    "version": version,
                    "reason": reason,
                    "terms": terms.model_dump(mode="json"),
                },
            ),
        )
    return Agreement(version, terms)


def get_agreement(conn: Connection | Engine, agreement_id: str) -> Agreement | None:
    """The live version of ``agreement_id``, or None."""
    query = select(sharing_agreements).where(
        sharing_agreements.c.agreement_id == agreement_id,
        sharing_agreements.c.superseded_at.is_(None),
    )
    row = _one(conn, query)
    return Agreement(row.version, AgreementTerms.model_validate(row.terms)) if row else None


def _one(conn: Connection | Engine, query: Any) -> Any:
    if isinstance(conn, Connection):
        return conn.execute(query).first()
    with conn.connect() as c:
        return c.execute(query).first()
