"""``borderwatch rules``: validate, author, approve, activate and backtest risk rules."""

from __future__ import annotations

import typer

from borderwatch.cli.util import console, err_console, print_json
from borderwatch.rules import COLUMNS, check, load_file, load_pack, pack_names

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
    from pathlib import Path

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


def register(app: typer.Typer) -> None:
    """Add the ``rules`` sub-command group to ``app``."""
    app.add_typer(rules_app, name="rules")
