"""The feature view: derived features, point-in-time history, screening columns."""

from __future__ import annotations

import pytest

from borderwatch.cli.synth import shipped_watchlist
from borderwatch.errors import InvalidInput
from borderwatch.model import Declaration, validate_declaration
from borderwatch.rules import (
    COLUMNS,
    History,
    feature_frame,
    feature_row,
    feature_rows,
    feature_view,
    groups,
)
from borderwatch.rules.features import ALWAYS
from borderwatch.synth import generate
from tests.rules.helpers import declaration


def test_row_has_every_catalogue_column_and_view_matches_rows() -> None:
    decls = [declaration(), declaration(source_id="D-2", declared_at="2024-03-02T00:00:00Z")]
    row = feature_row(decls[0])
    assert list(row) == [c.name for c in COLUMNS]
    view = feature_view(decls)
    assert view.columns == [c.name for c in COLUMNS]
    assert view.to_dicts() == feature_rows(decls)


def test_route_and_goods_features() -> None:
    row = feature_row(declaration(hs="284410", origin="IR"))
    assert row["country_of_loading"] == "CN"
    assert row["transshipment_countries"] == ["SG"]
    assert row["route_countries"] == ["CN", "SG"]
    assert row["origin_not_on_route"] is True
    assert row["origin_fatf_call_for_action"] is True
    assert row["origin_un_arms_embargo"] is True
    assert row["radioactive_items"] == 1
    assert row["hs_chapters"] == ["28"]
    assert row["unit_value_per_kg_min"] == pytest.approx(45000 / 200)
    assert row["has_licence"] is False


def test_precursor_by_hs_and_cas() -> None:
    assert feature_row(declaration(hs="310230"))["precursor_items"] == 1
    goods = [{"hs_code": "382499", "description": "mixture", "value": 10.0, "currency": "EUR",
              "cas_number": "7722-84-1"}]  # fmt: skip
    assert feature_row(declaration(goods=goods))["precursor_items"] == 1


def test_history_is_point_in_time() -> None:
    first = declaration(source_id="A", declared_at="2024-01-01T00:00:00Z", value=1000.0)
    second = declaration(source_id="B", declared_at="2024-01-31T00:00:00Z", value=100.0)
    third = declaration(source_id="C", declared_at="2024-03-01T00:00:00Z", value=1000.0)
    rows = {r["declaration_id"]: r for r in feature_rows([third, first, second])}
    assert rows["A"]["consignee_days_since_first_seen"] == 0
    assert rows["A"]["value_to_median_min"] is None
    assert rows["B"]["consignee_days_since_first_seen"] == 30
    assert rows["B"]["consignee_prior_declarations"] == 1
    assert rows["B"]["value_to_median_min"] == pytest.approx(0.1)
    assert rows["C"]["value_to_median_max"] == pytest.approx(1000 / 550)


def test_history_carries_over_between_batches() -> None:
    history = History()
    feature_rows([declaration(declared_at="2024-01-01T00:00:00Z")], history)
    later = feature_row(declaration(source_id="L", declared_at="2024-01-11T00:00:00Z"), history)
    assert later["consignee_days_since_first_seen"] == 10


def test_screening_columns_come_from_the_caller() -> None:
    screening = {"party_hits": 2, "party_hit_score": 0.93, "goods_flag_groups": ["arms"]}
    row = feature_row(declaration(), screening=screening)
    assert (row["party_hits"], row["party_hit_score"]) == (2, 0.93)
    assert row["goods_flag_groups"] == ["arms"]
    assert feature_row(declaration())["goods_flags"] == []


def test_unknown_screening_column_is_refused() -> None:
    with pytest.raises(InvalidInput) as info:
        feature_row(declaration(), screening={"party_hitz": 1})
    assert info.value.errors[0].path == "party_hitz"


def test_vague_description_and_mass_checks() -> None:
    goods = [{"hs_code": "930599", "description": "parts", "value": 10.0, "currency": "EUR",
              "net_mass_kg": 5.0, "gross_mass_kg": 4.0}]  # fmt: skip
    row = feature_row(declaration(goods=goods))
    assert row["vague_description"] is True
    assert row["net_exceeds_gross"] is True
    assert row["arms_items"] == 1


def _generated(n: int) -> list[Declaration]:
    records = generate(n, seed=5, days=30, threat_rate=0.05, watchlist=shipped_watchlist())
    return sorted((validate_declaration(r) for r in records), key=lambda d: d.declared_at)


def test_frame_of_some_columns_is_the_view_of_those_columns() -> None:
    """The batch frame (only the columns asked for, built column by column) holds what the
    rows of the real-time path hold, and leaves the history as the rows do."""
    decls = _generated(400)
    wanted = ["has_licence", "route_countries", "hs_headings", "unit_value_per_kg_min",
              "value_to_median_max", "consignee_days_since_first_seen", "party_hits"]  # fmt: skip
    screening = {"party_hits": [i % 3 for i in range(len(decls))]}
    by_rows, by_frame = History(), History()
    rows = feature_rows(decls, by_rows, {d.source_id: {"party_hits": i % 3}
                                         for i, d in enumerate(decls)})  # fmt: skip
    frame = feature_frame(decls, by_frame, screening, wanted)
    kept = [c.name for c in COLUMNS if c.name in {*wanted, *ALWAYS}]
    assert frame.columns == kept
    assert frame.to_dicts() == [{k: r[k] for k in kept} for r in rows]
    assert (by_frame.first_seen, by_frame.declarations, by_frame.prices) == (
        by_rows.first_seen, by_rows.declarations, by_rows.prices)  # fmt: skip


def test_frame_refuses_unknown_columns_and_screening_of_the_wrong_length() -> None:
    decls = [declaration()]
    with pytest.raises(InvalidInput) as unknown:
        feature_frame(decls, columns=["no_such_column"])
    assert unknown.value.errors[0].path == "no_such_column"
    with pytest.raises(InvalidInput) as short:
        feature_frame(decls, screening={"party_hits": [1, 2]})
    assert short.value.errors[0].path == "party_hits"
    with pytest.raises(InvalidInput):
        feature_frame(decls, screening={"party_hitz": [1]})


def test_remembered_route_document_and_hs_facts_are_fresh_lists_of_the_same_values() -> None:
    first, again = declaration(hs="284410", origin="IR"), declaration(hs="284410", origin="IR")
    row = feature_row(first)
    for name in ("route_countries", "origin_countries", "document_codes", "hs_headings"):
        row[name].append("XX")
    remembered = feature_row(again)
    for cache in (groups._route_columns, groups._document_facts, groups._hs_levels):
        cache.cache_clear()
    assert remembered == feature_row(again)
    assert remembered["route_countries"] == ["CN", "SG"]
    assert remembered["origin_countries"] == ["IR"]
    assert remembered["hs_headings"] == ["2844"]
