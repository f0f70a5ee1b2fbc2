"""Store rows for one validated declaration: the declaration, its goods, parties and outcome.

:func:`prepare` turns a validated declaration into a picklable :class:`Prepared` (plain
values, no model objects), so validation can run in worker processes; the writer adds the
ids, version and run columns with :func:`declaration_row`, :func:`child_rows` and
:func:`outcome_row`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from borderwatch.model import Declaration, Outcome
from borderwatch.store.bulk import JsonText


def payload_of(decl: Declaration) -> tuple[JsonText, str]:
    """The canonical stored payload as JSON text (outcome excluded) and its content hash.

    Field order is the model's, so equal declarations give equal text and equal hashes.
    """
    text = decl.model_dump_json(by_alias=True, exclude_none=True, exclude={"outcome"})
    return JsonText(text), hashlib.sha256(text.encode()).hexdigest()


@dataclass(slots=True)
class Prepared:
    """What the writer needs of one validated declaration, as plain values."""

    source_id: str
    payload: JsonText
    digest: str
    declaration: dict[str, Any]
    goods: list[dict[str, Any]]
    parties: list[dict[str, Any]]
    outcome: dict[str, Any] | None
    outcome_key: tuple[Any, ...] | None


def prepare(decl: Declaration) -> Prepared:
    """The rows of ``decl`` without the columns only the writer knows."""
    payload, digest = payload_of(decl)
    route = decl.route
    fields = {
        "source_id": decl.source_id,
        "content_hash": digest,
        "type": decl.type.value,
        "declared_at": decl.declared_at,
        "office": decl.office,
        "mode_of_transport": int(decl.mode_of_transport),
        "place_of_loading": route.place_of_loading,
        "place_of_discharge": route.place_of_discharge,
        "country_of_dispatch": route.country_of_dispatch,
        "payload": payload,
    }
    out = decl.outcome
    return Prepared(
        decl.source_id,
        payload,
        digest,
        fields,
        _goods(decl),
        _parties(decl),
        None if out is None else _outcome(decl, out),
        None if out is None else outcome_key(out),
    )


def declaration_row(
    item: Prepared, ident: int, version: int, run_id: int, now: dt.datetime
) -> dict[str, Any]:
    return {
        "id": ident,
        "version": version,
        **item.declaration,
        "ingest_run_id": run_id,
        "recorded_at": now,
        "superseded_at": None,
    }


def child_rows(rows: list[dict[str, Any]], ident: int) -> list[dict[str, Any]]:
    """Goods or party rows of one declaration, keyed to its stored id."""
    return [{"declaration_id": ident, **row} for row in rows]


def _goods(decl: Declaration) -> list[dict[str, Any]]:
    return [
        {
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


def _parties(decl: Declaration) -> list[dict[str, Any]]:
    return [
        {
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


def _outcome(decl: Declaration, outcome: Outcome) -> dict[str, Any]:
    return {
        "source_id": decl.source_id,
        "inspected": outcome.inspected,
        "finding": outcome.finding.value,
        "illicit": outcome.illicit,
        "revenue_recovered": outcome.revenue_recovered,
        "labels": list(outcome.labels),
        "origin": "ingest",
        "final": True,
    }


def outcome_row(item: Prepared, ident: int, now: dt.datetime, actor: str) -> dict[str, Any]:
    assert item.outcome is not None
    return {
        "declaration_id": ident,
        **item.outcome,
        "recorded_at": now,
        "recorded_by": actor,
        "superseded_at": None,
    }
