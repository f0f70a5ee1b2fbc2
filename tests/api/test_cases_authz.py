"""Cases through the API (open, assign, inspect, seizure with legal basis, custody) and the
role matrix: every endpoint refuses a caller without a token and a role without the grant."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.api.conftest import TestClient, assert_error, login, store_declarations
from tests.factory import decl

SEIZURE = {"type": "seizure", "legal_basis": "UCC-198", "reason": "undeclared cigarettes",
           "place": "Rotterdam bonded store", "items": [{"commodity": "cigarettes",
           "description": "Cigarette sticks", "quantity": 20000, "unit": "sticks"}]}  # fmt: skip


def test_a_case_runs_from_opening_to_a_seizure_with_custody(
    client: TestClient, engine: Engine, tmp_path: Path
) -> None:
    store_declarations(engine, tmp_path, decl(source_id="C-1"))
    targeter, inspector = login(client, "targeter"), login(client, "inspector")
    opened = client.post("/cases", json={"source_id": "C-1", "detection": {"other": "tip"}},
                         headers=targeter).json()  # fmt: skip
    case_id = opened["id"]
    assert_error(client.post("/cases", json={"source_id": "C-1", "detection": {"other": "x"}},
                             headers=login(client, "analyst")), 403, "forbidden")  # fmt: skip
    v = client.post(f"/cases/{case_id}/assign", json={"version": opened["version"],
                    "officer": "inspector"}, headers=targeter).json()["version"]  # fmt: skip
    stale = client.post(f"/cases/{case_id}/inspect", json={"version": 1, "type": "physical",
                        "place": "quay 3"}, headers=inspector)  # fmt: skip
    assert_error(stale, 409, "conflict")
    v = client.post(f"/cases/{case_id}/inspect", json={"version": v, "type": "physical",
                    "place": "quay 3"}, headers=inspector).json()["version"]  # fmt: skip
    action = client.post(f"/cases/{case_id}/actions", json={"version": v, "action": SEIZURE},
                         headers=inspector)  # fmt: skip
    assert action.status_code == 201, action.text
    assert action.json()["legal_basis"] == "UCC-198"
    detail = client.get(f"/cases/{case_id}", headers=login(client, "auditor")).json()
    assert detail["state"] == "inspecting" and len(detail["items"]) == 1
    custody = client.get(f"/cases/{case_id}/custody", headers=inspector).text
    assert "Chain: verified" in custody
    assert_error(client.get(f"/cases/{case_id}", headers=login(client, "elsewhere")), 403,
                 "forbidden")  # fmt: skip
    listed = client.get("/cases", headers=targeter).json()
    assert listed["total"] == 1


ENDPOINTS = [
    ("get", "/declarations", None, "partner"),
    ("get", "/declarations/X", None, "partner"),
    ("get", "/quarantine", None, "inspector"),
    ("get", "/queue", None, "analyst"),
    ("post", "/queue/X/claim", None, "auditor"),
    ("delete", "/queue/X/claim", None, "inspector"),
    ("post", "/assess", {}, "auditor"),
    ("post", "/screening/party", {"name": "x"}, "inspector"),
    ("post", "/screening/review", {}, "auditor"),
    ("get", "/rules", None, "inspector"),
    ("get", "/rules/X", None, "partner"),
    ("post", "/rules/validate", {"expression": "x"}, "partner"),
    ("post", "/rules", {}, "supervisor"),
    ("post", "/rules/X/approve", {}, "targeter"),
    ("post", "/rules/X/activate", {}, "auditor"),
    ("post", "/rules/backtest", {}, "targeter"),
    ("get", "/cases", None, "analyst"),
    ("post", "/cases", {}, "auditor"),
    ("get", "/cases/1", None, "partner"),
    ("post", "/cases/1/assign", {}, "analyst"),
    ("post", "/cases/1/inspect", {}, "auditor"),
    ("post", "/cases/1/actions", {}, "analyst"),
    ("get", "/cases/1/custody", None, "analyst"),
    ("get", "/audit", None, "supervisor"),
    ("get", "/dashboard", None, "inspector"),
    ("get", "/auth/me", None, None),
]


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_every_endpoint_needs_a_token_and_the_right_role(client: TestClient) -> None:
    paths = {p for p, item in client.app.openapi()["paths"].items()  # type: ignore[attr-defined]
             for m in item if p != "/auth/token"}  # fmt: skip
    covered = {path.replace("/X", "/{rule_id}") for _, path, _, _ in ENDPOINTS}
    covered |= {path.replace("/1", "/{case_id}") for _, path, _, _ in ENDPOINTS}
    covered |= {path.replace("/X", "/{source_id}") for _, path, _, _ in ENDPOINTS}
    assert paths <= covered
    for method, path, body, wrong in ENDPOINTS:
        response = client.request(method, path, json=body)
        assert_error(response, 401, "unauthenticated")
        if wrong is not None:
            response = client.request(method, path, json=body, headers=login(client, wrong))
            assert_error(response, 403, "forbidden")
