"""Rule performance over time: hits, inspected hits, findings, seizures and hit rate per
active rule and ISO week, stored in ``rule_performance`` for reporting.

A recomputed week supersedes the earlier row of that rule version and week (append-only).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Engine, and_, select, update

from borderwatch.rules.backtest import Progress, Window, evaluate, labelled_view
from borderwatch.rules.registry import active_ruleset
from borderwatch.rules.ruleset import RuleSet
from borderwatch.store.rules import rule_performance


def compute(engine: Engine, window: Window, progress: Progress | None = None
            ) -> list[dict[str, Any]]:  # fmt: skip
    """Weekly figures of every active rule over ``window``, stored and returned."""
    rules = active_ruleset(engine)
    labelled = labelled_view(engine, window, progress)
    rows: list[dict[str, Any]] = []
    for rule in rules.rules:
        result = evaluate(rule, RuleSet([]), labelled, window)
        for week in result.weekly:
            inspected = int(week["inspected_hits"])
            rows.append({
                "rule_id": rule.spec.id, "version": rule.version, "week_start": week["week_start"],
                "hits": int(week["hits"]), "inspected_hits": inspected,
                "findings": int(week["findings"]), "seizures": int(week["seizures"]),
                "hit_rate": int(week["findings"]) / inspected if inspected else None,
            })  # fmt: skip
    _store(engine, rows)
    return rows


def _store(engine: Engine, rows: list[dict[str, Any]]) -> None:
    now = dt.datetime.now(dt.UTC)
    with engine.begin() as conn:
        for row in rows:
            live = and_(
                rule_performance.c.rule_id == row["rule_id"],
                rule_performance.c.version == row["version"],
                rule_performance.c.week_start == row["week_start"],
                rule_performance.c.superseded_at.is_(None),
            )
            conn.execute(update(rule_performance).where(live).values(superseded_at=now))
            conn.execute(rule_performance.insert().values(**row, computed_at=now))


def stored(engine: Engine, rule_id: str | None = None) -> list[dict[str, Any]]:
    """Live stored weekly figures, by rule and week."""
    query = select(rule_performance).where(rule_performance.c.superseded_at.is_(None))
    if rule_id is not None:
        query = query.where(rule_performance.c.rule_id == rule_id)
    query = query.order_by(rule_performance.c.rule_id, rule_performance.c.week_start)
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]
