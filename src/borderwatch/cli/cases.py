"""``borderwatch case``: the inspection and enforcement workflow, custody and reports.

Every change names who acts (``--user``, ``--role``) and the case version they saw
(``--version``); a stale version is refused. Results and actions are JSON (a file or ``-``).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import orjson
import typer

from borderwatch import cases
from borderwatch.cases import Actor, CaseState, CaseView, Role
from borderwatch.cli.util import console, print_json, read_input, write_output
from borderwatch.errors import SourceUnreadable
from borderwatch.store import open_store

USER = typer.Option(..., "--user", "-u", help="Who acts (recorded).")
ROLE = typer.Option(..., "--role", help="targeting_officer, inspecting_officer or supervisor.")
VERSION = typer.Option(..., "--version", "-V", help="The case version you saw (locking).")
REASON = typer.Option("", "--reason", "-r", help="Why (recorded).")
NEED_REASON = typer.Option(..., "--reason", "-r", help="Why (recorded).")
JSON = typer.Option(False, "--json", help="Print JSON.")
CASE = typer.Argument(..., help="Case id.")
ACTION = typer.Argument(..., help="Enforcement action id.")
POWERS = typer.Option(None, "--powers", help="Catalogue of legal powers (default: example).")
RULES = typer.Option(None, "--rule", help="Rule that fired, as ID@VERSION (repeatable).")
HITS = typer.Option(None, "--hit", help="Screening hit id (repeatable).")
SEALS = typer.Option(None, "--seal", help="Seal or bag number (repeatable).")
OUT = typer.Option("-", "--output", "-o", help="Output file, or - for stdout.")

case_app = typer.Typer(help="Cases: inspections, results, enforcement actions, custody.")


def _actor(user: str, role: str) -> Actor:
    try:
        return Actor(user, Role(role))
    except ValueError:
        raise typer.BadParameter(f"unknown role {role!r}", param_hint="--role") from None


def _read_json(path: str) -> Any:
    raw = read_input(path)
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise SourceUnreadable(f"{path} is not JSON: {exc}") from None


def _done(case: CaseView, what: str) -> None:
    console.print(f"case {case.id} {what}: {case.state.value}, version {case.version}")


@case_app.command("open")
def open_cmd(
    source_id: str = typer.Argument(..., help="Declaration source id."),
    rule: list[str] = RULES,
    hit: list[str] = HITS,
    score: float = typer.Option(None, "--score", help="Risk score (probability)."),
    random: bool = typer.Option(False, "--random", help="Selected by the random sample."),
    other: str = typer.Option(None, "--other", help="Other reason (intelligence, ...)."),
    user: str = USER,
    role: str = ROLE,
    reason: str = REASON,
) -> None:
    """Open a case on a declaration, saying what selected it."""
    rules = [dict(zip(("rule_id", "version"), r.split("@", 1), strict=False)) for r in rule or []]
    detection = {"rules": rules, "screening_hits": hit or [], "score": score, "random": random,
                 "other": other}  # fmt: skip
    _done(cases.open_case(open_store(), source_id, detection, _actor(user, role), reason), "opened")


@case_app.command("assign")
def assign_cmd(case_id: int = CASE, officer: str = typer.Argument(..., help="Inspecting officer."),
               user: str = USER, role: str = ROLE, version: int = VERSION,
               reason: str = REASON) -> None:  # fmt: skip
    """Assign (or reassign) the inspecting officer."""
    done = cases.assign(open_store(), case_id, officer, _actor(user, role), version, reason)
    _done(done, f"assigned to {officer}")


@case_app.command("inspect")
def inspect_cmd(
    case_id: int = CASE,
    kind: str = typer.Option(..., "--type", help="documentary, scan, physical or sample."),
    place: str = typer.Option(..., "--place", help="Where the inspection took place."),
    notes: str = typer.Option("", "--notes", help="What was done."),
    user: str = USER, role: str = ROLE, version: int = VERSION,
) -> None:  # fmt: skip
    """Record an inspection by the assigned officer."""
    done = cases.inspect(open_store(), case_id, kind, _actor(user, role), version, place, notes)
    _done(done, "inspected")


@case_app.command("result")
def result_cmd(
    case_id: int = CASE,
    file: str = typer.Argument(..., help="Result JSON file, or - for stdin."),
    submit: bool = typer.Option(False, "--submit", help="Submit as final for approval."),
    user: str = USER, role: str = ROLE, version: int = VERSION, reason: str = REASON,
) -> None:  # fmt: skip
    """Save a draft result, or submit it as final (``--submit``)."""
    actor = _actor(user, role)
    done = cases.record_result(open_store(), case_id, _read_json(file), actor, version, submit,
                               reason)  # fmt: skip
    _done(done, "result submitted" if submit else "draft saved")


@case_app.command("approve")
def approve_cmd(case_id: int = CASE, user: str = USER, role: str = ROLE, version: int = VERSION,
                reason: str = REASON) -> None:  # fmt: skip
    """Approve the submitted result; it becomes the declaration's outcome label."""
    actor = _actor(user, role)
    _done(cases.approve_result(open_store(), case_id, actor, version, reason or "approved"),
          "result approved")  # fmt: skip


