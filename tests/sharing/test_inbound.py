"""Inbound: a partner's signed messages are verified against its key and our agreement;
unsigned, forged, expired, unknown and off-agreement messages are rejected and recorded."""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path
from typing import Any

import orjson
import pytest
from joserfc.jwk import OKPKey
from sqlalchemy import Engine, select
from tests.sharing.helpers import ME, NOW, PARTNER, agree, install

from borderwatch.audit import entries, verify
from borderwatch.screening import load_list
from borderwatch.sharing import (
    MessageKind,
    MessageRejected,
    export_lookouts,
    export_messages,
    import_messages,
    receive,
    share,
    sign,
)
from borderwatch.sharing.keys import public_key_of
from borderwatch.store.engine import make_engine, migrate
from borderwatch.store.sharing import sharing_messages

ENTRY = {
    "id": "BE-7",
    "name": "Piet Pieters",
    "schema": "Person",
    "country": "BE",
    "birth_date": "1970-02-03",
    "aliases": ["P. Pieters"],
    "identifiers": {"passport": "EH123456"},
    "expires_at": (NOW + dt.timedelta(days=30)).isoformat(),
}


def _claims(**overrides: Any) -> dict[str, Any]:
    claims: dict[str, Any] = {
        "jti": "M-1",
        "iss": PARTNER,
        "aud": ME,
        "iat": int(NOW.timestamp()),
        "exp": int((NOW + dt.timedelta(days=1)).timestamp()),
        "kind": "lookout_request",
        "agreement": "AGR-1",
        "purpose": "counter_terrorism",
        "content": {"lookout.entries": [ENTRY]},
    }
    claims.update(overrides)
    return claims


@pytest.fixture
def partner(engine: Engine, tmp_path: Path) -> OKPKey:
    """The partner's private key; our store knows its public key and has the agreement."""
    key = OKPKey.generate_key("Ed25519")
    install(engine, tmp_path, partner_key=public_key_of(key))
    agree(engine, categories=["commercial", "intelligence", "personal"])
    return key


def test_a_signed_lookout_is_accepted_and_feeds_screening(
    engine: Engine, partner: OKPKey, tmp_path: Path
) -> None:
    expired = {
        **ENTRY,
        "id": "BE-8",
        "name": "Old Entry",
        "expires_at": (NOW - dt.timedelta(days=1)).isoformat(),
    }
    token = sign(_claims(content={"lookout.entries": [ENTRY, expired]}), partner, PARTNER)
    message = receive(engine, token, actor="gateway")
    assert (message.issuer, message.kind) == (PARTNER, MessageKind.LOOKOUT_REQUEST)
    assert export_lookouts(engine, tmp_path / "partner.csv") == 1
    listed = load_list(tmp_path / "partner.csv", "lookout")
    entry = listed.entries["BE-CUSTOMS:BE-7"]
    assert "Piet Pieters" in entry.names and "P. Pieters" in entry.names
    assert entry.identifiers["passport"] == {"EH123456"}
    assert [e.action for e in entries(engine, subject_type="message")] == ["share.in"]
    assert verify(engine).ok


def _forged(partner: OKPKey) -> str:
    return sign(_claims(), OKPKey.generate_key("Ed25519"), PARTNER)


def _tampered(partner: OKPKey) -> str:
    head, _, sig = sign(_claims(), partner, PARTNER).split(".")
    body = base64.urlsafe_b64encode(orjson.dumps(_claims(purpose="x"))).rstrip(b"=").decode()
    return f"{head}.{body}.{sig}"


def _unsigned(partner: OKPKey) -> str:
    head = base64.urlsafe_b64encode(b'{"alg":"none","kid":"BE-CUSTOMS"}').rstrip(b"=").decode()
    body = base64.urlsafe_b64encode(orjson.dumps(_claims())).rstrip(b"=").decode()
    return f"{head}.{body}."


# fmt: off
CASES = [
    ("signature", _forged),
    ("signature", _tampered),
    ("unsigned", _unsigned),
    ("format", lambda p: "not-a-jws"),
    ("expired", lambda p: sign(_claims(exp=int((NOW - dt.timedelta(hours=1)).timestamp())),
                               p, PARTNER)),
    ("issuer", lambda p: sign(_claims(iss="XX-POLICE"), p, "XX-POLICE")),
    ("issuer", lambda p: sign(_claims(iss="FR-DOUANE"), p, PARTNER)),
    ("audience", lambda p: sign(_claims(aud="DE-ZOLL"), p, PARTNER)),
    ("agreement.agreement", lambda p: sign(_claims(agreement="AGR-X"), p, PARTNER)),
    ("agreement.purposes", lambda p: sign(_claims(purpose="marketing"), p, PARTNER)),
    ("agreement.fields", lambda p: sign(_claims(content={"goods.value": 1}), p, PARTNER)),
    ("content", lambda p: sign(_claims(content={"lookout.entries": [{"id": "x"}]}), p,
                               PARTNER)),
    ("claims", lambda p: sign({"iss": PARTNER}, p, PARTNER)),
]
# fmt: on


@pytest.mark.parametrize(("check", "make"), CASES)
def test_bad_messages_are_rejected_recorded_and_audited(
    engine: Engine, partner: OKPKey, check: str, make: Any
) -> None:
    token = make(partner)
    with pytest.raises(MessageRejected) as caught:
        receive(engine, token, actor="gateway")
    assert caught.value.check == check
    with engine.connect() as conn:
        row = conn.execute(select(sharing_messages)).one()
    assert (row.direction, row.status, row.token) == ("in", "rejected", token)
    assert row.reason.startswith(check)
    rejected = entries(engine, action="share.rejected")
    assert [e.details["check"] for e in rejected] == [check]
    assert verify(engine).ok


def test_a_message_is_accepted_once(engine: Engine, partner: OKPKey) -> None:
    token = sign(_claims(), partner, PARTNER)
    receive(engine, token, actor="gateway")
    with pytest.raises(MessageRejected) as caught:
        receive(engine, token, actor="gateway")
    assert caught.value.check == "duplicate"


def test_file_transport_between_two_agencies_end_to_end(tmp_path: Path) -> None:
    nl = make_engine(f"sqlite:///{tmp_path / 'nl.db'}")
    be = make_engine(f"sqlite:///{tmp_path / 'be.db'}")
    for e in (nl, be):
        migrate(e)
    nl_key, nl_public = install(nl, tmp_path / "nl", ME, PARTNER)
    install(be, tmp_path / "be", PARTNER, ME, partner_key=nl_public)
    agree(nl)
    agree(be, partner=ME)
    sent = share(
        nl,
        kind=MessageKind.ALERT,
        partner=PARTNER,
        agreement_id="AGR-1",
        purpose="counter_terrorism",
        actor="officer1",
        key=nl_key,
        content={"declaration.source_id": "DECL-1", "alert.reason": "rule R-9"},
    )
    assert export_messages(nl, PARTNER, tmp_path / "out.jws") == 1
    with (tmp_path / "out.jws").open("a") as fh:
        fh.write("garbage\n")
    report = import_messages(be, tmp_path / "out.jws", actor="gateway")
    assert report["accepted"] == [sent.message_id]
    assert [(r["line"], r["check"]) for r in report["rejected"]] == [(2, "format")]
    nl.dispose()
    be.dispose()
