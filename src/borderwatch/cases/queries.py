"""Reading cases: one case, its history, its inspections and results, and lists of cases."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select

from borderwatch.cases import ledger
from borderwatch.cases.ledger import CaseView, Db, transaction, utc
from borderwatch.cases.types import CaseState
from borderwatch.store.cases import case_events, case_inspections, case_results, cases


def get_case(db: Db, case_id: int) -> CaseView:
    """The case ``case_id`` as its history makes it."""
    with transaction(db) as conn:
        return ledger.load(conn, case_id)


def _rows(db: Db, query: Any) -> list[dict[str, Any]]:
    with transaction(db) as conn:
        rows = [r._mapping for r in conn.execute(query)]
    return [{str(k): _plain(v) for k, v in row.items()} for row in rows]


def _plain(value: Any) -> Any:
    return utc(value).isoformat() if isinstance(value, dt.datetime) else value


def history(db: Db, case_id: int) -> list[dict[str, Any]]:
    """Every event of the case, oldest first: who, when, why, from and to which state."""
    get_case(db, case_id)
    query = select(case_events).where(case_events.c.case_id == case_id)
    return _rows(db, query.order_by(case_events.c.seq))


def results(db: Db, case_id: int) -> list[dict[str, Any]]:
    """Every result version of the case (superseded ones included), oldest first."""
    query = select(case_results).where(case_results.c.case_id == case_id)
    return _rows(db, query.order_by(case_results.c.id))


def inspections(db: Db, case_id: int) -> list[dict[str, Any]]:
    """Every inspection recorded on the case."""
    query = select(case_inspections).where(case_inspections.c.case_id == case_id)
    return _rows(db, query.order_by(case_inspections.c.id))


def list_cases(db: Db, state: CaseState | None = None, limit: int = 100) -> list[CaseView]:
    """The latest cases (newest first), optionally only those in ``state``."""
    last = (
        select(case_events.c.case_id, func.max(case_events.c.seq).label("seq"))
        .group_by(case_events.c.case_id)
        .subquery()
    )
    query = (
        select(cases.c.id)
        .join(last, last.c.case_id == cases.c.id)
        .join(
            case_events,
            (case_events.c.case_id == last.c.case_id) & (case_events.c.seq == last.c.seq),
        )
        .order_by(cases.c.id.desc())
        .limit(limit)
    )
    if state is not None:
        query = query.where(case_events.c.to_state == state.value)
    with transaction(db) as conn:
        return [ledger.load(conn, int(i)) for i in conn.execute(query).scalars()]
