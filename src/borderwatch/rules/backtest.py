"""Backtests: how a rule would have performed on stored declarations and their outcomes.

The feature view is rebuilt from the stored payloads of live declaration versions, with
history warmed up from the ``warmup_days`` before the window, and joined with the live
outcomes. Figures: hits, inspected hits, findings, hit rate (findings / inspected hits),
seizures, base rate, lift, inspection load per day, overlap with other active rules, and
hits and findings per ISO week.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import polars as pl
from sqlalchemy import Engine, select

from borderwatch.errors import FieldError, InvalidInput
from borderwatch.model import Declaration
from borderwatch.rules.catalogue import CALLER_DEFAULTS
from borderwatch.rules.features import feature_view
from borderwatch.rules.ruleset import Compiled, RuleSet
from borderwatch.store.schema import declarations, outcomes

Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class Window:
    """Declarations lodged from ``start`` to ``end`` inclusive (UTC dates)."""

    start: dt.date
    end: dt.date
    warmup_days: int = 365

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidInput("invalid window", [FieldError("to", "is before --from")])

    @property
    def days(self) -> int:
        """Days in the window."""
        return (self.end - self.start).days + 1


@dataclass(slots=True)
class BacktestResult:
    """Figures of one rule over one window."""

    rule: str
    window: Window
    declarations: int
    hits: int
    inspected_hits: int
    findings: int
    seizures: int
    hit_rate: float | None
    base_rate: float | None
    lift: float | None
    load_per_day: float
    overlap: dict[str, int] = field(default_factory=dict)
    weekly: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready figures."""
        out = {k: getattr(self, k) for k in self.__slots__ if k != "window"}
        return {**out, "from": self.window.start.isoformat(), "to": self.window.end.isoformat()}


def _utc(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def load_declarations(engine: Engine, window: Window, progress: Progress | None = None
                      ) -> list[Declaration]:  # fmt: skip
    """Live stored declarations from the warm-up start to the end of the window."""
    since = _utc(window.start - dt.timedelta(days=window.warmup_days))
    until = _utc(window.end + dt.timedelta(days=1))
    query = (
        select(declarations.c.payload)
        .where(declarations.c.superseded_at.is_(None))
        .where(declarations.c.declared_at >= since, declarations.c.declared_at < until)
        .order_by(declarations.c.declared_at)
    )
    found: list[Declaration] = []
    with engine.connect() as conn:
        for row in conn.execute(query):
            found.append(Declaration.model_validate(row.payload))
            if progress is not None and len(found) % 1000 == 0:
                progress(len(found))
    return found


def load_outcomes(engine: Engine) -> pl.DataFrame:
    """Live outcomes: source id, inspected, finding (any), seizure."""
    query = select(outcomes.c.source_id, outcomes.c.inspected, outcomes.c.finding).where(
        outcomes.c.superseded_at.is_(None)
    )
    with engine.connect() as conn:
        rows = [(r.source_id, bool(r.inspected), str(r.finding)) for r in conn.execute(query)]
    return pl.DataFrame(
        {
            "declaration_id": [r[0] for r in rows],
            "inspected": [r[1] for r in rows],
            "finding": [r[1] and r[2] != "none" for r in rows],
            "seizure": [r[1] and r[2] == "seizure" for r in rows],
        },
        schema={"declaration_id": pl.String, "inspected": pl.Boolean, "finding": pl.Boolean,
                "seizure": pl.Boolean},
    )  # fmt: skip


def labelled_view(engine: Engine, window: Window, progress: Progress | None = None
                  ) -> pl.DataFrame:  # fmt: skip
    """The feature view of the window's declarations joined with their outcomes."""
    view = feature_view(load_declarations(engine, window, progress))
    view = view.filter(
        pl.col("declared_date").is_between(
            pl.lit(window.start.isoformat()), pl.lit(window.end.isoformat())
        )
    )
    labels = load_outcomes(engine).unique("declaration_id", keep="last")
    joined = view.join(labels, on="declaration_id", how="left")
    return joined.with_columns(pl.col("inspected", "finding", "seizure").fill_null(False))


def _rate(num: int, den: int) -> float | None:
    return num / den if den else None


def _weekly(frame: pl.DataFrame) -> list[dict[str, Any]]:
    week = pl.col("declared_date").str.to_date().dt.truncate("1w").alias("week_start")
    grouped = frame.group_by(week).agg(
        pl.col("hit").sum().alias("hits"),
        (pl.col("hit") & pl.col("inspected")).sum().alias("inspected_hits"),
        (pl.col("hit") & pl.col("finding")).sum().alias("findings"),
        (pl.col("hit") & pl.col("seizure")).sum().alias("seizures"),
    )
    return grouped.sort("week_start").to_dicts()


def evaluate(rule: Compiled, others: RuleSet, labelled: pl.DataFrame, window: Window
             ) -> BacktestResult:  # fmt: skip
    """Backtest figures of ``rule`` on a labelled view; overlap with each rule of ``others``."""
    hit = RuleSet([rule]).hit_matrix(labelled).get_column(rule.key)
    frame = labelled.select("declared_date", "inspected", "finding", "seizure").with_columns(
        hit=hit
    )
    hits = frame.filter(pl.col("hit"))
    inspected_hits = int(hits.get_column("inspected").sum())
    findings = int(hits.get_column("finding").sum())
    inspected_all = int(frame.get_column("inspected").sum())
    hit_rate = _rate(findings, inspected_hits)
    base_rate = _rate(int(frame.get_column("finding").sum()), inspected_all)
    others_matrix = others.hit_matrix(labelled) if others.rules else pl.DataFrame()
    overlap = {
        key: int((others_matrix.get_column(key) & hit).sum())
        for key in others_matrix.columns
        if key != rule.key
    }
    return BacktestResult(
        rule.key, window, frame.height, hits.height, inspected_hits, findings,
        int(hits.get_column("seizure").sum()), hit_rate, base_rate,
        hit_rate / base_rate if hit_rate is not None and base_rate else None,
        hits.height / window.days, overlap, _weekly(frame), _notes(rule),
    )  # fmt: skip


def _notes(rule: Compiled) -> list[str]:
    """Warn when the rule reads screening columns: backtests rebuild the feature view from
    stored declarations only, so those columns are 0 or empty (see docs/rules.md)."""
    screening = sorted(set(rule.columns) & set(CALLER_DEFAULTS))
    if not screening:
        return []
    return [
        f"reads screening columns ({', '.join(screening)}), which are 0 or empty in "
        "backtests: stored declarations carry no screening results"
    ]
