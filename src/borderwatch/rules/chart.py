"""Chart of a backtest: hits (bars) and findings (line) per ISO week, PNG or SVG."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt

from borderwatch.errors import FieldError, InvalidInput
from borderwatch.rules.backtest import BacktestResult


def write_chart(result: BacktestResult, path: Path) -> Path:
    """Draw hits and findings per week of ``result`` into ``path`` (``.png`` or ``.svg``)."""
    if path.suffix.lower() not in (".png", ".svg"):
        raise InvalidInput("bad chart file", [FieldError("chart", "must end in .png or .svg")])
    weeks = [str(w["week_start"]) for w in result.weekly]
    fig, ax = plt.subplots(figsize=(max(6.0, len(weeks) * 0.5), 4.0))
    ax.bar(weeks, [w["hits"] for w in result.weekly], label="hits", color="#8fb3d9")
    ax.plot(weeks, [w["findings"] for w in result.weekly], label="findings", color="#c0392b",
            marker="o")  # fmt: skip
    ax.set_title(f"Backtest {result.rule}: {result.window.start} to {result.window.end}")
    ax.set_xlabel("week starting")
    ax.set_ylabel("declarations")
    ax.tick_params(axis="x", labelrotation=60)
    ax.legend()
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)
    return path
