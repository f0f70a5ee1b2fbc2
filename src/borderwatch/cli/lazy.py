"""A command group that imports a capability's CLI module only when one of its commands runs.

Importing every engine (LightGBM, Polars, DuckDB, FastAPI, ...) to print ``--help`` or to run
``borderwatch ingest`` would cost seconds at every start; each command is therefore declared
here by name, module and one-line help, and its module is imported on first use.
"""

from __future__ import annotations

import importlib
from typing import Any

import typer
from typer.core import TyperGroup

# command -> (module under borderwatch.cli, short help shown by ``borderwatch --help``)
COMMANDS: dict[str, tuple[str, str]] = {}


def command(name: str, module: str, short_help: str) -> None:
    """Declare command ``name``, registered by ``borderwatch.cli.<module>.register``."""
    COMMANDS[name] = (module, short_help)


def load(name: str) -> Any:
    """The click command ``name``, importing its module."""
    module, _ = COMMANDS[name]
    sub = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    importlib.import_module(f"borderwatch.cli.{module}").register(sub)
    group = typer.main.get_group(sub)
    found = group.commands.get(name)
    if found is None:
        raise LookupError(f"borderwatch.cli.{module} registers no command {name!r}")
    return found


class LazyGroup(TyperGroup):
    """Lists the declared commands without importing them; imports one when it is used."""

    def list_commands(self, ctx: Any) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(COMMANDS))

    def format_help(self, ctx: Any, formatter: Any) -> None:
        ctx._borderwatch_listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            ctx._borderwatch_listing = False

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name in COMMANDS:
            if ctx.resilient_parsing or _listing(ctx):
                return _Placeholder(cmd_name, COMMANDS[cmd_name][1])
            return load(cmd_name)
        return super().get_command(ctx, cmd_name)


def _listing(ctx: Any) -> bool:
    """True while the group formats its own help (listing commands needs only their help)."""
    return bool(getattr(ctx, "_borderwatch_listing", False))


class _Placeholder:
    """What the help listing needs of a command: its name, short help, hidden flag."""

    def __init__(self, name: str, short_help: str) -> None:
        self.name = name
        self.hidden = False
        self.deprecated = False
        self.rich_help_panel = None
        self.short_help = short_help
        self.help = short_help

    def get_short_help_str(self, limit: int = 150) -> str:
        return self.short_help[:limit]