@case_app.command("reject")
def reject_cmd(case_id: int = CASE, user: str = USER, role: str = ROLE, version: int = VERSION,
               reason: str = NEED_REASON) -> None:  # fmt: skip
    """Send the submitted result back to the inspecting officer."""
    actor = _actor(user, role)
    _done(cases.reject_result(open_store(), case_id, actor, version, reason), "result rejected")


@case_app.command("action")
def action_cmd(
    case_id: int = CASE,
    file: str = typer.Argument(..., help="Action JSON file, or - for stdin."),
    powers: Path = POWERS, user: str = USER, role: str = ROLE, version: int = VERSION,
) -> None:  # fmt: skip
    """Take or request an enforcement action on a legal basis from the catalogue."""
    catalogue = cases.load_powers(powers)
    done = cases.request_action(open_store(), case_id, _read_json(file), _actor(user, role),
                                version, catalogue)  # fmt: skip
    console.print(f"{done.type.value} {done.id}: {done.state.value} ({done.citation})")


@case_app.command("decide")
def decide_cmd(
    action_id: int = ACTION,
    approve: bool = typer.Option(..., "--approve/--refuse", help="Approve or refuse."),
    user: str = USER, role: str = ROLE, version: int = VERSION, reason: str = NEED_REASON,
) -> None:  # fmt: skip
    """Approve or refuse a pending enforcement action (four-eyes)."""
    actor = _actor(user, role)
    done = cases.decide_action(open_store(), action_id, actor, version, approve, reason)
    console.print(f"{done.type.value} {done.id}: {done.state.value}")


@case_app.command("review")
def review_cmd(action_id: int = ACTION, user: str = USER, role: str = ROLE,
               version: int = VERSION, reason: str = NEED_REASON) -> None:  # fmt: skip
    """Review a detention in force; the next review falls due after the power's hours."""
    actor = _actor(user, role)
    done = cases.review_detention(open_store(), action_id, actor, version, reason)
    console.print(f"detention {done.id} reviewed; next review due {done.due_at}")


@case_app.command("end-detention")
def end_cmd(action_id: int = ACTION, user: str = USER, role: str = ROLE,
            version: int = VERSION, reason: str = NEED_REASON) -> None:  # fmt: skip
    """End a detention in force."""
    done = cases.end_detention(open_store(), action_id, _actor(user, role), version, reason)
    console.print(f"detention {done.id}: {done.state.value}")


@case_app.command("transfer")
def transfer_cmd(
    item: str = typer.Argument(..., help="Seized item label, e.g. C1-A2-1."),
    handed_by: str = typer.Option(..., "--from", help="Who hands the item over."),
    received_by: str = typer.Option(..., "--to", help="Who receives it."),
    place: str = typer.Option(..., "--place", help="Where."),
    at: str = typer.Option(None, "--at", help="When (ISO 8601; default now)."),
    seal: list[str] = SEALS,
    condition: str = typer.Option("intact", "--condition", help="intact, resealed, ..."),
    note: str = typer.Option("", "--note", help="Remarks."),
    user: str = USER, role: str = ROLE, version: int = VERSION,
) -> None:  # fmt: skip
    """Record a custody transfer of a seized item (continuity is checked)."""
    move = {"handed_by": handed_by, "received_by": received_by, "place": place, "seals": seal or [],
            "at": at or dt.datetime.now(dt.UTC).isoformat(), "condition": condition,
            "note": note}  # fmt: skip
    done = cases.transfer(open_store(), item, move, _actor(user, role), version)
    console.print(f"{item} transfer {done['seq']}: {handed_by} -> {received_by} ({done['hash']})")


@case_app.command("verify")
def verify_cmd(item: str = typer.Argument(..., help="Seized item label.")) -> None:
    """Verify the hash chain and continuity of an item's custody; exit 1 if broken."""
    check = cases.verify(open_store(), item)
    console.print(f"{item}: {check.transfers} transfers, held by {check.holder}")
    for problem in check.problems:
        console.print(f"  BROKEN: {problem}", highlight=False)
    if not check.ok:
        raise typer.Exit(1)


