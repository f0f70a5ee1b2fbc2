"""The selectivity report: inspection rate, hit rate by lane and by selection reason, the
detection-rate estimate from the random control sample (Wilson interval), estimated missed
findings, planted threats selected, and the time from lodging to decision.

An outcome is *known* when the declaration was inspected (``outcomes.inspected``); it is a
*finding* when something was found (``finding`` other than ``none``, or ``illicit``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, and_, select

from borderwatch.model.decisions import Lane
from borderwatch.store.schema import outcomes
from borderwatch.store.selectivity import decisions

SECURITY_PATTERNS = ("sanctioned_party", "precursor_transshipment", "weapons_vague")
"""Planted patterns (labels of generated data) that count as security threats."""


def wilson(hits: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval of a proportion ``hits / n`` (95 % by default); (0, 1) for n=0."""
    if n <= 0:
        return 0.0, 1.0
    p = hits / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(slots=True)
class _Row:
    lane: Lane
    risk_lane: Lane
    basis: str
    random: bool
    overflow: bool
    lodged_at: dt.datetime
    decided_at: dt.datetime
    known: bool
    finding: bool
    pattern: str | None


@dataclass(slots=True)
class Report:
    """Figures of the selectivity report (see :meth:`to_dict` for the JSON form)."""

    data: dict[str, Any] = field(default_factory=dict)
    chart: Path | None = None

    def to_dict(self) -> dict[str, Any]:
        """One JSON-ready object; ``chart`` is the PNG path when one was drawn."""
        return {**self.data, "chart": str(self.chart) if self.chart else None}


def _rows(engine: Engine, start: dt.date | None, end: dt.date | None) -> list[_Row]:
    joined = decisions.outerjoin(
        outcomes,
        and_(outcomes.c.source_id == decisions.c.source_id, outcomes.c.superseded_at.is_(None)),
    )
    o, d = outcomes.c, decisions.c
    query = select(
        d.lane, d.risk_lane, d.basis, d.random, d.overflow, d.lodged_at, d.decided_at,
        o.inspected, o.finding, o.illicit, o.labels,
    ).select_from(joined).where(d.superseded_at.is_(None))  # fmt: skip
    if start is not None:
        query = query.where(d.day >= start)
    if end is not None:
        query = query.where(d.day <= end)
    with engine.connect() as conn:
        return [_row(r) for r in conn.execute(query)]


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


def _row(r: Any) -> _Row:
    labels = r.labels or []
    finding = bool(r.illicit) or (r.finding not in (None, "none"))
    return _Row(
        Lane(r.lane), Lane(r.risk_lane), r.basis, bool(r.random), bool(r.overflow),
        _utc(r.lodged_at), _utc(r.decided_at), bool(r.inspected), finding,
        str(labels[0]) if labels else None,
    )  # fmt: skip


def _rate(hits: int, n: int) -> float | None:
    return round(hits / n, 6) if n else None


def _hit_rates(rows: list[_Row], key: str) -> dict[str, dict[str, Any]]:
    groups: dict[str, list[_Row]] = defaultdict(list)
    for r in rows:
        groups[str(getattr(r, key))].append(r)
    out = {}
    for name, members in sorted(groups.items()):
        known = [r for r in members if r.known]
        hits = sum(r.finding for r in known)
        out[name] = {"declarations": len(members), "known": len(known), "findings": hits,
                     "hit_rate": _rate(hits, len(known))}  # fmt: skip
    return out


def _random_sample(rows: list[_Row]) -> dict[str, Any]:
    """Detection-rate estimate from the random sample: of its findings, the share risk alone
    would have selected; missed findings among the declarations risk left green."""
    sample = [r for r in rows if r.random and r.known]
    found = [r for r in sample if r.finding]
    caught = sum(r.risk_lane.selected for r in found)
    low, high = wilson(caught, len(found))
    unselected = [r for r in sample if not r.risk_lane.selected]
    missed = sum(r.finding for r in unselected)
    green = sum(not r.lane.selected for r in rows)
    m_low, m_high = wilson(missed, len(unselected))
    rate = missed / len(unselected) if unselected else None
    return {
        "size": sum(r.random for r in rows), "known": len(sample), "findings": len(found),
        "detection_estimate": _rate(caught, len(found)),
        "detection_ci": [round(low, 4), round(high, 4)] if found else None,
        "estimated_missed_findings": round(rate * green) if rate is not None else None,
        "estimated_missed_ci": [round(m_low * green), round(m_high * green)] if unselected
        else None,
    }  # fmt: skip


def _planted(rows: list[_Row]) -> dict[str, Any]:
    by: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        if r.pattern is not None:
            by[r.pattern]["planted"] += 1
            by[r.pattern]["selected"] += r.lane.selected
    security = [p for p in by if p in SECURITY_PATTERNS]
    planted = sum(by[p]["planted"] for p in security)
    selected = sum(by[p]["selected"] for p in security)
    return {
        "planted_threats": planted,
        "planted_threats_selected": selected,
        "planted_threat_share_selected": _rate(selected, planted),
        "planted_by_pattern": {p: dict(c) for p, c in sorted(by.items())},
    }


def _latency(rows: list[_Row]) -> dict[str, float | None]:
    seconds = sorted((r.decided_at - r.lodged_at).total_seconds() for r in rows)
    if not seconds:
        return {"median_seconds": None, "p95_seconds": None}
    p95 = seconds[min(len(seconds) - 1, int(0.95 * len(seconds)))]
    return {"median_seconds": round(seconds[len(seconds) // 2], 3), "p95_seconds": round(p95, 3)}


def summarise(rows: list[_Row]) -> dict[str, Any]:
    """Every figure of the report from decision rows joined with their outcomes."""
    n = len(rows)
    lanes = Counter(r.lane.value for r in rows)
    known_findings = [r for r in rows if r.known and r.finding]
    detected = sum(r.lane.selected for r in known_findings)
    return {
        "declarations": n,
        "lanes": {lane.value: lanes.get(lane.value, 0) for lane in Lane},
        "inspection_rate": _rate(n - lanes.get("green", 0), n),
        "physical_rate": _rate(lanes.get("red", 0) + lanes.get("hold", 0), n),
        "overflow": sum(r.overflow for r in rows),
        "known_outcomes": sum(r.known for r in rows),
        "detection_rate": _rate(detected, len(known_findings)),
        "hit_rate_by_lane": _hit_rates(rows, "lane"),
        "hit_rate_by_basis": _hit_rates(rows, "basis"),
        "random_sample": _random_sample(rows),
        **_planted(rows),
        "lodging_to_decision": _latency(rows),
    }


def report(
    engine: Engine,
    start: dt.date | None = None,
    end: dt.date | None = None,
    chart: Path | None = None,
) -> Report:
    """The report over live decisions lodged from ``start`` to ``end``; with ``chart``, a PNG
    is drawn there."""
    rows = _rows(engine, start, end)
    out = Report(summarise(rows))
    if chart is not None:
        from borderwatch.selectivity.chart import draw

        out.chart = draw(out.data, chart)
    return out
