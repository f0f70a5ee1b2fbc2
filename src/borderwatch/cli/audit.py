"""``borderwatch audit``: verify the hash-chained audit log, export and check anchors."""

from __future__ import annotations

import sys
from dataclasses import fields
from pathlib import Path

import orjson
import typer

from borderwatch.audit import check_anchor, entries, export_anchor, parse_anchor, verify
from borderwatch.audit.types import AuditEntry, ChainBroken, VerifyResult
from borderwatch.cli.util import console, err_console, print_json
from borderwatch.errors import SourceUnreadable
from borderwatch.store import open_store

JSON = typer.Option(False, "--json", help="Print JSON instead of text.")
ANCHOR_ARG = typer.Argument(..., help="Anchor file written by `audit anchor` (`-`: stdin).")

audit_app = typer.Typer(help="The tamper-evident audit log.", no_args_is_help=True)


def _report(result: VerifyResult, json: bool) -> None:
    """Print the result; a broken chain exits non-zero (1) naming the first bad entry."""
    if json:
        print_json(result.to_dict())
    elif result.ok:
        console.print(f"ok: {result.checked:,} entries, head {result.head_hash}")
    if not result.ok:
        raise ChainBroken(f"audit log broken at entry {result.first_bad}: {result.reason}")


@audit_app.command("verify")
def verify_cmd(json: bool = JSON) -> None:
    """Recompute the chain; exit 0 if intact, 1 naming the first bad entry."""
    _report(verify(open_store()), json)


@audit_app.command("anchor")
def anchor_cmd(
    out: str = typer.Option("-", "--out", "-o", help="File to write the anchor to (`-`: stdout)."),
) -> None:
    """Export the verified chain head as a JSON anchor to keep outside the database."""
    data = orjson.dumps(export_anchor(open_store()).to_dict(), option=orjson.OPT_INDENT_2)
    if out == "-":
        sys.stdout.write(data.decode() + "\n")
    else:
        Path(out).write_bytes(data + b"\n")
        err_console.print(f"anchor written to {out}")


@audit_app.command("check-anchor")
def check_anchor_cmd(
    anchor: Path = ANCHOR_ARG,
    json: bool = JSON,
) -> None:
    """Check the log still holds the anchored entry unchanged; exit 1 if truncated or rewritten."""
    raw = sys.stdin.buffer.read() if str(anchor) == "-" else _read(anchor)
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise SourceUnreadable(f"{anchor}: not JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise SourceUnreadable(f"{anchor}: an anchor is a JSON object")
    _report(check_anchor(open_store(), parse_anchor(data)), json)


def _read(path: Path) -> bytes:
    if not path.is_file():
        raise SourceUnreadable(f"{path}: no such anchor file")
    return path.read_bytes()


@audit_app.command("log")
def log_cmd(
    subject_type: str = typer.Option(None, "--subject-type", help="Only this subject type."),
    subject_id: str = typer.Option(None, "--subject-id", help="Only this subject id."),
    action: str = typer.Option(None, "--action", help="Only this action, e.g. share.out."),
    after: int = typer.Option(0, "--after", help="Entries after this sequence number."),
    limit: int = typer.Option(50, "--limit", min=1, max=10_000, help="At most this many."),
    json: bool = JSON,
) -> None:
    """List audit entries in chain order."""
    found = entries(
        open_store(),
        subject_type=subject_type,
        subject_id=subject_id,
        action=action,
        after=after,
        limit=limit,
    )
    if json:
        print_json({"items": [_dict(e) for e in found]})
        return
    for e in found:
        console.print(
            f"{e.seq:>8} {e.at:%Y-%m-%d %H:%M:%S} {e.actor} {e.action} "
            f"{e.subject_type}:{e.subject_id} {e.purpose or ''}",
            markup=False,
        )


def _dict(entry: AuditEntry) -> dict[str, object]:
    return {f.name: getattr(entry, f.name) for f in fields(entry)}


def register(app: typer.Typer) -> None:
    """Add ``borderwatch audit`` to ``app``."""
    app.add_typer(audit_app, name="audit")
