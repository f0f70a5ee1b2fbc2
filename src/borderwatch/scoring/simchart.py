"""The selection-bias simulation chart: weekly precision, recall and revenue of each policy
relative to the oracle (1.0 = as good as knowing the truth)."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from borderwatch.errors import SourceUnreadable
from borderwatch.scoring.simulate import POLICIES


def write_chart(weekly: pl.DataFrame, path: Path, rate: float) -> Path:
    """Write a PNG with one panel per measure and one line per policy."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    measures = ("precision", "recall", "revenue")
    fig, axes = plt.subplots(len(measures), 1, figsize=(10, 9), sharex=True)
    for ax, measure in zip(axes, measures, strict=True):
        for policy in POLICIES:
            part = weekly.filter(pl.col("policy") == policy)
            ax.plot(part["week"], part[f"{measure}_vs_oracle"], label=policy, linewidth=1.2)
        ax.set_ylabel(f"{measure} / oracle")
        ax.set_ylim(0, 1.05)
        ax.grid(alpha=0.3)
    axes[0].legend(loc="lower right")
    axes[0].set_title(f"Selection-bias simulation: inspecting {rate:.0%} a week")
    axes[-1].set_xlabel("week")
    fig.tight_layout()
    try:
        fig.savefig(path, dpi=100)
    except OSError as exc:
        raise SourceUnreadable(f"{path}: cannot write the chart: {exc}", path=str(path)) from exc
    finally:
        plt.close(fig)
    return path
