"""Transport without a web framework: message files, and the service functions the partner
HTTP endpoints call (scoped credentials, a partner's own messages, submitting a message).

Credentials are ``bwp_<token id>_<secret>``; only an Argon2 hash of the secret is stored.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from sqlalchemy import Engine, insert, select, update

from borderwatch.audit import Action, AuditEvent, record
from borderwatch.errors import FieldError, Forbidden, InvalidInput, NotFound, SourceUnreadable
from borderwatch.sharing.inbound import InboundMessage, receive
from borderwatch.sharing.registry import get_agency
from borderwatch.sharing.types import MessageRejected
from borderwatch.store.sharing import sharing_credentials, sharing_messages

SCOPES = frozenset({"messages:read", "messages:submit"})
_HASHER = PasswordHasher()


@dataclass(frozen=True, slots=True)
class PartnerCredential:
    """An authenticated partner: which agency, and what it may do."""

    token_id: str
    agency_id: str
    scopes: frozenset[str]


def issue_credential(
    engine: Engine, agency_id: str, scopes: Iterable[str], *, actor: str, days: int = 90
) -> str:
    """A new credential for ``agency_id`` (returned once, never stored in clear)."""
    wanted = set(scopes)
    errors = [FieldError("scopes", f"unknown scope {s!r}") for s in sorted(wanted - SCOPES)]
    if get_agency(engine, agency_id) is None:
        errors.append(FieldError("agency_id", f"unknown agency {agency_id!r}"))
    if errors or not wanted:
        raise InvalidInput("credential refused", errors or [FieldError("scopes", "required")])
    token_id, secret = secrets.token_hex(8), secrets.token_urlsafe(32)
    now = dt.datetime.now(dt.UTC)
    with engine.begin() as conn:
        conn.execute(
            insert(sharing_credentials).values(
                token_id=token_id,
                agency_id=agency_id,
                secret_hash=_HASHER.hash(secret),
                scopes=sorted(wanted),
                issued_at=now,
                issued_by=actor,
                expires_at=now + dt.timedelta(days=days),
            )
        )
        record(
            conn,
            AuditEvent(
                actor,
                Action.CREDENTIAL_ISSUE,
                "agency",
                agency_id,
                details={"token_id": token_id, "scopes": sorted(wanted)},
            ),
        )
    return f"bwp_{token_id}_{secret}"


def revoke_credential(engine: Engine, token_id: str, *, actor: str) -> None:
    """Revoke a credential at once."""
    now = dt.datetime.now(dt.UTC)
    with engine.begin() as conn:
        done = conn.execute(
            update(sharing_credentials)
            .where(
                sharing_credentials.c.token_id == token_id,
                sharing_credentials.c.revoked_at.is_(None),
            )
            .values(revoked_at=now, revoked_by=actor)
        ).rowcount
        if not done:
            raise NotFound(f"no live credential {token_id!r}")
        record(conn, AuditEvent(actor, Action.CREDENTIAL_REVOKE, "credential", token_id))


def authenticate(
    engine: Engine, credential: str, now: dt.datetime | None = None
) -> PartnerCredential:
    """The partner a presented credential belongs to; Forbidden for anything else."""
    now = now or dt.datetime.now(dt.UTC)
    prefix, _, rest = credential.partition("_")
    token_id, _, secret = rest.partition("_")
    if prefix != "bwp" or not token_id or not secret:
        raise Forbidden("malformed partner credential")
    with engine.connect() as conn:
        row = conn.execute(
            select(sharing_credentials).where(sharing_credentials.c.token_id == token_id)
        ).first()
    try:
        if row is None or not _HASHER.verify(row.secret_hash, secret):
            raise Forbidden("unknown partner credential")
    except VerificationError:
        raise Forbidden("unknown partner credential") from None
    expires = row.expires_at if row.expires_at.tzinfo else row.expires_at.replace(tzinfo=dt.UTC)
    if row.revoked_at is not None or expires <= now:
        raise Forbidden("partner credential revoked or expired")
    return PartnerCredential(row.token_id, row.agency_id, frozenset(row.scopes))


def require_scope(credential: PartnerCredential, scope: str) -> None:
    """Forbidden unless ``credential`` carries ``scope``."""
    if scope not in credential.scopes:
        raise Forbidden(f"credential lacks scope {scope!r}", scope=scope)


def messages_for_partner(
    engine: Engine, credential: PartnerCredential, *, after: int = 0, limit: int = 100
) -> dict[str, Any]:
    """One page of the messages sent to the credential's agency, oldest first: ``items``
    (cursor, message id, kind, agreement, time, token) and ``next`` (cursor or None).
    A partner sees only what was shared with it; each read is audited."""
    require_scope(credential, "messages:read")
    if not 1 <= limit <= 1000:
        raise InvalidInput("bad page", [FieldError("limit", "between 1 and 1000")])
    m = sharing_messages.c
    query = (
        select(m.id, m.message_id, m.kind, m.agreement_id, m.issued_at, m.token)
        .where(
            m.direction == "out",
            m.agency_id == credential.agency_id,
            m.status == "sent",
            m.id > after,
        )
        .order_by(m.id)
        .limit(limit + 1)
    )
    with engine.begin() as conn:
        rows = conn.execute(query).all()
        page = rows[:limit]
        if page:
            record(
                conn,
                AuditEvent(
                    f"partner:{credential.agency_id}"[:64],
                    Action.SHARE_FETCH,
                    "agency",
                    credential.agency_id,
                    details={"messages": [r.message_id for r in page]},
                ),
            )
    items = [
        {
            "cursor": r.id,
            "message_id": r.message_id,
            "kind": r.kind,
            "agreement": r.agreement_id,
            "issued_at": r.issued_at.isoformat(),
            "token": r.token,
        }
        for r in page
    ]
    return {"items": items, "next": page[-1].id if len(rows) > limit else None}


def submit_message(engine: Engine, credential: PartnerCredential, token: str) -> InboundMessage:
    """A partner posts a signed message: it must be that partner's own (``kid``)."""
    require_scope(credential, "messages:submit")
    return receive(
        engine,
        token,
        actor=f"partner:{credential.agency_id}"[:64],
        expected_issuer=credential.agency_id,
    )


def export_messages(engine: Engine, partner: str, path: Path, after: int = 0) -> int:
    """Write the messages sent to ``partner`` after cursor ``after`` as one JWS per line."""
    m = sharing_messages.c
    query = (
        select(m.token)
        .where(m.direction == "out", m.agency_id == partner, m.status == "sent", m.id > after)
        .order_by(m.id)
    )
    with engine.connect() as conn:
        tokens = conn.execute(query).scalars().all()
    path.write_text("".join(t + "\n" for t in tokens), encoding="utf-8")
    return len(tokens)


def import_messages(engine: Engine, path: Path, *, actor: str) -> dict[str, Any]:
    """Receive every JWS line of ``path``; rejected ones are recorded and listed by line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceUnreadable(f"{path}: cannot read messages: {exc}") from None
    accepted: list[str] = []
    rejected: list[dict[str, Any]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            accepted.append(receive(engine, line, actor=actor).message_id)
        except MessageRejected as exc:
            rejected.append({"line": number, "check": exc.check, "reason": exc.message})
    return {"accepted": accepted, "rejected": rejected}
