"""Declarations, the queue and the quarantine: pagination, office scope, decision history."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from borderwatch.model.decisions import Lane
from borderwatch.selectivity import override
from tests.api.conftest import (
    OTHER,
    TestClient,
    assert_error,
    decision,
    login,
    store_decisions,
    store_declarations,
)
from tests.factory import decl


def _three(engine: Engine, tmp_path: Path) -> None:
    store_declarations(engine, tmp_path, decl(source_id="D-1"), decl(source_id="D-2"),
                       decl(source_id="D-3", office=OTHER))  # fmt: skip
    store_decisions(engine, decision("D-1", Lane.YELLOW, 0.4), decision("D-2", Lane.RED, 0.9),
                    decision("D-3", Lane.RED, 0.8, office=OTHER))  # fmt: skip


def test_declarations_are_paginated_and_scoped_to_the_office(
    client: TestClient, engine: Engine, tmp_path: Path
) -> None:
    _three(engine, tmp_path)
    targeter = login(client, "targeter")
    page = client.get("/declarations?limit=1", headers=targeter).json()
    assert (page["total"], page["limit"], len(page["items"])) == (2, 1, 1)
    second = client.get("/declarations?limit=1&offset=1", headers=targeter).json()
    assert {page["items"][0]["source_id"], second["items"][0]["source_id"]} == {"D-1", "D-2"}
    assert_error(client.get(f"/declarations?office={OTHER}", headers=targeter), 403, "forbidden")
    assert_error(client.get("/declarations/D-3", headers=targeter), 403, "forbidden")
    national = client.get("/declarations", headers=login(client, "analyst")).json()
    assert national["total"] == 3


def test_a_declaration_shows_its_decision_history_and_its_read_is_audited(
    client: TestClient, engine: Engine, tmp_path: Path
) -> None:
    _three(engine, tmp_path)
    override(engine, "D-1", Lane.RED, "supervisor", "intelligence report 42")
    detail = client.get("/declarations/D-1", headers=login(client, "targeter")).json()
    assert detail["payload"]["parties"][0]["name"] == "Shanghai Widget Trading Co Ltd"
    assert detail["lane"] == "red"
    assert [d["lane"] for d in detail["decisions"]] == ["yellow", "red"]
    assert detail["decisions"][0]["superseded_at"] is not None
    audit = client.get("/audit?subject_id=D-1&action=read.personal",
                       headers=login(client, "auditor")).json()  # fmt: skip
    assert audit["total"] == 1 and audit["items"][0]["actor"] == "targeter"


def test_the_queue_sorts_by_risk_filters_and_claims(
    client: TestClient, engine: Engine, tmp_path: Path
) -> None:
    _three(engine, tmp_path)
    store_decisions(engine, decision("D-4", Lane.GREEN, 0.01))
    targeter = login(client, "targeter")
    queue = client.get("/queue", headers=targeter).json()
    assert [i["source_id"] for i in queue["items"]] == ["D-2", "D-1"]
    assert queue["items"][0]["reasons"][0]["text"] == "matched 'ACME'"
    reds = client.get("/queue?lane=red", headers=targeter).json()
    assert [i["source_id"] for i in reds["items"]] == ["D-2"]
    assert client.post("/queue/D-2/claim", headers=targeter).status_code == 204
    held = client.post("/queue/D-2/claim", headers=login(client, "supervisor"))
    assert_error(held, 409, "conflict")
    assert client.get("/queue", headers=targeter).json()["items"][0]["claimed_by"] == "targeter"
    assert_error(client.post("/queue/D-3/claim", headers=targeter), 403, "forbidden")
    assert client.delete("/queue/D-2/claim", headers=targeter).status_code == 204
    assert_error(client.delete("/queue/D-2/claim", headers=targeter), 404, "not_found")


def test_quarantine_lists_refused_records_with_reasons(
    client: TestClient, engine: Engine, tmp_path: Path
) -> None:
    from borderwatch.ingest import JsonlReader, ingest

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"source_id": "X"}\nnot json\n')
    ingest(engine, JsonlReader(bad, 1_048_576))
    page = client.get("/quarantine?limit=1", headers=login(client, "analyst")).json()
    assert page["total"] == 2 and len(page["items"]) == 1
    assert page["items"][0]["reasons"]
    assert_error(client.get("/quarantine", headers=login(client, "targeter")), 403, "forbidden")
