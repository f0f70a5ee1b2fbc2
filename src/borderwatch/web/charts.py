"""Charts drawn on the server as inline SVG with matplotlib (no JavaScript charting)."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from markupsafe import Markup
from matplotlib.figure import Figure

from borderwatch.rules.backtest import BacktestResult
from borderwatch.rules.chart import write_chart


def _svg(fig: Figure) -> Markup:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg")
    plt.close(fig)
    text = buffer.getvalue()
    return Markup(text[text.index("<svg") :])  # matplotlib's own SVG


def bars(title: str, labels: list[str], values: list[float], ylabel: str) -> Markup:
    """A titled bar chart as inline SVG (an empty chart says so)."""
    fig, ax = plt.subplots(figsize=(5.5, 3.2))
    if labels:
        ax.bar(labels, values, color="#3a6ea5")
        ax.tick_params(axis="x", labelrotation=45)
    else:
        ax.text(0.5, 0.5, "no data yet", ha="center", va="center", transform=ax.transAxes)
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    fig.tight_layout()
    return _svg(fig)


def backtest_svg(result: BacktestResult) -> Markup:
    """The backtest chart of the rules engine (hits and findings per week) as inline SVG."""
    with tempfile.TemporaryDirectory() as tmp:
        path = write_chart(result, Path(tmp) / "backtest.svg")
        text = path.read_text(encoding="utf-8")
    return Markup(text[text.index("<svg") :])  # matplotlib's own SVG
