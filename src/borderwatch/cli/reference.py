"""The CLI reference (docs/cli.md), generated from the commands themselves."""

from __future__ import annotations

from typing import Any

from borderwatch.cli.lazy import COMMANDS, load


def render() -> str:
    """Markdown reference of every command, option and help text of ``borderwatch``."""
    lines = [
        "# Command reference",
        "",
        "Generated from the commands by `python -m borderwatch.cli.reference > docs/cli.md`; "
        "`tests/cli/test_reference.py` keeps it in step.",
        "",
    ]
    for name in sorted(COMMANDS):
        _walk(load(name), f"borderwatch {name}", lines)
    return "\n".join(lines).rstrip() + "\n"


def _walk(command: Any, path: str, lines: list[str]) -> None:
    if hasattr(command, "commands"):
        lines += [f"## `{path}`", "", (command.help or "").strip(), ""]
        for name in sorted(command.commands):
            _walk(command.commands[name], f"{path} {name}", lines)
        return
    lines += [f"## `{path}`", "", (command.help or "").strip(), ""]
    params = [p for p in command.params if p.name != "help"]
    if params:
        lines += ["| argument or option | help |", "|---|---|"]
        for param in params:
            is_option = getattr(param, "param_type_name", "") == "option"
            names = (
                ", ".join(f"`{o}`" for o in [*param.opts, *param.secondary_opts])
                if is_option
                else f"`{(param.name or '').upper()}`"
            )
            help_text = getattr(param, "help", None) or ""
            lines.append(f"| {names} | {help_text.replace('|', '/')} |")
        lines.append("")


if __name__ == "__main__":
    print(render(), end="")
