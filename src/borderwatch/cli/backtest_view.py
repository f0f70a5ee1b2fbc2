"""Rich tables of a rule's backtest and of the active rules' performance, as ``borderwatch
rules backtest`` and ``borderwatch rules performance`` print them."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from borderwatch.cli.util import console, err_console
from borderwatch.rules.backtest import BacktestResult, Window


def _fmt(value: float | None, pct: bool = False) -> str:
    if value is None:
        return "n/a"
    return f"{value:.1%}" if pct else f"{value:.2f}"


def print_backtest(r: BacktestResult) -> None:
    """A backtest's figures, its weeks, its notes and its overlap with active rules."""
    table = Table(title=f"Backtest {r.rule}, {r.window.start} to {r.window.end}")
    table.add_column("figure")
    table.add_column("value", justify="right")
    figures = [
        ("declarations", str(r.declarations)), ("hits", str(r.hits)),
        ("inspected hits", str(r.inspected_hits)), ("findings", str(r.findings)),
        ("hit rate", _fmt(r.hit_rate, True)), ("seizures", str(r.seizures)),
        ("base rate", _fmt(r.base_rate, True)), ("lift", _fmt(r.lift)),
        ("inspection load per day", _fmt(r.load_per_day)),
    ]  # fmt: skip
    for name, value in figures:
        table.add_row(name, value)
    console.print(table)
    weeks = Table(title="Per week")
    for name in ("week", "hits", "inspected hits", "findings", "seizures"):
        weeks.add_column(name, justify="right")
    for w in r.weekly:
        weeks.add_row(str(w["week_start"]), str(w["hits"]), str(w["inspected_hits"]),
                      str(w["findings"]), str(w["seizures"]))  # fmt: skip
    console.print(weeks)
    for note in r.notes:
        err_console.print(f"note: {note}", highlight=False)
    for key, count in sorted(r.overlap.items(), key=lambda kv: -kv[1]):
        if count:
            console.print(f"overlap with {key}: {count} hits in common", highlight=False)


def print_performance(rows: list[dict[str, Any]], window: Window) -> None:
    """Hits, findings and hit rate per active rule and week."""
    table = Table(title=f"Rule performance {window.start} to {window.end}")
    for name in ("rule", "v", "week", "hits", "inspected", "findings", "hit rate"):
        table.add_column(name)
    for row in rows:
        table.add_row(row["rule_id"], str(row["version"]), str(row["week_start"]),
                      str(row["hits"]), str(row["inspected_hits"]), str(row["findings"]),
                      _fmt(row["hit_rate"], True))  # fmt: skip
    console.print(table)
