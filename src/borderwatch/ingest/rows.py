"""Store rows for one validated declaration: the declaration, its goods, parties and outcome."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from borderwatch.model import Declaration, Outcome
from borderwatch.store.bulk import JsonText


def payload_of(decl: Declaration) -> tuple[JsonText, str]:
    """The canonical stored payload as JSON text (outcome excluded) and its content hash.

    Field order is the model's, so equal declarations give equal text and equal hashes.
    """
    text = decl.model_dump_json(by_alias=True, exclude_none=True, exclude={"outcome"})
    return JsonText(text), hashlib.sha256(text.encode()).hexdigest()


def declaration_row(
    decl: Declaration,
    ident: int,
    version: int,
    payload: JsonText,
    digest: str,
    run_id: int,
    now: dt.datetime,
) -> dict[str, Any]:
    route = decl.route
    return {
        "id": ident,
        "source_id": decl.source_id,
        "version": version,
        "content_hash": digest,
        "type": decl.type.value,
        "declared_at": decl.declared_at,
        "office": decl.office,
        "mode_of_transport": int(decl.mode_of_transport),
        "place_of_loading": route.place_of_loading,
        "place_of_discharge": route.place_of_discharge,
        "country_of_dispatch": route.country_of_dispatch,
        "payload": payload,
        "ingest_run_id": run_id,
        "recorded_at": now,
        "superseded_at": None,
    }


def goods_rows(decl: Declaration, ident: int) -> list[dict[str, Any]]:
    return [
        {
            "declaration_id": ident,
            "item_number": g.item_number,
            "hs_code": g.hs_code,
            "description": g.description,
            "cas_number": g.cas_number,
            "quantity": g.quantity,
            "unit": g.unit,
            "gross_mass_kg": g.gross_mass_kg,
            "net_mass_kg": g.net_mass_kg,
            "value": g.value,
            "currency": g.currency,
            "origin_country": g.origin_country,
            "duty_rate": g.duty_rate,
        }
        for g in decl.goods
    ]


def party_rows(decl: Declaration, ident: int) -> list[dict[str, Any]]:
    return [
        {
            "declaration_id": ident,
            "seq": seq,
            "role": p.role.value,
            "name": p.name,
            "schema": p.schema_.value,
            "country": p.country,
            "eori": p.identifiers.eori,
            "tin": p.identifiers.tin,
            "aeo": p.aeo.value if p.aeo else None,
        }
        for seq, p in enumerate(decl.parties, start=1)
    ]


def outcome_key(outcome: Outcome) -> tuple[Any, ...]:
    """What makes two outcomes the same (for idempotent re-ingest)."""
    return (
        outcome.inspected,
        outcome.finding.value,
        outcome.illicit,
        round(outcome.revenue_recovered, 6),
        tuple(outcome.labels),
    )


def outcome_row(
    decl: Declaration, outcome: Outcome, ident: int, now: dt.datetime, actor: str
) -> dict[str, Any]:
    return {
        "declaration_id": ident,
        "source_id": decl.source_id,
        "inspected": outcome.inspected,
        "finding": outcome.finding.value,
        "illicit": outcome.illicit,
        "revenue_recovered": outcome.revenue_recovered,
        "labels": list(outcome.labels),
        "origin": "ingest",
        "final": True,
        "recorded_at": now,
        "recorded_by": actor,
        "superseded_at": None,
    }
