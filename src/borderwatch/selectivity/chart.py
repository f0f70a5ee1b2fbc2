"""The report chart: lanes, hit rate by selection reason, the detection estimate with its
Wilson interval, and planted threats selected by pattern (matplotlib, Agg backend)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from borderwatch.errors import FieldError, InvalidInput


def draw(data: dict[str, Any], path: Path) -> Path:
    """Draw the report ``data`` to the PNG ``path`` and return it."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(2, 2, figsize=(11, 7))
    lanes = data["lanes"]
    axes[0][0].bar(list(lanes), list(lanes.values()), color=["green", "gold", "red", "black"])
    axes[0][0].set_yscale("symlog")
    axes[0][0].set_title(f"Lanes (inspection rate {100 * (data['inspection_rate'] or 0):.2f}%)")
    basis = {k: v["hit_rate"] or 0.0 for k, v in data["hit_rate_by_basis"].items()}
    axes[0][1].bar(list(basis), list(basis.values()), color="steelblue")
    axes[0][1].set_title("Hit rate by selection reason (known outcomes)")
    sample = data["random_sample"]
    estimate, ci = sample["detection_estimate"], sample["detection_ci"]
    if estimate is not None and ci is not None:
        axes[1][0].errorbar([0], [estimate], yerr=[[estimate - ci[0]], [ci[1] - estimate]], fmt="o")
    axes[1][0].set_xlim(-1, 1)
    axes[1][0].set_ylim(0, 1)
    axes[1][0].set_title(f"Detection estimate, random sample (n={sample['known']})")
    planted = data["planted_by_pattern"]
    shares = {p: c.get("selected", 0) / c["planted"] for p, c in planted.items() if c["planted"]}
    axes[1][1].barh(list(shares), list(shares.values()), color="darkred")
    axes[1][1].set_xlim(0, 1)
    axes[1][1].set_title("Planted patterns selected (share)")
    fig.tight_layout()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, dpi=90)
    except OSError as exc:
        raise InvalidInput(f"cannot write {path}", [FieldError("chart", str(exc))]) from None
    finally:
        plt.close(fig)
    return path
