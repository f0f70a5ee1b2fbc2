"""Helpers shared by the CLI modules: error printing, quiet broken pipes, JSON output, input
from a file or stdin and output to a file or stdout (``-``)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import orjson
import typer
from rich.console import Console

from borderwatch.errors import BorderwatchError, SourceUnreadable

err_console = Console(stderr=True)
console = Console()


def print_json(obj: Any) -> None:
    """One JSON object on stdout."""
    sys.stdout.write(orjson.dumps(obj, option=orjson.OPT_INDENT_2).decode() + "\n")


def read_input(path: str | Path) -> bytes:
    """The bytes of file ``path``, or of stdin for ``-``; a file that cannot be read raises
    :class:`~borderwatch.errors.SourceUnreadable` naming it and why."""
    try:
        return sys.stdin.buffer.read() if str(path) == "-" else Path(path).read_bytes()
    except OSError as exc:
        raise SourceUnreadable(f"cannot read {path}: {exc.strerror}") from None


def write_output(text: str, output: str | Path) -> None:
    """``text`` to file ``output`` (UTF-8), or to stdout for ``-``."""
    if str(output) == "-":
        sys.stdout.write(text)
    else:
        Path(output).write_text(text, "utf-8")


def run_app(app: typer.Typer) -> int:
    """Run ``app``; Borderwatch errors become one line on stderr and exit code 1 or 2."""
    try:
        app(standalone_mode=False)
    except BorderwatchError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2 if exc.status in (400, 404) else 1
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except typer.Exit as exc:
        return int(exc.exit_code)
    except typer.Abort:
        err_console.print("aborted")
        return 130
    except Exception as exc:  # click usage errors
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            return exc.exit_code
        raise
    return 0
