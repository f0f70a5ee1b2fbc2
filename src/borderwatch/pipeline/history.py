"""Reading stored declarations back with their live outcomes: the labelled history a model
learns from."""

from __future__ import annotations

import datetime as dt

import orjson
from sqlalchemy import Engine, and_, select

from borderwatch.model import Declaration
from borderwatch.store.schema import declarations, outcomes


def labelled_history(engine: Engine, before: dt.date) -> list[Declaration]:
    """Live declarations lodged before ``before`` whose live outcome says they were inspected,
    each with that outcome attached, in lodging order."""
    stop = dt.datetime.combine(before, dt.time(), dt.UTC)
    join = declarations.join(
        outcomes,
        and_(outcomes.c.declaration_id == declarations.c.id, outcomes.c.superseded_at.is_(None)),
    )
    query = (
        select(declarations.c.payload, outcomes)
        .select_from(join)
        .where(
            declarations.c.superseded_at.is_(None),
            declarations.c.declared_at < stop,
            outcomes.c.inspected.is_(True),
        )
        .order_by(declarations.c.declared_at, declarations.c.id)
    )
    with engine.connect() as conn:
        return [_with_outcome(row) for row in conn.execute(query)]


def _with_outcome(row: object) -> Declaration:
    payload = row.payload  # type: ignore[attr-defined]
    data = orjson.loads(payload) if isinstance(payload, str | bytes) else dict(payload)
    data["outcome"] = {
        "inspected": row.inspected,  # type: ignore[attr-defined]
        "finding": row.finding,  # type: ignore[attr-defined]
        "illicit": row.illicit,  # type: ignore[attr-defined]
        "revenue_recovered": row.revenue_recovered,  # type: ignore[attr-defined]
        "labels": list(row.labels),  # type: ignore[attr-defined]
    }
    return Declaration.model_validate(data)
