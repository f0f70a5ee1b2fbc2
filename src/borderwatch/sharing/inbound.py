"""Inbound messages: signature, issuer, audience, expiry and agreement checked; accepted
ones stored (lookouts feed screening); every rejection stored and audited, then raised."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from dataclasses import dataclass
from typing import Any

import orjson
from joserfc import jws
from joserfc.errors import JoseError
from sqlalchemy import Connection, Engine, insert, select

from borderwatch.audit import Action, AuditEvent, record
from borderwatch.sharing.keys import verifier
from borderwatch.sharing.lookouts import LookoutError, lookout_rows
from borderwatch.sharing.outbound import ALG
from borderwatch.sharing.policy import check_content, check_terms
from borderwatch.sharing.registry import get_agency, get_agreement, local_agency
from borderwatch.sharing.types import Direction, MessageKind, MessageRejected
from borderwatch.store.sharing import sharing_lookouts, sharing_messages

CLOCK_SKEW = dt.timedelta(minutes=5)
_CLAIMS = ("jti", "iss", "aud", "iat", "exp", "kind", "agreement", "purpose", "content")


@dataclass(frozen=True, slots=True)
class InboundMessage:
    """An accepted partner message: who sent it, under which agreement, and its content."""

    message_id: str
    issuer: str
    kind: MessageKind
    agreement_id: str
    purpose: str
    content: dict[str, Any]


class _Reject(Exception):
    def __init__(self, check: str, why: str, claims: dict[str, Any] | None = None) -> None:
        super().__init__(why)
        self.check, self.why, self.claims = check, why, claims or {}


def receive(
    engine: Engine,
    token: str,
    *,
    actor: str,
    now: dt.datetime | None = None,
    expected_issuer: str | None = None,
) -> InboundMessage:
    """Verify and accept one compact JWS from a partner, or record and raise the rejection.

    ``expected_issuer``: the agency the transport authenticated (HTTP); another is refused.
    """
    now = now or dt.datetime.now(dt.UTC)
    try:
        with engine.begin() as conn:
            claims = _verified(conn, token.strip(), now, expected_issuer)
            return _accept(conn, claims, token.strip(), actor, now)
    except _Reject as rejected:
        _record_rejection(engine, token, rejected, actor, now)
        raise MessageRejected(rejected.check, rejected.why) from None


def _header(token: str) -> dict[str, Any]:
    parts = token.split(".")
    if len(parts) != 3:
        raise _Reject("format", "not a compact JWS (three dot-separated parts)")
    if not parts[2]:
        raise _Reject("unsigned", "the message carries no signature")
    try:
        header = orjson.loads(base64.urlsafe_b64decode(parts[0] + "=" * (-len(parts[0]) % 4)))
    except (binascii.Error, ValueError):
        raise _Reject("format", "the JWS header is not base64url JSON") from None
    if not isinstance(header, dict):
        raise _Reject("format", "the JWS header is not a JSON object")
    if header.get("alg") != ALG:
        raise _Reject(
            "unsigned" if header.get("alg") in (None, "none") else "algorithm",
            f"algorithm {header.get('alg')!r} refused; only {ALG} is accepted",
        )
    return header


def _verified(
    conn: Connection, token: str, now: dt.datetime, expected: str | None
) -> dict[str, Any]:
    issuer = str(_header(token).get("kid") or "")
    if expected is not None and issuer != expected:
        raise _Reject("issuer", f"signed by {issuer!r}, but the caller is {expected!r}")
    agency = get_agency(conn, issuer) if issuer else None
    if agency is None or agency.local:
        raise _Reject("issuer", f"unknown issuing agency {issuer!r}")
    try:
        payload = jws.deserialize_compact(token, verifier(agency.public_key), algorithms=[ALG])
    except (JoseError, ValueError):
        raise _Reject("signature", f"signature does not verify with {issuer}'s key") from None
    try:
        claims = orjson.loads(payload.payload)
    except orjson.JSONDecodeError:
        raise _Reject("claims", "the signed payload is not JSON") from None
    if not isinstance(claims, dict) or (missing := [c for c in _CLAIMS if c not in claims]):
        raise _Reject("claims", f"missing claim(s): {', '.join(missing) if claims else 'all'}")
    _check_claims(conn, claims, issuer, now)
    return claims


def _check_claims(conn: Connection, claims: dict[str, Any], issuer: str, now: dt.datetime) -> None:
    me = local_agency(conn).agency_id
    problems = [
        (claims["iss"] == issuer, "issuer", "iss claim differs from the signing agency"),
        (claims["aud"] == me, "audience", f"addressed to {claims['aud']!r}, not {me!r}"),
        (_ts(claims["exp"]) > now, "expired", f"expired at {_ts(claims['exp']).isoformat()}"),
        (_ts(claims["iat"]) <= now + CLOCK_SKEW, "issued_at", "issued in the future"),
        (claims["kind"] in set(MessageKind), "kind", f"unknown kind {claims['kind']!r}"),
        (isinstance(claims["content"], dict), "claims", "content is not a JSON object"),
    ]
    for ok, check, why in problems:
        if not ok:
            raise _Reject(check, why, claims)
    agreement = get_agreement(conn, str(claims["agreement"]))
    failure = check_terms(
        agreement,
        agreement_id=str(claims["agreement"]),
        partner=issuer,
        direction=Direction.INBOUND,
        purpose=str(claims["purpose"]),
        kind=claims["kind"],
        now=now,
    )
    if failure is None and agreement is not None:
        failure = check_content(agreement, claims["content"], set(claims.get("pseudonymised", [])))
    if failure:
        raise _Reject(f"agreement.{failure[0]}", failure[1], claims)
    seen = select(sharing_messages.c.id).where(
        sharing_messages.c.direction == "in",
        sharing_messages.c.message_id == str(claims["jti"]),
        sharing_messages.c.status == "accepted",
    )
    if conn.execute(seen).first():
        raise _Reject("duplicate", f"message {claims['jti']!r} was already accepted", claims)


def _ts(value: Any) -> dt.datetime:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise _Reject("claims", "iat and exp must be numeric dates")
    return dt.datetime.fromtimestamp(value, dt.UTC)


def _accept(
    conn: Connection, claims: dict[str, Any], token: str, actor: str, now: dt.datetime
) -> InboundMessage:
    kind = MessageKind(claims["kind"])
    try:
        rows = lookout_rows(claims, now) if kind is MessageKind.LOOKOUT_REQUEST else []
    except LookoutError as exc:
        raise _Reject("content", str(exc), claims) from None
    conn.execute(
        insert(sharing_messages).values(_message_row(claims, token, "accepted", None, actor, now))
    )
    if rows:
        conn.execute(insert(sharing_lookouts), rows)
    record(
        conn,
        AuditEvent(
            actor,
            Action.SHARE_IN,
            "message",
            str(claims["jti"])[:128],
            str(claims["purpose"])[:64],
            {
                "from": claims["iss"],
                "kind": kind.value,
                "agreement": claims["agreement"],
                "fields": sorted(claims["content"]),
                "lookouts": len(rows),
            },
        ),
    )
    return InboundMessage(
        str(claims["jti"]),
        str(claims["iss"]),
        kind,
        str(claims["agreement"]),
        str(claims["purpose"]),
        claims["content"],
    )


def _message_row(
    claims: dict[str, Any],
    token: str,
    status: str,
    reason: str | None,
    actor: str,
    now: dt.datetime,
) -> dict[str, Any]:
    def ts(key: str) -> dt.datetime | None:
        value = claims.get(key)
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return dt.datetime.fromtimestamp(value, dt.UTC) if ok else None  # type: ignore[arg-type]

    def text(key: str, size: int) -> str | None:
        value = claims.get(key)
        return str(value)[:size] if value is not None else None

    return {
        "message_id": text("jti", 64) or "(none)",
        "direction": "in",
        "kind": text("kind", 32) or "(unknown)",
        "agency_id": text("iss", 32),
        "agreement_id": text("agreement", 64),
        "purpose": text("purpose", 64),
        "issued_at": ts("iat"),
        "expires_at": ts("exp"),
        "token": token,
        "status": status,
        "reason": reason,
        "recorded_at": now,
        "recorded_by": actor,
    }


def _record_rejection(
    engine: Engine, token: str, rejected: _Reject, actor: str, now: dt.datetime
) -> None:
    reason = f"{rejected.check}: {rejected.why}"
    row = _message_row(rejected.claims, token, "rejected", reason, actor, now)
    with engine.begin() as conn:
        conn.execute(insert(sharing_messages).values(row))
        record(
            conn,
            AuditEvent(
                actor,
                Action.SHARE_REJECTED,
                "message",
                row["message_id"],
                details={
                    "check": rejected.check,
                    "reason": rejected.why,
                    "claimed_issuer": row["agency_id"],
                },
            ),
        )
