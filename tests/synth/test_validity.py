"""Every generated record is a valid declaration, in time order, with plausible content."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

import pytest

from borderwatch.errors import InvalidInput
from borderwatch.model import validate_declaration
from borderwatch.reference import HsEdition, hs_exists, locode_info
from borderwatch.synth import Generator, Options
from borderwatch.synth.generator import CHUNK
from borderwatch.synth.geography import AIR_HUBS, RISK_HUBS, SEA_HUBS, countries


def test_every_record_validates(sample: list[dict[str, Any]]) -> None:
    for record in sample:
        validate_declaration(record)


def test_hs_edition_follows_the_date(sample: list[dict[str, Any]]) -> None:
    editions = Counter()
    for record in sample:
        edition = HsEdition.HS2022 if record["declared_at"] >= "2022" else HsEdition.HS2017
        editions[edition] += 1
        assert all(hs_exists(item["hs_code"], edition) for item in record["goods"])
    assert editions[HsEdition.HS2017] > 500 and editions[HsEdition.HS2022] > 500


def test_records_come_in_time_order_within_the_range(sample: list[dict[str, Any]]) -> None:
    stamps = [r["declared_at"] for r in sample]
    assert stamps == sorted(stamps)
    assert stamps[0] >= "2021-11-01" and stamps[-1] < "2022-03-01"


def test_weekends_are_quiet(sample: list[dict[str, Any]]) -> None:
    days = Counter(dt.date.fromisoformat(r["declared_at"][:10]).weekday() for r in sample)
    assert min(days[d] for d in range(5)) > 2 * max(days[5], days[6])


def test_routes_load_abroad_and_discharge_at_the_office(sample: list[dict[str, Any]]) -> None:
    for record in sample:
        route = record["route"]
        assert route["place_of_discharge"] == record["office"][:5]
        loading = locode_info(route["place_of_loading"])
        assert loading is not None
        sea = record["mode_of_transport"] == 1
        assert loading.is_seaport if sea else loading.function[3] == "4"
        assert route["countries_en_route"] == [h[:2] for h in route["transshipment"]]
    air_office = [r for r in sample if r["office"] == "NLSPL"]
    assert air_office and all(r["mode_of_transport"] == 4 for r in air_office)


def test_hubs_and_ports_are_real_locations() -> None:
    hubs = {h for _, options in SEA_HUBS.values() for h in options} | set(RISK_HUBS)
    assert all(locode_info(h) is not None and locode_info(h).is_seaport for h in hubs)
    assert all(locode_info(h).function[3] == "4" for h in AIR_HUBS)
    assert len(countries()) >= 30


def test_traders_keep_their_identity(sample: list[dict[str, Any]]) -> None:
    names: dict[str, set[str]] = defaultdict(set)
    filings: Counter[str] = Counter()
    for record in sample:
        consignee = next(p for p in record["parties"] if p["role"] == "consignee")
        ident = consignee.get("identifiers", {}).get("eori")
        if ident:
            names[ident].add(consignee["name"])
            filings[ident] += 1
    assert all(len(v) == 1 for v in names.values())
    top = [n for _, n in filings.most_common()]
    assert top[0] > 50 * top[len(top) // 2], "a Zipf-like population: a few file most"


def test_sea_declarations_carry_containers_and_vessels(sample: list[dict[str, Any]]) -> None:
    sea = [r for r in sample if r["mode_of_transport"] == 1]
    assert sea
    for record in sea:
        assert 1 <= len(record["equipment"]) <= 4
        assert record["conveyance"]["imo_number"]
        assert any(p["role"] == "carrier" for p in record["parties"])


def test_values_per_kg_follow_the_chapter(sample: list[dict[str, Any]]) -> None:
    per_kg: dict[str, list[float]] = defaultdict(list)
    for record in sample:
        if not record["outcome"]["labels"] and record["goods"][0]["currency"] == "USD":
            item = record["goods"][0]
            per_kg[item["hs_code"][:2]].append(item["value"] / item["net_mass_kg"])
    median = {ch: sorted(v)[len(v) // 2] for ch, v in per_kg.items() if len(v) >= 15}
    assert median["85"] > 5 * median.get("27", median.get("72", 1.0))


def test_historical_inspection_sample(sample: list[dict[str, Any]]) -> None:
    ordinary = [r["outcome"] for r in sample if not r["outcome"]["labels"]]
    inspected = [o for o in ordinary if o["inspected"]]
    assert 0.02 < len(inspected) / len(ordinary) < 0.08
    assert any(o["finding"] == "irregularity" and o["revenue_recovered"] > 0 for o in inspected)
    assert not any(o["illicit"] for o in ordinary)


def test_documents(sample: list[dict[str, Any]]) -> None:
    codes = Counter(d["code"] for r in sample for d in r["documents"])
    assert codes["N380"] == len(sample) and codes["N935"] == len(sample)
    assert codes["N705"] and codes["N740"] and codes["N954"]


def test_bad_options_are_reported_together() -> None:
    with pytest.raises(InvalidInput) as caught:
        Options(count=0, days=0, offices=("ZZZZZ",), threat_rate=2.0).check()
    assert {e.path for e in caught.value.errors} == {"count", "days", "offices", "threat_rate"}


def test_generation_streams_chunk_by_chunk() -> None:
    generator = Generator(Options(count=3 * CHUNK, seed=1))
    chunks = generator.chunks()
    first = next(chunks)
    assert len(first) == CHUNK and generator.summary.count == CHUNK
    assert first[0]["source_id"].endswith("-00000000")
