"""The command line: every command declared, loadable, helped, and documented in docs/cli.md."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from typing import Any

import typer

import borderwatch.cli as cli
from borderwatch.cli.lazy import COMMANDS, load
from borderwatch.cli.reference import render

DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def _registered() -> dict[str, str]:
    """command name -> module, from each CLI module's own register()."""
    found: dict[str, str] = {}
    for info in pkgutil.iter_modules(cli.__path__):
        module = importlib.import_module(f"borderwatch.cli.{info.name}")
        if not hasattr(module, "register"):
            continue
        sub = typer.Typer()
        module.register(sub)
        for name in typer.main.get_group(sub).commands:
            found[name] = info.name
    return found


def _leaves(command: Any, path: str) -> list[tuple[str, Any]]:
    if hasattr(command, "commands"):
        out = [(path, command)]
        for name, sub in command.commands.items():
            out += _leaves(sub, f"{path} {name}")
        return out
    return [(path, command)]


def test_every_registered_command_is_declared_with_its_module() -> None:
    registered = _registered()
    assert registered == {name: module for name, (module, _) in COMMANDS.items()}


def test_every_command_and_option_has_help() -> None:
    missing = []
    for name in COMMANDS:
        for path, command in _leaves(load(name), name):
            if not (command.help or "").strip():
                missing.append(path)
            missing += [
                f"{path} {p.name}"
                for p in command.params
                if getattr(p, "param_type_name", "") == "option"
                and p.name != "help"
                and not (getattr(p, "help", "") or "").strip()
            ]
    assert not missing, f"no help text: {missing}"


def test_docs_cli_md_is_the_generated_reference() -> None:
    assert DOC.read_text() == render(), (
        "docs/cli.md is stale: run .venv/bin/python -m borderwatch.cli.reference > docs/cli.md"
    )
