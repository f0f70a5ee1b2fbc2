"""Outbound messages: checked against the agreement, minimised, signed (JWS, Ed25519), stored
and audited in one transaction. A refusal is audited too, and names the failed clause."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import orjson
from joserfc import jws
from joserfc.jwk import OKPKey
from sqlalchemy import Connection, Engine, insert, select

from borderwatch.audit import Action, AuditEvent, record
from borderwatch.sharing.fields import minimise, pseudonym_key
from borderwatch.sharing.policy import Failure, check_content, check_terms
from borderwatch.sharing.registry import get_agency, get_agreement, local_agency
from borderwatch.sharing.types import Direction, MessageKind, SharingRefused
from borderwatch.store.sharing import sharing_messages

ALG = "Ed25519"


@dataclass(frozen=True, slots=True)
class OutboundMessage:
    """A signed message ready to travel: its id and the compact JWS."""

    message_id: str
    partner: str
    token: str


def share(
    engine: Engine,
    *,
    kind: MessageKind,
    partner: str,
    agreement_id: str,
    purpose: str,
    content: Mapping[str, Any],
    actor: str,
    key: OKPKey,
    onward_from: Sequence[str] = (),
    ttl: dt.timedelta = dt.timedelta(days=7),
    now: dt.datetime | None = None,
) -> OutboundMessage:
    """Send ``content`` to ``partner`` under ``agreement_id`` or raise SharingRefused.

    ``onward_from`` lists inbound message ids whose data this message passes on; each one's
    own agreement must allow onward sharing.
    """
    now = now or dt.datetime.now(dt.UTC)
    with engine.begin() as conn:
        me = local_agency(conn)
        agreement = get_agreement(conn, agreement_id)
        failure = None if get_agency(conn, partner) else ("partner", f"unknown agency {partner!r}")
        failure = failure or check_terms(
            agreement,
            agreement_id=agreement_id,
            partner=partner,
            direction=Direction.OUTBOUND,
            purpose=purpose,
            kind=kind,
            now=now,
        )
        failure = failure or _onward(conn, onward_from, now)
        if failure is None and agreement is not None:
            terms = agreement.terms
            minimal, masked = minimise(content, terms.redact, terms.pseudonymise, pseudonym_key())
            failure = check_content(agreement, minimal, masked)
        if failure is None and agreement is not None:
            message_id = str(uuid.uuid4())
            claims = {
                "jti": message_id,
                "iss": me.agency_id,
                "aud": partner,
                "iat": int(now.timestamp()),
                "exp": int((now + ttl).timestamp()),
                "kind": kind.value,
                "agreement": agreement_id,
                "agreement_version": agreement.version,
                "purpose": purpose,
                "retention_days": terms.retention_days,
                "onward_sharing": terms.onward_sharing,
                "pseudonymised": sorted(masked),
                "content": minimal,
            }
            token = sign(claims, key, me.agency_id)
            _store(conn, claims, token, actor, now)
            record(
                conn,
                AuditEvent(
                    actor,
                    Action.SHARE_OUT,
                    "message",
                    message_id,
                    purpose,
                    {
                        "partner": partner,
                        "kind": kind.value,
                        "agreement": agreement_id,
                        "fields": sorted(minimal),
                        "pseudonymised": sorted(masked),
                    },
                ),
            )
            return OutboundMessage(message_id, partner, token)
    assert failure is not None
    _refuse(engine, failure, actor, partner, kind, agreement_id, purpose)
    raise AssertionError("unreachable")  # _refuse always raises


def sign(claims: Mapping[str, Any], key: OKPKey, issuer: str) -> str:
    """Compact JWS of ``claims`` signed with Ed25519; ``kid`` names the issuing agency."""
    payload = orjson.dumps(claims, option=orjson.OPT_SORT_KEYS)
    return str(jws.serialize_compact({"alg": ALG, "kid": issuer}, payload, key, algorithms=[ALG]))


def _onward(conn: Connection, sources: Sequence[str], now: dt.datetime) -> Failure | None:
    for message_id in sources:
        row = conn.execute(
            select(sharing_messages.c.agreement_id).where(
                sharing_messages.c.message_id == message_id,
                sharing_messages.c.direction == "in",
                sharing_messages.c.status == "accepted",
            )
        ).first()
        origin = get_agreement(conn, row.agreement_id) if row else None
        if origin is None or not origin.terms.onward_sharing:
            return "onward_sharing", f"data of message {message_id!r} may not be passed on"
    return None


def _store(
    conn: Connection, claims: dict[str, Any], token: str, actor: str, now: dt.datetime
) -> None:
    conn.execute(
        insert(sharing_messages).values(
            message_id=claims["jti"],
            direction="out",
            kind=claims["kind"],
            agency_id=claims["aud"],
            agreement_id=claims["agreement"],
            purpose=claims["purpose"],
            issued_at=now,
            expires_at=dt.datetime.fromtimestamp(claims["exp"], dt.UTC),
            token=token,
            status="sent",
            reason=None,
            recorded_at=now,
            recorded_by=actor,
        )
    )


def _refuse(
    engine: Engine,
    failure: Failure,
    actor: str,
    partner: str,
    kind: MessageKind,
    agreement_id: str,
    purpose: str,
) -> None:
    clause, why = failure
    with engine.begin() as conn:
        record(
            conn,
            AuditEvent(
                actor,
                Action.SHARE_REFUSED,
                "agreement",
                agreement_id[:128],
                purpose[:64] or None,
                {"partner": partner, "kind": kind.value, "clause": clause, "reason": why},
            ),
        )
    raise SharingRefused(clause, why, partner=partner, agreement=agreement_id)
