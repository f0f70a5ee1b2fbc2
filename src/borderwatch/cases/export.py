"""Seizure reports in the manner of the WCO Customs Enforcement Network (CEN): one record
per seized commodity of each approved seizure result, with date, place, direction, mode of
transport, commodity, quantity and unit, concealment, detection method, route and parties.

Only approved results are exported; drafts and results awaiting approval are not.
"""

from __future__ import annotations

import csv
import datetime as dt
from typing import IO, Any

import orjson
from sqlalchemy import Connection, select

from borderwatch.cases.actions import live_actions
from borderwatch.cases.ledger import Db, transaction, utc
from borderwatch.cases.types import ActionType
from borderwatch.cases.types import ResultStatus as RS
from borderwatch.model import Finding, TransportMode
from borderwatch.model.cases import DetectionMethod
from borderwatch.store.cases import case_results, cases
from borderwatch.store.schema import declarations

FIELDS = (
    "case_id", "declaration", "seizure_date", "office", "direction", "transport_mode",
    "commodity", "description", "hs_code", "quantity", "unit", "concealment",
    "detection_method", "detection_rules", "detection_score", "detection_band",
    "random_selection", "place_of_loading", "transit", "place_of_discharge",
    "country_of_dispatch", "country_of_destination", "consignor", "consignor_country",
    "consignee", "consignee_country", "legal_basis", "referred_to",
)  # fmt: skip


def _party(payload: dict[str, Any], role: str) -> tuple[str, str]:
    for p in payload.get("parties", []):
        if p.get("role") == role:
            return str(p.get("name") or ""), str(p.get("country") or "")
    return "", ""


def _mode(value: int) -> str:
    return TransportMode(value).name.lower()


def _common(conn: Connection, row: Any) -> dict[str, Any]:
    payload = dict(row.payload)
    route = payload.get("route") or {}
    method = DetectionMethod.model_validate(row.detection)
    actions = live_actions(conn, int(row.case_id))
    seizures = [a for a in actions if a.type is ActionType.SEIZURE]
    when = seizures[0].requested_at if seizures else utc(row.recorded_at)
    consignor, consignor_country = _party(payload, "consignor")
    consignee, consignee_country = _party(payload, "consignee")
    return {
        "case_id": int(row.case_id), "declaration": row.source_id,
        "seizure_date": when.date().isoformat(), "office": row.office,
        "direction": payload.get("type", ""),
        "transport_mode": _mode(int(payload.get("mode_of_transport", 6))),
        "detection_method": method.summary(),
        "detection_rules": " ".join(f"{r.rule_id}@{r.version}" for r in method.rules),
        "detection_score": method.score, "detection_band": method.score_band or "",
        "random_selection": method.random,
        "place_of_loading": route.get("place_of_loading") or "",
        "transit": " ".join(route.get("transshipment") or []),
        "place_of_discharge": route.get("place_of_discharge") or "",
        "country_of_dispatch": route.get("country_of_dispatch") or "",
        "country_of_destination": route.get("country_of_destination") or "",
        "consignor": consignor, "consignor_country": consignor_country,
        "consignee": consignee, "consignee_country": consignee_country,
        "legal_basis": "; ".join(sorted({a.citation for a in seizures})),
        "referred_to": " ".join(
            str(a.details.get("agency")) for a in actions if a.type is ActionType.REFERRAL
        ),
    }  # fmt: skip


def seizure_records(
    db: Db, since: dt.datetime | None = None, until: dt.datetime | None = None
) -> list[dict[str, Any]]:
    """One record per seized commodity of the approved seizure results of cases opened in
    ``[since, until)``, ordered by case."""
    query = (
        select(cases.c.id.label("case_id"), cases.c.source_id, cases.c.office,
               cases.c.detection, declarations.c.payload, case_results.c["items"],
               case_results.c.recorded_at)
        .join(case_results, case_results.c.case_id == cases.c.id)
        .join(declarations, declarations.c.id == cases.c.declaration_id)
        .where(case_results.c.superseded_at.is_(None),
               case_results.c.status == RS.APPROVED.value,
               case_results.c.finding == Finding.SEIZURE.value)
        .order_by(cases.c.id)
    )  # fmt: skip
    if since is not None:
        query = query.where(cases.c.opened_at >= since)
    if until is not None:
        query = query.where(cases.c.opened_at < until)
    out = []
    with transaction(db) as conn:
        for row in conn.execute(query):
            common = _common(conn, row)
            for item in row.items:
                out.append({**common, **_item(item)})
    return [{k: r[k] for k in FIELDS} for r in out]


def _item(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "commodity": item["commodity"], "description": item["description"],
        "hs_code": item.get("hs_code") or "", "quantity": item["quantity"],
        "unit": item["unit"], "concealment": item.get("concealment") or "",
    }  # fmt: skip


def write_csv(records: list[dict[str, Any]], out: IO[str]) -> None:
    """The records as CSV with a header row, columns in :data:`FIELDS` order."""
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)


def write_json(records: list[dict[str, Any]], out: IO[str]) -> None:
    """The records as a JSON document ``{"format": ..., "seizures": [...]}``."""
    doc = {"format": "borderwatch-seizure-report/1 (after WCO CEN)", "seizures": records}
    out.write(orjson.dumps(doc, option=orjson.OPT_INDENT_2).decode() + "\n")
