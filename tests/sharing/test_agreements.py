"""Nothing leaves without a matching active agreement; each refusal names its clause and is
audited; what does leave is minimised and signed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import orjson
import pytest
from joserfc import jws
from sqlalchemy import Engine, select
from tests.sharing.helpers import NOW, PARTNER, agree, install, terms

from borderwatch.audit import entries, verify
from borderwatch.errors import InvalidInput
from borderwatch.sharing import MessageKind, SharingRefused, share
from borderwatch.sharing.keys import verifier
from borderwatch.store.sharing import sharing_messages

ALERT = {"declaration.source_id": "DECL-1", "goods.hs_code": "930690", "alert.reason": "x"}


def _share(engine: Engine, key: Any, **kw: Any) -> Any:
    args: dict[str, Any] = {
        "kind": MessageKind.ALERT,
        "partner": PARTNER,
        "agreement_id": "AGR-1",
        "purpose": "counter_terrorism",
        "content": ALERT,
        "actor": "officer1",
        "key": key,
    }
    args.update(kw)
    return share(engine, **args)


@pytest.mark.parametrize(
    ("clause", "agreement", "call"),
    [
        ("agreement", None, {"agreement_id": "AGR-NONE"}),
        ("partner", {"partner": "NL-CUSTOMS"}, {}),
        ("status", {"status": "suspended"}, {}),
        ("valid_from", {"valid_from": (NOW + dt.timedelta(days=2)).isoformat()}, {}),
        (
            "expires_at",
            {"valid_from": "2020-01-01T00:00:00+00:00", "expires_at": "2021-01-01T00:00:00+00:00"},
            {},
        ),
        ("direction", {"direction": "inbound"}, {}),
        ("purposes", {}, {"purpose": "tax_audit"}),
        ("kinds", {"kinds": ["seizure_report"]}, {}),
        ("fields", {}, {"content": {**ALERT, "goods.value": 10.0}}),
        ("categories", {"categories": ["commercial"]}, {}),
        (
            "categories",
            {"fields": ["declaration.source_id", "person.birth_date"]},
            {"content": {"declaration.source_id": "D", "person.birth_date": "1970"}},
        ),
        ("onward_sharing", {}, {"onward_from": ["MSG-FROM-ELSEWHERE"]}),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_each_clause_refuses_and_is_named_and_audited(
    sqlite_engine: Engine,
    tmp_path: Path,
    clause: str,
    agreement: dict[str, Any] | None,
    call: dict[str, Any],
) -> None:
    key, _ = install(sqlite_engine, tmp_path)
    agree(sqlite_engine, **(agreement or {}))
    with pytest.raises(SharingRefused) as caught:
        _share(sqlite_engine, key, **call)
    assert caught.value.clause == clause
    assert f"'{clause}'" in str(caught.value)
    refused = entries(sqlite_engine, action="share.refused")
    assert [e.details["clause"] for e in refused] == [clause]
    with sqlite_engine.connect() as conn:
        assert conn.execute(select(sharing_messages)).all() == []


def test_unknown_partner_is_refused_by_the_partner_clause(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    key, _ = install(sqlite_engine, tmp_path)
    agree(sqlite_engine)
    with pytest.raises(SharingRefused) as caught:
        _share(sqlite_engine, key, partner="XX-POLICE")
    assert caught.value.clause == "partner"


def test_a_shared_message_is_minimised_signed_stored_and_audited(
    engine: Engine, tmp_path: Path
) -> None:
    key, public = install(engine, tmp_path)
    agree(engine, categories=["commercial"])
    content = {
        "declaration.source_id": "DECL-9",
        "seizure.quantity": 12.5,
        "person.name": "Jan Jansen",
        "person.identifiers": {"passport": "X1"},
    }
    sent = _share(engine, key, kind=MessageKind.SEIZURE_REPORT, content=content)
    signed = jws.deserialize_compact(sent.token, verifier(public), algorithms=["Ed25519"])
    claims = orjson.loads(signed.payload)
    assert claims["iss"] == "NL-CUSTOMS" and claims["aud"] == PARTNER
    assert claims["agreement"] == "AGR-1" and claims["purpose"] == "counter_terrorism"
    assert claims["jti"] == sent.message_id
    shared = claims["content"]
    assert "person.identifiers" not in shared  # redacted
    assert shared["person.name"].startswith("PSN-") and "Jan" not in sent.token
    assert claims["pseudonymised"] == ["person.name"]
    out = entries(engine, action="share.out")
    assert out[0].subject_id == sent.message_id and out[0].details["partner"] == PARTNER
    with engine.connect() as conn:
        assert conn.execute(select(sharing_messages.c.token)).scalar() == sent.token
    assert verify(engine).ok


def test_bad_agreements_name_every_bad_clause(sqlite_engine: Engine, tmp_path: Path) -> None:
    install(sqlite_engine, tmp_path)
    with pytest.raises(InvalidInput) as caught:
        terms(purposes=[], retention_days=0, kinds=["gossip"])
    assert {e.path.split(".")[0] for e in caught.value.errors} >= {
        "purposes",
        "retention_days",
        "kinds",
    }
    with pytest.raises(InvalidInput, match="not catalogued"):
        terms(fields=["person.shoe_size"])
    with pytest.raises(InvalidInput, match="partner"):
        agree(sqlite_engine, partner="NOBODY")
