"""``borderwatch sharing``: agencies, agreements, signed messages, lookouts, purge."""

from __future__ import annotations

from pathlib import Path

import orjson
import typer
import yaml

from borderwatch.cli.util import console, err_console, print_json
from borderwatch.errors import SourceUnreadable
from borderwatch.sharing import (
    Agency,
    MessageKind,
    export_lookouts,
    export_messages,
    generate_key,
    import_messages,
    issue_credential,
    load_private_key,
    parse_terms,
    public_key_of,
    purge,
    record_agreement,
    register_agency,
    revoke_credential,
    share,
)
from borderwatch.store import open_store

USER = typer.Option(..., "--user", "-u", help="Who does this (recorded in the audit log).")
REASON = typer.Option("", "--reason", "-r", help="Why (recorded with the change).")
OUT = typer.Option(..., "--out", "-o", help="File to write.")
FILE = typer.Argument(..., help="Input file.")
LOCAL_KEY = typer.Option(None, "--key", help="Our private key (with --local).")
KIND = typer.Option(..., "--kind", help="alert, seizure_report or lookout_request.")
SCOPE = typer.Option(["messages:read"], "--scope", help="messages:read, messages:submit.")
KEY = typer.Option(..., "--key", help="Our Ed25519 private key (PEM), from `sharing keygen`.")

sharing_app = typer.Typer(
    help="Share with partner agencies under agreements.", no_args_is_help=True
)


def _load(path: Path) -> object:
    try:
        text = path.read_text(encoding="utf-8")
        return yaml.safe_load(text) if path.suffix in (".yaml", ".yml") else orjson.loads(text)
    except (OSError, ValueError, yaml.YAMLError) as exc:
        raise SourceUnreadable(f"{path}: cannot read: {exc}") from None


@sharing_app.command("keygen")
def keygen_cmd(out: Path = OUT) -> None:
    """Create an Ed25519 signing key (PEM, mode 0600) and print its public key."""
    console.print(generate_key(out))


@sharing_app.command("agency")
def agency_cmd(
    agency_id: str = typer.Argument(..., help="Agency id, e.g. BE-CUSTOMS."),
    name: str = typer.Option(..., "--name", help="Agency name."),
    country: str = typer.Option(..., "--country", help="ISO 3166 alpha-2."),
    public_key: str = typer.Option(None, "--public-key", help="Its Ed25519 public key."),
    key: Path = LOCAL_KEY,
    local: bool = typer.Option(False, "--local", help="This is our own agency."),
    user: str = USER,
    reason: str = REASON,
) -> None:
    """Register an agency (or a new key or name for one)."""
    pub = public_key_of(load_private_key(key)) if key else public_key or ""
    register_agency(
        open_store(),
        Agency(agency_id, name, country, pub, local),
        actor=user,
        reason=reason or "registered",
    )
    err_console.print(f"agency {agency_id} registered")


@sharing_app.command("agreement")
def agreement_cmd(file: Path = FILE, user: str = USER, reason: str = REASON) -> None:
    """Record an agreement from YAML or JSON as its new live version."""
    data = _load(file)
    if not isinstance(data, dict):
        raise SourceUnreadable(f"{file}: an agreement is a mapping")
    done = record_agreement(
        open_store(), parse_terms(data), actor=user, reason=reason or "recorded"
    )
    err_console.print(f"agreement {done.terms.id} version {done.version} recorded")


@sharing_app.command("send")
def send_cmd(
    content: Path = FILE,
    kind: MessageKind = KIND,
    partner: str = typer.Option(..., "--partner", help="Receiving agency id."),
    agreement: str = typer.Option(..., "--agreement", help="Agreement the message is sent under."),
    purpose: str = typer.Option(..., "--purpose", help="Purpose of the share, from the agreement."),
    key: Path = KEY,
    user: str = USER,
) -> None:
    """Check, minimise, sign and store a message (content: JSON of catalogued fields)."""
    data = _load(content)
    if not isinstance(data, dict):
        raise SourceUnreadable(f"{content}: content is a JSON object of fields")
    sent = share(
        open_store(),
        kind=kind,
        partner=partner,
        agreement_id=agreement,
        purpose=purpose,
        content=data,
        actor=user,
        key=load_private_key(key),
    )
    print_json({"message_id": sent.message_id, "partner": sent.partner})


@sharing_app.command("export")
def export_cmd(
    partner: str = typer.Option(..., "--partner", help="Agency whose messages to export."),
    out: Path = OUT,
) -> None:
    """Write the messages sent to a partner as one JWS per line."""
    err_console.print(f"{export_messages(open_store(), partner, out)} messages -> {out}")


@sharing_app.command("import")
def import_cmd(file: Path = FILE, user: str = USER) -> None:
    """Verify and receive a file of partner messages; exit 1 if any was rejected."""
    report = import_messages(open_store(), file, actor=user)
    print_json(report)
    if report["rejected"]:
        raise SourceUnreadable(f"{len(report['rejected'])} message(s) rejected")


@sharing_app.command("lookouts")
def lookouts_cmd(out: Path = OUT) -> None:
    """Write unexpired partner lookouts as lookout CSV for screening."""
    err_console.print(f"{export_lookouts(open_store(), out)} lookouts -> {out}")


@sharing_app.command("credential")
def credential_cmd(
    agency_id: str = typer.Argument(..., help="Partner agency."),
    scope: list[str] = SCOPE,
    revoke: str = typer.Option(None, "--revoke", help="Revoke this token id instead."),
    user: str = USER,
) -> None:
    """Issue a scoped partner credential (printed once) or revoke one."""
    if revoke:
        revoke_credential(open_store(), revoke, actor=user)
        err_console.print(f"credential {revoke} revoked")
        return
    console.print(issue_credential(open_store(), agency_id, scope, actor=user))


@sharing_app.command("purge")
def purge_cmd(
    retention_days: int = typer.Option(..., "--retention-days", min=1, help="Personal data."),
    user: str = USER,
) -> None:
    """Pseudonymise personal data past retention unless a case holds it."""
    report = purge(open_store(), actor=user, retention_days=retention_days)
    print_json(
        {"purged": report.purged, "held_open": report.held_open, "held_closed": report.held_closed}
    )


def register(app: typer.Typer) -> None:
    """Add ``borderwatch sharing`` to ``app``."""
    app.add_typer(sharing_app, name="sharing")
