"""``borderwatch assess`` (lanes for stored declarations, a JSON Lines file, or one declaration
in real time) and ``borderwatch report`` (the selectivity report, with a chart)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import orjson
import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

from borderwatch.cli.util import console, err_console, print_json, read_input
from borderwatch.errors import FieldError, InvalidInput
from borderwatch.selectivity import CapacityMode, build_assessor, report, run_assessment
from borderwatch.selectivity.records import save_decisions
from borderwatch.settings import get_settings
from borderwatch.store import open_store

DateOpt = Annotated[
    dt.datetime | None,
    typer.Option("--from", formats=["%Y-%m-%d"], help="First lodging day (inclusive)."),
]
ToOpt = Annotated[
    dt.datetime | None,
    typer.Option("--to", formats=["%Y-%m-%d"], help="Last lodging day (inclusive)."),
]


def _read_one(path: str) -> Any:
    raw = read_input(path)
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise InvalidInput(f"{path} is not JSON", [FieldError("declaration", str(exc))]) from None


def _lines(path: Path) -> int | None:
    """Non-blank lines of a JSON Lines file (the progress bar's total), None if unreadable
    (the run then says why)."""
    try:
        with path.open("rb") as fh:
            return sum(1 for line in fh if line.strip())
    except OSError:
        return None


def assess(
    start: DateOpt = None,
    end: ToOpt = None,
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="Assess a JSON Lines file of declarations.")
    ] = None,
    one: Annotated[
        str | None, typer.Option("--one", help="Assess one JSON declaration (a path or -).")
    ] = None,
    model: Annotated[
        Path | None, typer.Option(help="Model directory (default: the registry's active model).")
    ] = None,
    policy: Annotated[Path | None, typer.Option(help="Policy YAML (default: shipped).")] = None,
    capacity: Annotated[
        CapacityMode, typer.Option(help="Batch capacity: rank by expected value, or budget.")
    ] = CapacityMode.RANK,
    store: Annotated[bool, typer.Option(help="Store the decisions (append-only).")] = True,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            help="Processes for a batch (one per core; large batches only, same decisions).",
        ),
    ] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Assign lanes: stored declarations lodged --from/--to, a --file, or --one in real time."""
    engine = open_store(get_settings().store_url)
    if one is not None:
        assessor = build_assessor(engine, model_dir=model, policy_path=policy)
        decision = assessor.assess(_read_one(one))
        if store:
            with engine.begin() as conn:
                save_decisions(conn, [decision], "realtime")
        print_json(decision.to_dict())
        return
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err_console,
        disable=as_json,
        transient=True,
    ) as bar:
        task = bar.add_task("assess", total=_lines(file) if file is not None else None)
        summary = run_assessment(
            engine,
            start=start.date() if start else None,
            end=end.date() if end else None,
            path=file,
            model_dir=model,
            policy_path=policy,
            capacity=capacity,
            store=store,
            workers=workers,
            progress=lambda n: bar.advance(task, n),
        )
    data = summary.to_dict()
    if as_json:
        print_json(data)
        return
    lanes = ", ".join(f"{k} {v:,}" for k, v in sorted(data["lanes"].items()))
    console.print(
        f"{data['assessed']:,} assessed ({lanes}); {data['refused']} refused; "
        f"{data['overflow']} over capacity; {data['per_second'] or 0:,}/s"
        f" on {data['processes']} process{'es' if data['processes'] > 1 else ''}",
        highlight=False,
    )
    for name, count in data["failed_components"].items():
        err_console.print(f"[yellow]component failed:[/yellow] {name} on {count:,} declarations")


def report_command(
    start: DateOpt = None,
    end: ToOpt = None,
    chart: Annotated[
        Path | None, typer.Option(help="PNG to draw (default: reports/selectivity.png).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Inspection rate, hit rates by lane and reason, detection estimate, planted threats."""
    settings = get_settings()
    engine = open_store(settings.store_url)
    target = chart or settings.data_dir / "reports" / "selectivity.png"
    out = report(engine, start.date() if start else None, end.date() if end else None, target)
    data = out.to_dict()
    if as_json:
        print_json(data)
        return
    console.print(render(data), highlight=False)


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.2f}%"


def _count(x: float | None) -> str:
    return "n/a" if x is None else f"{x:,.0f}"


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "n/a"
    if seconds < 120:
        return f"{seconds:.1f} s"
    if seconds < 2 * 86400:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:,.1f} days"


def render(data: dict[str, Any]) -> str:
    """The report as plain text lines."""
    sample = data["random_sample"]
    ci = sample["detection_ci"]
    lines = [
        f"declarations {data['declarations']:,}; lanes "
        + ", ".join(f"{k} {v:,}" for k, v in data["lanes"].items()),
        f"inspection rate {_pct(data['inspection_rate'])} "
        f"(physical {_pct(data['physical_rate'])}); over capacity {data['overflow']:,}",
        f"planted security threats selected: {data['planted_threats_selected']} of "
        f"{data['planted_threats']} ({_pct(data['planted_threat_share_selected'])})",
        f"detection rate on known findings {_pct(data['detection_rate'])}",
        f"random sample {sample['size']:,} ({sample['known']} known): detection estimate "
        f"{_pct(sample['detection_estimate'])}"
        + (f" [{_pct(ci[0])}, {_pct(ci[1])}]" if ci else "")
        + f"; estimated missed findings {_count(sample['estimated_missed_findings'])}",
        f"lodging to decision: median {_duration(data['lodging_to_decision']['median_seconds'])}",
    ]
    for title, key in (("lane", "hit_rate_by_lane"), ("reason", "hit_rate_by_basis")):
        for name, row in data[key].items():
            lines.append(
                f"  hit rate by {title} {name}: {_pct(row['hit_rate'])} "
                f"({row['findings']}/{row['known']} known, {row['declarations']:,} declarations)"
            )
    lines.append(f"chart: {data['chart']}")
    return "\n".join(lines)


def register(app: typer.Typer) -> None:
    """Add ``assess`` and ``report`` to ``app``."""
    app.command("assess")(assess)
    app.command("report")(report_command)
