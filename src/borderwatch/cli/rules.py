"""``borderwatch rules``: validate, author, approve, activate and backtest risk rules."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import typer
from rich.progress import Progress
from rich.table import Table
from sqlalchemy import Engine

from borderwatch.cli.backtest_view import print_backtest, print_performance
from borderwatch.cli.util import console, err_console, print_json
from borderwatch.rules import (
    COLUMNS,
    check,
    compile_rule,
    load_file,
    load_pack,
    pack_names,
    parse_spec,
    performance,
    registry,
)
from borderwatch.rules.backtest import Window, evaluate, labelled_view
from borderwatch.rules.chart import write_chart
from borderwatch.rules.registry import RuleVersion
from borderwatch.store import open_store

USER = typer.Option(..., "--user", "-u", help="Who does this (recorded with the change).")
REASON = typer.Option("", "--reason", "-r", help="Why (recorded with the change).")
CHART = typer.Option(None, "--chart", help="Write hits and findings per week (.png or .svg).")
FILE_ARG = typer.Argument(None, help="YAML rule file (omit with --pack).")
VERSION = typer.Option(None, "--version", "-v", help="Rule version (default: the latest fit).")

rules_app = typer.Typer(help="Risk rules: validate, author, approve, activate, backtest.")


@rules_app.command("validate")
def validate_cmd(
    expr: str = typer.Option(None, "--expr", "-e", help="A rule expression to check."),
    file: str = typer.Option(None, "--file", "-f", help="A YAML rule file to check."),
    pack: str = typer.Option(None, "--pack", help="A built-in pack to check, e.g. security."),
) -> None:
    """Check an expression, a rule file or a pack; exit 0 if valid, 1 with the errors if not."""
    if sum(x is not None for x in (expr, file, pack)) != 1:
        raise typer.BadParameter("give exactly one of --expr, --file or --pack")
    if expr is not None:
        checked = check(expr)
        console.print(f"valid; reads: {', '.join(checked.columns) or '(no columns)'}")
        return
    specs = load_file(Path(file)) if file is not None else load_pack(pack)
    console.print(f"valid: {len(specs)} rules")


@rules_app.command("columns")
def columns_cmd(
    json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """List the feature-view columns a rule may read, with type and meaning."""
    if json:
        print_json([{"name": c.name, "type": c.type, "meaning": c.meaning} for c in COLUMNS])
        return
    for c in COLUMNS:
        console.print(f"{c.name:<34} {c.type:<6} {c.meaning}", highlight=False)


@rules_app.command("packs")
def packs_cmd() -> None:
    """List the built-in rule packs and their rules."""
    for name in pack_names():
        specs = load_pack(name)
        err_console.print(f"[bold]{name}[/bold]: {len(specs)} rules")
        for s in specs:
            console.print(f"  {s.id:<40} {s.title}", highlight=False)


@rules_app.command("import")
def import_cmd(
    file: Path = FILE_ARG,
    pack: str = typer.Option(None, "--pack", help="Import a built-in pack, e.g. security."),
    user: str = USER,
    reason: str = typer.Option("imported", "--reason", "-r", help="Why (recorded)."),
) -> None:
    """Store rules from YAML as draft versions; all are validated first, none stored if one
    is invalid. Unchanged rules are skipped; changed ones get a new version."""
    if (file is None) == (pack is None):
        raise typer.BadParameter("give a FILE or --pack")
    specs = load_pack(pack) if pack is not None else load_file(file)
    created = registry.save(open_store(), specs, user, reason)
    console.print(f"{len(created)} new versions: {', '.join(created) or '(none)'}")


rules_app.command("create", help="Alias of import: store rules from a YAML file as drafts.")(
    import_cmd
)


def _table(rows: list[RuleVersion], title: str) -> Table:
    table = Table(title=title)
    for name in ("id", "v", "state", "shadow", "effect", "weight", "author", "title"):
        table.add_column(name)
    for r in rows:
        s = r.spec
        effect = s.min_lane.value if s.min_lane else s.effect.value
        table.add_row(
            s.id, str(r.version), r.state.value, "yes" if r.shadow else "", effect,
            f"{s.weight:g}", r.created_by, s.title,
        )  # fmt: skip
    return table


@rules_app.command("list")
def list_cmd(
    json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """List stored rules: the latest version of each and its active version."""
    rows = registry.listing(open_store())
    if json:
        print_json([{**r.spec.to_data(), "version": r.version, "state": r.state.value,
                     "shadow": r.shadow} for r in rows])  # fmt: skip
        return
    console.print(_table(rows, "Rules"))


@rules_app.command("show")
def show_cmd(
    rule_id: str = typer.Argument(..., help="Rule id."),
    json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Show every version of a rule and its lifecycle events."""
    engine = open_store()
    found = registry.versions(engine, rule_id)
    if json:
        print_json({"versions": [{**v.spec.to_data(), "version": v.version,
                                  "state": v.state.value} for v in found],
                    "events": registry.events(engine, rule_id)})  # fmt: skip
        return
    console.print(_table(found, f"Rule {rule_id}"))
    for v in found:
        console.print(f"v{v.version}: {v.spec.expression}", highlight=False)
    for e in registry.events(engine, rule_id):
        gone = " (superseded)" if e["superseded_at"] else ""
        console.print(
            f"  v{e['version']} {e['state']} by {e['changed_by']} at {e['changed_at']}: "
            f"{e['reason']}{gone}",
            highlight=False,
        )


