"""``borderwatch travel``: ingest API/PNR files, screen travellers, check traveller rules,
explore the link network, apply PNR retention."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import orjson
import typer

from borderwatch.cli.util import print_json, read_input
from borderwatch.screening import Screener, default_lists
from borderwatch.settings import get_settings
from borderwatch.store import open_store
from borderwatch.travel import Message, parse_bytes, store
from borderwatch.travel.assess import assess_message
from borderwatch.travel.links import describe, graph_from_store, network
from borderwatch.travel.retention import RetentionPolicy, apply_retention
from borderwatch.travel.rulebook import TravellerRules, builtin_rules, parse_rules

travel_app = typer.Typer(help="Traveller targeting (PAXLST, PNRGOV).", no_args_is_help=True)
Lenient = Annotated[
    bool, typer.Option("--lenient", help="Wrong UNT/UNZ counts are warnings, not rejections.")
]


def register(app: typer.Typer) -> None:
    app.add_typer(travel_app, name="travel")


def _rules(path: Path | None) -> TravellerRules:
    if path is None:
        return TravellerRules(builtin_rules())
    import yaml

    return TravellerRules(parse_rules(yaml.safe_load(read_input(path)), str(path)))


@travel_app.command("ingest")
def ingest_command(
    paths: Annotated[list[str], typer.Argument(help="PAXLST/PNRGOV files (- for stdin).")],
    lenient: Lenient = False,
    screen: Annotated[bool, typer.Option(help="Assess travellers and store hits.")] = True,
) -> None:
    """Store messages (duplicates by hash, booking versions); bad parts go to quarantine."""
    engine = open_store()
    screener, rules = Screener(default_lists()), _rules(None)
    assessor = (lambda m: assess_message(m, screener, rules)) if screen else None
    for path in paths:
        items = parse_bytes(read_input(path), Path(path).name, strict=not lenient)
        print_json(store(engine, items, Path(path).name, assessor=assessor).as_dict())


@travel_app.command("screen")
def screen_command(
    path: Annotated[str, typer.Argument(help="PAXLST/PNRGOV file (- for stdin).")],
    rules: Annotated[Path | None, typer.Option(help="YAML traveller rules.")] = None,
    lenient: Lenient = False,
    all_travellers: Annotated[bool, typer.Option("--all", help="Print unflagged too.")] = False,
) -> None:
    """Assess every traveller of a file; one JSON line per (flagged) traveller."""
    screener, compiled = Screener(default_lists()), _rules(rules)
    for item in parse_bytes(read_input(path), Path(path).name, strict=not lenient):
        if not isinstance(item, Message):
            sys.stderr.write(f"rejected {item.location}: {item.reason}\n")
            continue
        for found in assess_message(item, screener, compiled):
            if found.flagged or all_travellers:
                sys.stdout.write(orjson.dumps(found.to_dict()).decode() + "\n")


@travel_app.command("rules")
def rules_command(
    path: Annotated[Path | None, typer.Argument(help="YAML rules to check.")] = None,
) -> None:
    """Validate traveller rules (default: list the built-in pack)."""
    compiled = _rules(path)
    for c in compiled.compiled:
        print_json({"id": c.rule.id, "title": c.rule.title, "expression": c.rule.expression})


@travel_app.command("network")
def network_command(
    node: Annotated[str, typer.Argument(help="A node, e.g. person:DOE/JANE/1985-02-02.")],
    depth: Annotated[int, typer.Option(min=1, max=6, help="Links to follow.")] = 2,
) -> None:
    """The network around a node of the link graph (persons, bookings, contacts, cards)."""
    graph = graph_from_store(open_store())
    print_json(describe(network(graph, node, depth), node))


@travel_app.command("retention")
def retention_command(
    mask_days: Annotated[int, typer.Option(min=1, help="Mask PNR data after days.")] = 183,
    purge_days: Annotated[int, typer.Option(min=1, help="Purge PNR data after days.")] = 1825,
) -> None:
    """Mask PNR and API data (bookings, manifest travellers, quarantined fragments) past the
    masking period and purge it past retention (audited)."""
    import datetime as dt

    policy = RetentionPolicy(dt.timedelta(days=mask_days), dt.timedelta(days=purge_days))
    report = apply_retention(open_store(), get_settings().secret_key, policy=policy)
    print_json(
        {
            "masked": report.masked,
            "purged": report.purged,
            "held": report.held,
            "travellers_masked": report.travellers,
            "travellers_purged": report.travellers_purged,
            "fragments_masked": report.fragments_masked,
            "fragments_purged": report.fragments_purged,
        }
    )
