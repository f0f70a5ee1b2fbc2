"""Partner access: scoped credentials, and a partner sees only what was shared with it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from joserfc.jwk import OKPKey
from sqlalchemy import Engine
from tests.sharing.helpers import ME, NOW, PARTNER, agree, install

from borderwatch.audit import entries
from borderwatch.errors import Forbidden, InvalidInput
from borderwatch.sharing import (
    Agency,
    MessageKind,
    MessageRejected,
    authenticate,
    issue_credential,
    messages_for_partner,
    register_agency,
    revoke_credential,
    share,
    sign,
    submit_message,
)
from borderwatch.sharing.keys import generate_key

CONTENT = {"declaration.source_id": "DECL-1", "alert.reason": "rule R-9"}


def _send(engine: Engine, key: OKPKey, partner: str = PARTNER, agreement: str = "AGR-1") -> str:
    return share(
        engine,
        kind=MessageKind.ALERT,
        partner=partner,
        agreement_id=agreement,
        purpose="counter_terrorism",
        content=CONTENT,
        actor="officer1",
        key=key,
    ).message_id


def test_a_partner_pages_through_its_own_messages_only(engine: Engine, tmp_path: Path) -> None:
    key, _ = install(engine, tmp_path)
    register_agency(
        engine,
        Agency("DE-ZOLL", "Zoll", "DE", generate_key(tmp_path / "de.pem"), False),
        actor="admin",
        reason="set-up",
    )
    agree(engine)
    agree(engine, id="AGR-DE", partner="DE-ZOLL")
    mine = [_send(engine, key) for _ in range(3)]
    _send(engine, key, "DE-ZOLL", "AGR-DE")
    cred = authenticate(engine, issue_credential(engine, PARTNER, ["messages:read"], actor="admin"))
    first = messages_for_partner(engine, cred, limit=2)
    second = messages_for_partner(engine, cred, after=first["next"], limit=2)
    assert [m["message_id"] for m in first["items"] + second["items"]] == mine
    assert second["next"] is None
    fetches = entries(engine, action="share.fetch")
    assert [e.subject_id for e in fetches] == [PARTNER, PARTNER]
    with pytest.raises(Forbidden, match="messages:submit"):
        submit_message(engine, cred, "x.y.z")
    with pytest.raises(InvalidInput, match="limit"):
        messages_for_partner(engine, cred, limit=0)


def test_credentials_wrong_revoked_or_expired_are_refused(engine: Engine, tmp_path: Path) -> None:
    install(engine, tmp_path)
    token = issue_credential(engine, PARTNER, ["messages:read"], actor="admin")
    token_id = token.split("_")[1]
    for bad in ("nonsense", token[:-2] + "xx", "bwp_0000000000000000_secret"):
        with pytest.raises(Forbidden):
            authenticate(engine, bad)
    with pytest.raises(Forbidden, match="expired"):
        authenticate(engine, token, now=NOW + dt.timedelta(days=91))
    revoke_credential(engine, token_id, actor="admin")
    with pytest.raises(Forbidden, match="revoked"):
        authenticate(engine, token)
    with pytest.raises(InvalidInput) as caught:
        issue_credential(engine, "NOBODY", ["messages:admin"], actor="admin")
    assert {e.path for e in caught.value.errors} == {"scopes", "agency_id"}
    assert [e.action for e in entries(engine, subject_type="credential")] == ["credential.revoke"]


def test_a_partner_may_submit_only_messages_it_signed(engine: Engine, tmp_path: Path) -> None:
    partner_key = OKPKey.generate_key("Ed25519")
    from borderwatch.sharing.keys import public_key_of

    install(engine, tmp_path, partner_key=public_key_of(partner_key))
    agree(engine, categories=["commercial", "intelligence"])
    register_agency(
        engine,
        Agency("DE-ZOLL", "Zoll", "DE", generate_key(tmp_path / "de.pem"), False),
        actor="admin",
        reason="set-up",
    )
    claims = {
        "jti": "M-9",
        "iss": PARTNER,
        "aud": ME,
        "iat": int(NOW.timestamp()),
        "exp": int(NOW.timestamp()) + 3600,
        "kind": "alert",
        "agreement": "AGR-1",
        "purpose": "counter_terrorism",
        "content": CONTENT,
    }
    token = sign(claims, partner_key, PARTNER)
    de = authenticate(
        engine, issue_credential(engine, "DE-ZOLL", ["messages:submit"], actor="admin")
    )
    with pytest.raises(MessageRejected, match="issuer"):
        submit_message(engine, de, token)
    be = authenticate(engine, issue_credential(engine, PARTNER, ["messages:submit"], actor="admin"))
    assert submit_message(engine, be, token).message_id == "M-9"
