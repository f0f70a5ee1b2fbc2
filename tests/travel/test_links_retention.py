"""Link analysis around a hit, and PNR masking and purge with case holds and audit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import networkx as nx
import pytest
from sqlalchemy import Connection, Engine, func, select

from borderwatch.audit import entries
from borderwatch.errors import NotFound
from borderwatch.store.schema import quarantine
from borderwatch.store.travel import travel_bookings, travel_travellers
from borderwatch.travel import Traveller, parse_bytes, store
from borderwatch.travel.links import describe, graph_from_store, network
from borderwatch.travel.retention import RetentionPolicy, apply_retention, traveller_key
from borderwatch.travel.synth import paxlst, pnrgov
from tests.travel.factory import booking, flight, traveller
from tests.travel.helpers import FIXTURES

ALICE = "person:ALICE/JANE/1980-05-17"


def _person(name: str) -> Traveller:
    return traveller(name, number=f"{name[:2]}1234567")


def _store(engine: Engine) -> None:
    shared = "0031600000001"
    bookings = [
        booking("AAA111", travellers=[_person("ALICE")], phones=[shared], emails=["a@x.org"]),
        booking("BBB222", travellers=[_person("BOB")], phones=[shared], emails=["b@x.org"]),
        booking("CCC333", travellers=[_person("CAROL")], phones=["0031999"], emails=["b@x.org"]),
        booking("DDD444", travellers=[_person("DAN")], phones=["0031888"], emails=["d@x.org"]),
    ]
    store(engine, parse_bytes(pnrgov(flight(), bookings, "R1").encode(), "f"), "f")


def test_network_to_a_chosen_depth(engine: Engine) -> None:
    _store(engine)
    graph = graph_from_store(engine)
    # ALICE - booking AAA111 - shared phone - booking BBB222 - BOB - ... - e-mail - CCC333
    near = network(graph, ALICE, 4)
    assert "person:BOB/JANE/1980-05-17" in near and "booking:BW:CCC333" not in near
    far = network(graph, ALICE, 5)
    assert "booking:BW:CCC333" in far and "person:DAN/JANE/1980-05-17" not in far
    # Oracle: the ego graph is every node within the shortest-path distance.
    within = {n for n, d in nx.single_source_shortest_path_length(graph, ALICE).items() if d <= 5}
    assert set(far) == within
    shown = describe(near, ALICE)
    assert shown["nodes"][0] == {"id": ALICE, "distance": 0}
    with pytest.raises(NotFound):
        network(graph, "person:NOBODY", 1)


def _holds(conn: Connection, keys: Sequence[str]) -> set[str]:
    return {k for k in keys if k.endswith("DDD444")}


def test_mask_then_purge_unless_held_and_audited(engine: Engine) -> None:
    _store(engine)
    now = dt.datetime.now(dt.UTC)
    policy = RetentionPolicy(dt.timedelta(days=183), dt.timedelta(days=1825))
    assert apply_retention(engine, "salt", now, policy).masked == 0
    later = now + dt.timedelta(days=200)
    report = apply_retention(engine, "salt", later, policy)
    assert (report.masked, report.purged) == (4, 0)
    with engine.connect() as conn:
        names = {r[0] for r in conn.execute(select(travel_travellers.c.surname))}
        payload = conn.execute(select(travel_bookings.c.payload).limit(1)).scalar_one()
    assert not names & {"ALICE", "BOB"} and all(n.startswith("P-") for n in names)
    assert (
        payload["phones"][0].startswith("P-")
        and payload["travellers"][0]["given_names"] == "MASKED"
    )
    # Masked data still links: the shared phone's pseudonym joins ALICE's and BOB's bookings.
    graph = graph_from_store(engine)
    assert nx.has_path(graph, "booking:BW:AAA111", "booking:BW:BBB222")
    report = apply_retention(engine, "salt", now + dt.timedelta(days=1900), policy, _holds)
    assert (report.purged, report.held) == (3, 1)
    with engine.connect() as conn:
        left = conn.execute(select(travel_bookings.c.booking_key)).scalars().all()
        people = conn.execute(select(func.count()).select_from(travel_travellers)).scalar_one()
    assert left == ["BW:DDD444"] and people == 1
    actions = [(e.action, e.subject_id) for e in entries(engine)]
    assert actions.count(("privacy.purge", "BW:AAA111")) == 1
    assert sum(1 for a, _ in actions if a == "privacy.mask") == 4


def test_manifest_travellers_are_masked_after_the_period_and_audited(engine: Engine) -> None:
    people = [_person("ERIN"), _person("FRANK")]
    store(engine, parse_bytes(paxlst(flight(), people, "M1").encode(), "m"), "m")
    now = dt.datetime.now(dt.UTC)
    policy = RetentionPolicy(dt.timedelta(days=183), dt.timedelta(days=1825))
    assert apply_retention(engine, "salt", now, policy).travellers == 0
    report = apply_retention(engine, "salt", now + dt.timedelta(days=200), policy)
    assert (report.travellers, report.masked) == (2, 0)
    with engine.connect() as conn:
        rows = conn.execute(select(travel_travellers.c.surname, travel_travellers.c.payload))
        rows = rows.all()
    assert len(rows) == 2 and all(s.startswith("P-") for s, _ in rows)
    assert all(p["given_names"] == "MASKED" for _, p in rows)
    assert not any(d["number"].startswith(("ER", "FR")) for _, p in rows for d in p["documents"])
    again = apply_retention(engine, "salt", now + dt.timedelta(days=201), policy)
    assert again.travellers == 0  # masked once
    masks = [e for e in entries(engine) if e.action == "privacy.mask"]
    assert [e.subject_type for e in masks] == ["travel_traveller"] * 2


def test_manifest_travellers_are_purged_at_retention_end_unless_held(engine: Engine) -> None:
    people = [_person("ERIN"), _person("FRANK")]
    store(engine, parse_bytes(paxlst(flight(), people, "M1").encode(), "m"), "m")
    now = dt.datetime.now(dt.UTC)
    policy = RetentionPolicy(dt.timedelta(days=183), dt.timedelta(days=1825))
    with engine.connect() as conn:
        first = conn.execute(select(func.min(travel_travellers.c.id))).scalar_one()

    def hold_first(conn: Connection, keys: Sequence[str]) -> set[str]:
        return {k for k in keys if k == traveller_key(first)}

    assert (
        apply_retention(engine, "salt", now + dt.timedelta(days=1800), policy).travellers_purged
        == 0
    )
    report = apply_retention(engine, "salt", now + dt.timedelta(days=1900), policy, hold_first)
    assert (report.travellers_purged, report.held) == (1, 1)
    with engine.connect() as conn:
        left = conn.execute(select(travel_travellers.c.id)).scalars().all()
    assert left == [first]
    purges = [e for e in entries(engine) if e.action == "privacy.purge"]
    assert [e.subject_type for e in purges] == ["travel_traveller"]


def test_quarantined_travel_fragments_are_masked_then_purged(engine: Engine) -> None:
    bad = (FIXTURES / "mixed_bad.edi").read_bytes()
    report = store(engine, parse_bytes(bad, "bad.edi"), "bad.edi")
    assert report.quarantined >= 1
    with engine.connect() as conn:
        before = conn.execute(select(quarantine.c.raw, quarantine.c.raw_hash)).all()
    assert any("UNB" in raw or "NAD" in raw or "+" in raw for raw, _ in before)
    now = dt.datetime.now(dt.UTC)
    policy = RetentionPolicy(dt.timedelta(days=183), dt.timedelta(days=1825))
    assert apply_retention(engine, "salt", now, policy).fragments_masked == 0
    report = apply_retention(engine, "salt", now + dt.timedelta(days=200), policy)
    assert report.fragments_masked == len(before)
    with engine.connect() as conn:
        after = conn.execute(select(quarantine.c.raw, quarantine.c.raw_hash)).all()
    assert {raw for raw, _ in after} == {"MASKED"}
    assert {h for _, h in after} == {h for _, h in before}  # still known when read again
    assert store(engine, parse_bytes(bad, "bad.edi"), "bad.edi").quarantined == 0
    assert (
        apply_retention(engine, "salt", now + dt.timedelta(days=201), policy).fragments_masked == 0
    )
    report = apply_retention(engine, "salt", now + dt.timedelta(days=1900), policy)
    assert report.fragments_purged == len(before)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(quarantine)).scalar_one() == 0
    actions = [(e.action, e.subject_type) for e in entries(engine)]
    assert actions.count(("privacy.mask", "quarantine")) == len(before)
    assert actions.count(("privacy.purge", "quarantine")) == len(before)