@case_app.command("close")
def close_cmd(case_id: int = CASE, user: str = USER, role: str = ROLE, version: int = VERSION,
              reason: str = REASON) -> None:  # fmt: skip
    """Close a decided case (refused while a detention is in force)."""
    actor = _actor(user, role)
    _done(cases.close(open_store(), case_id, actor, version, reason or "closed"), "closed")


@case_app.command("withdraw")
def withdraw_cmd(case_id: int = CASE, user: str = USER, role: str = ROLE,
                 version: int = VERSION, reason: str = NEED_REASON) -> None:  # fmt: skip
    """Withdraw a case before any inspection."""
    _done(cases.withdraw(open_store(), case_id, _actor(user, role), version, reason), "withdrawn")


@case_app.command("show")
def show_cmd(case_id: int = CASE, json: bool = JSON) -> None:
    """A case with its history, inspections, results, actions and seized items."""
    engine = open_store()
    doc = {
        **cases.get_case(engine, case_id).to_dict(),
        "history": cases.history(engine, case_id),
        "inspections": cases.inspections(engine, case_id),
        "results": cases.results(engine, case_id),
        "actions": [a.to_dict() for a in cases.actions_of(engine, case_id)],
        "items": cases.items_of(engine, case_id),
    }
    if json:
        print_json(doc)
        return
    console.print(f"case {case_id} on {doc['source_id']}: {doc['state']}, version "
                  f"{doc['version']}, assigned to {doc['assignee'] or '-'}")  # fmt: skip
    for e in doc["history"]:
        console.print(f"  {e['seq']:>3} {e['at']} {e['actor']} ({e['role']}): {e['event']} "
                      f"-> {e['to_state']} {e['reason']}", highlight=False)  # fmt: skip


@case_app.command("list")
def list_cmd(state: str = typer.Option(None, "--state", help="Only cases in this state."),
             json: bool = JSON) -> None:  # fmt: skip
    """The latest cases, newest first."""
    found = cases.list_cases(open_store(), CaseState(state) if state else None)
    if json:
        print_json([c.to_dict() for c in found])
        return
    for c in found:
        console.print(f"{c.id:>6} {c.source_id:<20} {c.state.value:<10} v{c.version} "
                      f"{c.assignee or '-'}", highlight=False)  # fmt: skip


@case_app.command("overdue")
def overdue_cmd(json: bool = JSON) -> None:
    """Detentions whose review is past due."""
    late = cases.overdue(open_store())
    if json:
        print_json([a.to_dict() for a in late])
        return
    for a in late:
        console.print(f"detention {a.id} of case {a.case_id}: review was due {a.due_at}")
    console.print(f"{len(late)} overdue")


@case_app.command("stats")
def stats_cmd(json: bool = JSON) -> None:
    """Hit rates per rule, score band and random sample, from approved results."""
    rows = cases.rule_hit_statistics(open_store())
    if json:
        print_json([r.to_dict() for r in rows])
        return
    for r in rows:
        rate = f"{r.hit_rate:.1%}" if r.hit_rate is not None else "-"
        console.print(f"{r.group:<10} {r.key:<24} {r.cases:>6} {r.findings:>6} {rate:>7}",
                      highlight=False)  # fmt: skip


@case_app.command("export-seizures")
def export_cmd(fmt: str = typer.Option("csv", "--format", help="csv or json."),
               output: str = OUT) -> None:  # fmt: skip
    """Seizure report (after WCO CEN): one record per seized commodity of approved results."""
    if fmt not in ("csv", "json"):
        raise typer.BadParameter("csv or json", param_hint="--format")
    records = cases.seizure_records(open_store())
    buffer = io.StringIO(newline="")
    (cases.write_csv if fmt == "csv" else cases.write_json)(records, buffer)
    write_output(buffer.getvalue(), output)


@case_app.command("custody-report")
def custody_cmd(case_id: int = CASE, output: str = OUT) -> None:
    """Printable chain-of-custody report (Markdown) of a case's seized items."""
    write_output(cases.custody_report(open_store(), case_id), output)


@case_app.command("powers")
def powers_cmd(powers: Path = POWERS) -> None:
    """The catalogue of legal powers in force."""
    for p in cases.load_powers(powers).by_id.values():
        approval = "approval" if p.approval_required else "no approval"
        console.print(f"{p.id:<24} {', '.join(a.value for a in p.actions):<20} {approval:<12} "
                      f"{p.citation}", highlight=False)  # fmt: skip


def register(app: typer.Typer) -> None:
    """Add ``borderwatch case ...`` to ``app``."""
    app.add_typer(case_app, name="case")
