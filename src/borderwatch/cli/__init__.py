"""The ``borderwatch`` command: a thin Typer layer, one module per capability.

Each command is a few lines that call a library function; errors from
:class:`~borderwatch.errors.BorderwatchError` are printed plainly with a non-zero exit.
Commands are declared below by name and module and imported only when used
(:mod:`borderwatch.cli.lazy`), so ``borderwatch --help`` and light commands start fast.
"""

from __future__ import annotations

import sys

import typer

from borderwatch.cli.lazy import LazyGroup, command
from borderwatch.cli.util import run_app

# name, module under borderwatch.cli, one-line help for the command list
for _name, _module, _help in (
    ("demo", "demo", "Generate trade with planted threats and run the whole pipeline."),
    ("generate", "synth", "Generate synthetic declarations (JSON Lines)."),
    ("ingest", "ingest", "Validate and store declarations; rejects go to quarantine."),
    ("quarantine", "ingest", "Inspect records rejected by ingest."),
    ("screen", "screening", "Screen a parties CSV against sanctions and lookout lists."),
    ("screen-review", "screening", "Confirm or dismiss screening hits; list the reviews."),
    ("rules", "rules", "Risk rules: validate, author, approve, activate, backtest."),
    ("model", "scoring", "Train, score, evaluate and simulate the ML risk model."),
    ("assess", "assess", "Assign lanes to stored declarations, a file, or one declaration."),
    ("report", "assess", "Selectivity report: inspection and hit rates, detection estimate."),
    ("case", "cases", "Cases: inspections, results, enforcement actions, custody."),
    ("sharing", "sharing", "Share with partner agencies under agreements."),
    ("audit", "audit", "The tamper-evident audit log."),
    ("travel", "travel", "Traveller targeting (PAXLST, PNRGOV)."),
    ("serve", "serve", "Serve the API and the web interface."),
):
    command(_name, _module, _help)

app = typer.Typer(
    name="borderwatch",
    help="Borderwatch: customs risk targeting and enforcement.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=LazyGroup,
)


@app.callback()
def _root() -> None:
    """Borderwatch: customs risk targeting and enforcement."""


def main() -> None:
    """Entry point of the ``borderwatch`` console script."""
    sys.exit(run_app(app))