@rules_app.command("approve")
def approve_cmd(
    rule_id: str = typer.Argument(..., help="Rule id."),
    user: str = USER,
    version: int = VERSION,
    reason: str = REASON,
) -> None:
    """Approve a draft version; its author cannot approve it (four-eyes principle)."""
    done = registry.approve(open_store(), rule_id, user, version, reason or "approved")
    console.print(f"{rule_id} v{done.version} approved by {user}")


@rules_app.command("activate")
def activate_cmd(
    rule_id: str = typer.Argument(..., help="Rule id."),
    user: str = USER,
    version: int = VERSION,
    shadow: bool = typer.Option(False, "--shadow", help="Evaluate and report, no effect."),
    reason: str = REASON,
) -> None:
    """Activate an approved version; the previously active version is retired."""
    done = registry.activate(open_store(), rule_id, user, version, shadow, reason or "activated")
    mode = " in shadow mode" if done.shadow else ""
    console.print(f"{rule_id} v{done.version} active{mode}")


@rules_app.command("shadow")
def shadow_cmd(
    rule_id: str = typer.Argument(..., help="Rule id."),
    on: bool = typer.Option(True, "--on/--off", help="Shadow mode on or off."),
    user: str = USER,
    reason: str = REASON,
) -> None:
    """Switch shadow mode of the active version: evaluated and reported, no effect."""
    done = registry.set_shadow(open_store(), rule_id, on, user, reason or f"shadow {on}")
    console.print(f"{rule_id} v{done.version} shadow={'on' if done.shadow else 'off'}")


@rules_app.command("retire")
def retire_cmd(
    rule_id: str = typer.Argument(..., help="Rule id."),
    user: str = USER,
    reason: str = typer.Option(..., "--reason", "-r", help="Why the rule is retired."),
) -> None:
    """Retire the active (or latest) version of a rule."""
    done = registry.retire(open_store(), rule_id, user, reason)
    console.print(f"{rule_id} v{done.version} retired")


def _window(start: str, end: str, warmup: int) -> Window:
    try:
        return Window(dt.date.fromisoformat(start), dt.date.fromisoformat(end), warmup)
    except ValueError as exc:
        raise typer.BadParameter(f"dates must be YYYY-MM-DD: {exc}") from None


def _labelled(engine: Engine, window: Window) -> pl.DataFrame:
    with Progress(console=err_console, transient=True) as bar:
        task = bar.add_task("loading declarations", total=None)
        return labelled_view(engine, window, lambda n: bar.update(task, completed=n))


@rules_app.command("backtest")
def backtest_cmd(
    rule_id: str = typer.Argument(None, help="Stored rule id (its latest version)."),
    expr: str = typer.Option(None, "--expr", "-e", help="An ad hoc expression instead."),
    start: str = typer.Option(..., "--from", help="First declaration date, YYYY-MM-DD."),
    end: str = typer.Option(..., "--to", help="Last declaration date, YYYY-MM-DD."),
    warmup: int = typer.Option(365, "--warmup-days", min=0, help="History before --from."),
    chart: Path = CHART,
    json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """How a rule would have performed on stored declarations and outcomes."""
    if (rule_id is None) == (expr is None):
        raise typer.BadParameter("give a RULE_ID or --expr")
    engine = open_store()
    if expr is not None:
        data = {"id": "ADHOC", "title": "ad hoc expression", "description": "backtest",
                "expression": expr, "owner": "cli"}  # fmt: skip
        rule = compile_rule(parse_spec(data))
    else:
        latest = registry.versions(engine, rule_id)[-1]
        rule = compile_rule(latest.spec, latest.version)
    window = _window(start, end, warmup)
    result = evaluate(rule, registry.active_ruleset(engine), _labelled(engine, window), window)
    if chart is not None:
        write_chart(result, chart)
    if json:
        print_json(result.as_dict())
        return
    print_backtest(result)


@rules_app.command("performance")
def performance_cmd(
    start: str = typer.Option(..., "--from", help="First declaration date, YYYY-MM-DD."),
    end: str = typer.Option(..., "--to", help="Last declaration date, YYYY-MM-DD."),
    warmup: int = typer.Option(365, "--warmup-days", min=0, help="History before --from."),
    json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Compute and store hits, findings and hit rate per active rule and week."""
    engine = open_store()
    window = _window(start, end, warmup)
    with Progress(console=err_console, transient=True) as bar:
        task = bar.add_task("computing rule performance", total=None)
        rows = performance.compute(engine, window, lambda n: bar.update(task, completed=n))
    if json:
        print_json(rows)
        return
    print_performance(rows, window)


def register(app: typer.Typer) -> None:
    """Add the ``rules`` sub-command group to ``app``."""
    app.add_typer(rules_app, name="rules")
