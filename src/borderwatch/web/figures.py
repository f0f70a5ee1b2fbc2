"""Dashboard figures read from the engines: the selectivity report, and seizures by
commodity, route and week from case results and recorded outcomes."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from sqlalchemy import Engine, func, select

from borderwatch.selectivity import report
from borderwatch.store.cases import seized_items
from borderwatch.store.schema import declarations, outcomes


def seizures_by_commodity(engine: Engine) -> Counter[str]:
    """Seized items recorded in cases, by commodity."""
    query = select(seized_items.c.commodity, func.count()).group_by(seized_items.c.commodity)
    with engine.connect() as conn:
        return Counter({str(c): int(n) for c, n in conn.execute(query)})


def _outcome_seizures(engine: Engine) -> list[Any]:
    query = (
        select(declarations.c.country_of_dispatch, declarations.c.declared_at)
        .join(outcomes, outcomes.c.declaration_id == declarations.c.id)
        .where(outcomes.c.superseded_at.is_(None), outcomes.c.finding == "seizure")
    )
    with engine.connect() as conn:
        return list(conn.execute(query))


def _week(value: dt.datetime) -> str:
    year, week, _ = value.isocalendar()
    return f"{year}-W{week:02d}"


def dashboard(engine: Engine) -> dict[str, Any]:
    """Everything the dashboard shows."""
    data = report(engine).data
    rows = _outcome_seizures(engine)
    by_route = Counter(str(r.country_of_dispatch or "?") for r in rows)
    by_week = Counter(_week(r.declared_at) for r in rows)
    return {
        "report": data,
        "by_commodity": seizures_by_commodity(engine),
        "by_route": dict(by_route.most_common(10)),
        "by_week": dict(sorted(by_week.items())[-16:]),
    }
