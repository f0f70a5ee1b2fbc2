"""Rules (validate, draft, four-eyes approval, activation, backtest), assessment, screening."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from tests.api.conftest import TestClient, assert_error, login, store_declarations
from tests.factory import decl

RULE = {"id": "HIGH_VALUE", "title": "High value laptops", "description": "value over 40k",
        "expression": "total_value > 40000", "weight": 20}  # fmt: skip


def test_validation_names_columns_or_problems(client: TestClient) -> None:
    analyst = login(client, "analyst")
    ok = client.post("/rules/validate", json={"expression": "total_value > 1"}, headers=analyst)
    assert ok.json() == {"valid": True, "columns": ["total_value"], "errors": []}
    bad = client.post("/rules/validate", json={"expression": "no_such_col > 1"}, headers=analyst)
    assert bad.json()["valid"] is False and "no_such_col" in bad.json()["errors"][0]["reason"]


def test_draft_needs_a_second_person_to_approve_then_activates(
    client: TestClient, engine: Engine
) -> None:
    analyst = login(client, "analyst")
    assert_error(client.post("/rules", json=RULE, headers=login(client, "targeter")), 403,
                 "forbidden")  # fmt: skip
    assert client.post("/rules", json=RULE, headers=analyst).json() == ["HIGH_VALUE v1"]
    bad = client.post("/rules", json={**RULE, "expression": "1 +"}, headers=analyst)
    assert_error(bad, 422, "invalid_input")
    same = client.post("/rules/HIGH_VALUE/approve", json={}, headers=analyst)
    assert_error(same, 403, "forbidden")
    approved = client.post("/rules/HIGH_VALUE/approve", json={}, headers=login(client, "analyst2"))
    assert approved.json()["state"] == "approved"
    supervisor = login(client, "supervisor")
    active = client.post("/rules/HIGH_VALUE/activate", json={"reason": "go"}, headers=supervisor)
    assert active.json()["state"] == "active"
    listing = client.get("/rules?limit=10", headers=login(client, "auditor")).json()
    assert [(r["id"], r["state"]) for r in listing["items"]] == [("HIGH_VALUE", "active")]
    assert_error(client.get("/rules/NOPE_RULE", headers=analyst), 404, "not_found")


def test_backtest_counts_hits_over_stored_declarations(
    client: TestClient, engine: Engine, tmp_path: Path
) -> None:
    store_declarations(engine, tmp_path, decl(source_id="B-1", value=50000.0),
                       decl(source_id="B-2", value=100.0))  # fmt: skip
    body = {"expression": "total_value > 40000", "start": "2024-03-01", "end": "2024-03-31"}
    result = client.post("/rules/backtest", json=body, headers=login(client, "analyst")).json()
    assert (result["declarations"], result["hits"]) == (2, 1)
    too_long = {**body, "end": "2026-03-31"}
    response = client.post("/rules/backtest", json=too_long, headers=login(client, "analyst"))
    assert_error(response, 422, "invalid_input")


def test_assess_gives_an_explained_decision_in_the_callers_office(client: TestClient) -> None:
    targeter = login(client, "targeter")
    decision = client.post("/assess", json=decl(), headers=targeter).json()
    assert decision["source_id"] == "DECL-1"
    assert decision["lane"] in {"green", "yellow", "red", "hold"}
    assert decision["versions"]["policy"]
    assert_error(client.post("/assess", json=decl(), headers=login(client, "elsewhere")), 403,
                 "forbidden")  # fmt: skip
    invalid = client.post("/assess", json=decl(goods=[]), headers=targeter)
    assert_error(invalid, 422, "invalid_input")


def test_screening_names_the_matched_alias(client: TestClient) -> None:
    response = client.post("/screening/party", json={"name": "Abu Abbas", "schema": "Person"},
                           headers=login(client, "targeter"))  # fmt: skip
    hits = response.json()["items"]
    assert hits and "ABBAS" in hits[0]["matched_name"].upper()
    assert hits[0]["explanation"].startswith("matched")


def test_a_dismissed_hit_is_suppressed_for_that_party(client: TestClient) -> None:
    targeter = login(client, "targeter")
    query = {"name": "Abu Abbas", "schema": "Person"}
    hit = client.post("/screening/party", json=query, headers=targeter).json()["items"][0]
    review = {**query, "list_name": hit["list_name"], "entity_id": hit["entity_id"],
              "decision": "dismissed", "reason": "different person: born 1990"}  # fmt: skip
    done = client.post("/screening/review", json=review, headers=targeter)
    assert done.status_code == 201 and done.json()["recorded_by"] == "targeter"
    again = client.post("/screening/party", json=query, headers=targeter).json()["items"]
    same = next(h for h in again if h["entity_id"] == hit["entity_id"])
    assert same["suppressed"] is True and "born 1990" in same["explanation"]
    missing = client.post("/screening/review", json={**review, "entity_id": "NOPE"},
                          headers=targeter)  # fmt: skip
    assert_error(missing, 404, "not_found")
    assert_error(client.post("/screening/review", json=review, headers=login(client, "auditor")),
                 403, "forbidden")  # fmt: skip
