"""The ``borderwatch`` command: a thin Typer layer, one module per capability.

Each command is a few lines that call a library function; errors from
:class:`~borderwatch.errors.BorderwatchError` are printed plainly with a non-zero exit.
"""

from __future__ import annotations

import sys

import typer

from borderwatch.cli import assess as _assess
from borderwatch.cli import audit as _audit
from borderwatch.cli import cases as _cases
from borderwatch.cli import demo as _demo
from borderwatch.cli import ingest as _ingest
from borderwatch.cli import rules as _rules
from borderwatch.cli import scoring as _scoring
from borderwatch.cli import screening as _screening
from borderwatch.cli import serve as _serve
from borderwatch.cli import sharing as _sharing
from borderwatch.cli import synth as _synth
from borderwatch.cli import travel as _travel
from borderwatch.cli.util import run_app

app = typer.Typer(
    name="borderwatch",
    help="Borderwatch: customs risk targeting and enforcement.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
_ingest.register(app)
_screening.register(app)
_scoring.register(app)
_rules.register(app)
_synth.register(app)
_assess.register(app)
_audit.register(app)
_sharing.register(app)
_demo.register(app)
_cases.register(app)
_travel.register(app)
_serve.register(app)


def main() -> None:
    """Entry point of the ``borderwatch`` console script."""
    sys.exit(run_app(app))
