"""Mapped CSV and the KCS format: every model field reachable, outcomes loaded, bad cells named."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine, select
from tests.ingest.helpers import count, declarations, outcomes, reasons

from borderwatch.errors import InvalidInput, SourceUnreadable
from borderwatch.ingest import MappedCsvReader, builtin_mapping, ingest, load_mapping
from borderwatch.ingest.mapping import CsvMapping

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_MAP = ROOT / "examples" / "national_export.yaml"
EXAMPLE_CSV = ROOT / "examples" / "national_export.csv"
KCS = ROOT / "tests" / "fixtures" / "kcs_head.csv"


def reader(path: Path, mapping: CsvMapping, fmt: str = "csv") -> MappedCsvReader:
    return MappedCsvReader(path, mapping, 1 << 20, fmt=fmt)


def test_example_mapping_fills_nested_fields_multi_values_and_outcomes(engine: Engine) -> None:
    report = ingest(engine, reader(EXAMPLE_CSV, load_mapping(EXAMPLE_MAP)))
    assert (report.read, report.accepted, report.quarantined) == (3, 3, 0)
    with engine.connect() as conn:
        payload = conn.execute(
            select(declarations.c.payload).where(declarations.c.source_id == "NX-0001")
        ).scalar_one()
        seized = conn.execute(
            select(outcomes.c.finding, outcomes.c.illicit).where(outcomes.c.source_id == "NX-0002")
        ).one()
    assert payload["route"]["transshipment"] == ["SGSIN", "AEJEA"]
    assert payload["equipment"][0]["seals"] == ["SL1", "SL2"]
    assert [d["code"] for d in payload["documents"]] == ["N380", "N935"]
    assert payload["parties"][1]["identifiers"]["eori"] == "NL123456789"
    assert payload["parties"][1]["aeo"] == "AEOF"
    assert payload["declared_at"].startswith("2024-02-03T09:15")
    assert tuple(seized) == ("seizure", True)


def test_zero_mass_and_value_rows_are_kept(engine: Engine) -> None:
    ingest(engine, reader(EXAMPLE_CSV, load_mapping(EXAMPLE_MAP)))
    with engine.connect() as conn:
        payload = conn.execute(
            select(declarations.c.payload).where(declarations.c.source_id == "NX-0003")
        ).scalar_one()
    assert payload["goods"][0]["value"] == 0 and payload["goods"][0]["net_mass_kg"] == 0


def test_bad_cells_name_the_column_and_field(engine: Engine, tmp_path: Path) -> None:
    lines = EXAMPLE_CSV.read_text().splitlines()
    bad = lines[1].replace(";1;9074729;", ";sea;9074729;").replace(";200;250;", ";heavy;250;")
    path = tmp_path / "bad.csv"
    path.write_text("\n".join([lines[0], bad]) + "\n")
    report = ingest(engine, reader(path, load_mapping(EXAMPLE_MAP)))
    assert report.quarantined == 1
    text = reasons(engine)[0]
    assert "mode_of_transport (column 'MOT'): 'sea' is not a number" in text
    assert "goods[0].net_mass_kg (column 'NET_KG'): 'heavy' is not a number" in text


def test_missing_columns_make_the_file_unreadable(tmp_path: Path, sqlite_engine: Engine) -> None:
    path = tmp_path / "cols.csv"
    path.write_text("DECL_NO;LODGED\nX;01/01/2024 10:00\n")
    with pytest.raises(SourceUnreadable, match="lacks the mapped columns"):
        ingest(sqlite_engine, reader(path, load_mapping(EXAMPLE_MAP)))


def test_short_row_and_truncated_last_row_are_quarantined(engine: Engine, tmp_path: Path):
    lines = EXAMPLE_CSV.read_text().splitlines()
    path = tmp_path / "short.csv"
    path.write_text("\n".join([lines[0], "NX-9;only;three", lines[1], lines[2][:40]]))
    report = ingest(engine, reader(path, load_mapping(EXAMPLE_MAP)))
    assert (report.accepted, report.quarantined) == (1, 2)
    text = "\n".join(reasons(engine))
    assert "row has 3 cells, the header 29" in text
    assert "truncated record" in text


def test_invalid_mapping_is_refused_with_its_problems(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("columns:\n  A: nowhere.field\n  B: {to: source_id, type: money}\n")
    with pytest.raises(InvalidInput) as info:
        load_mapping(path)
    text = str(info.value)
    assert "does not start with a declaration field" in text
    assert "type" in text


def test_kcs_rows_load_with_outcomes_never_as_attributes(engine: Engine) -> None:
    report = ingest(engine, reader(KCS, builtin_mapping("kcs"), "kcs"))
    assert report.read == 60
    assert report.accepted + report.quarantined == 60
    with KCS.open(newline="") as f:
        placeholder = sum(
            1
            for row in csv.DictReader(f)
            if "ZZ" in (row["Country of Departure"], row["Country of Origin"])
        )
    assert report.quarantined == placeholder  # ZZ (unknown) is not an ISO 3166 code
    with engine.connect() as conn:
        payload = conn.execute(select(declarations.c.payload).limit(1)).scalar_one()
        frauds = count(engine, outcomes, outcomes.c.illicit.is_(True))
    assert "Fraud" not in str(payload["attributes"])
    assert payload["goods"][0]["currency"] == "KRW"
    assert {p["role"] for p in payload["parties"]} >= {"declarant", "consignee", "seller"}
    assert frauds > 0 and count(engine, outcomes) == report.accepted


@given(st.lists(st.sampled_from(["SGSIN", "AEJEA", "LKCMB", "MAPTM"]), max_size=4))
def test_split_cells_round_trip(places: list[str]) -> None:
    mapping = CsvMapping.model_validate(
        {"columns": {"T": {"to": "route.transshipment", "split": ";"}}}
    )
    doc, errors = mapping.build({"T": " ; ".join(places)})
    assert errors == []
    assert doc.get("route", {}).get("transshipment", []) == places
