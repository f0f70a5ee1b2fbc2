"""The declaration model: every field error is reported at once, with its path and reason."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError
from stdnum import iso6346
from tests.factory import decl

from borderwatch.errors import InvalidInput
from borderwatch.model import Finding, PartyRole, validate_declaration
from borderwatch.model.codes import iso6346_valid


def errors_of(data: dict[str, object]) -> dict[str, str]:
    with pytest.raises(InvalidInput) as info:
        validate_declaration(data)
    return {e.path: e.reason for e in info.value.errors}


def test_valid_declaration_is_accepted_with_normalised_codes() -> None:
    d = validate_declaration(decl(hs="2847.00", origin="cn"))
    assert d.goods[0].hs_code == "284700"
    assert d.goods[0].origin_country == "CN"
    assert d.declared_at.tzinfo is not None
    assert d.party(PartyRole.CONSIGNEE) is not None


@pytest.mark.parametrize(
    ("field", "value", "path", "reason"),
    [
        ("declared_at", "31/02/2024", "declared_at", "datetime"),
        ("mode_of_transport", "boat", "mode_of_transport", "1, 2, 3"),
        ("type", "smuggling", "type", "import"),
        ("office", 12, "office", "string"),
    ],
)
def test_wrong_types_name_the_field(field: str, value: object, path: str, reason: str) -> None:
    errs = errors_of(decl(**{field: value}))
    assert path in errs
    assert reason in errs[path] or reason.lower() in errs[path].lower()


def test_every_error_of_a_record_is_reported_at_once() -> None:
    data = decl(declared_at="not a date", hs="999999", value=-5, mass=-1)
    data["goods"][0]["currency"] = "XXY"
    data["equipment"] = [{"container_number": "CSQU3054384"}]
    data["route"] = {"place_of_loading": "ZZZZZ"}
    errs = errors_of(data)
    assert set(errs) >= {
        "declared_at",
        "goods[0].hs_code",
        "goods[0].value",
        "goods[0].net_mass_kg",
        "goods[0].currency",
        "equipment[0].container_number",
        "route.place_of_loading",
    }
    assert "check digit" in errs["equipment[0].container_number"]
    assert "UN/LOCODE" in errs["route.place_of_loading"]
    assert "currency" in errs["goods[0].currency"]
    assert "greater than or equal to 0" in errs["goods[0].net_mass_kg"]


def test_missing_mandatory_fields_are_named() -> None:
    data = decl()
    for key in ("source_id", "type", "goods"):
        del data[key]
    errs = errors_of(data)
    assert {"source_id", "type", "goods"} <= set(errs)
    assert all("required" in errs[k].lower() for k in ("source_id", "type", "goods"))


def test_hs_code_must_exist_in_the_edition_in_force_on_the_declaration_date() -> None:
    # 030910 exists only from HS 2022; 030510 only until HS 2017.
    validate_declaration(decl(declared_at="2022-01-01T00:00:00Z", hs="030910"))
    validate_declaration(decl(declared_at="2021-12-31T23:00:00Z", hs="030510"))
    assert "HS2017" in errors_of(decl(declared_at="2021-12-31T23:00:00Z", hs="030910"))["(record)"]
    assert "HS2022" in errors_of(decl(declared_at="2022-01-01T00:00:00Z", hs="030510"))["(record)"]


def test_national_extensions_up_to_ten_digits_are_allowed_beyond_that_refused() -> None:
    assert validate_declaration(decl(hs="8471300010")).goods[0].hs_code == "8471300010"
    assert "6 to 10 digits" in errors_of(decl(hs="84713000101"))["goods[0].hs_code"]


def test_imo_and_cas_check_digits() -> None:
    data = decl(conveyance={"imo_number": "IMO 9074728"})
    data["goods"][0]["cas_number"] = "7722-84-2"
    errs = errors_of(data)
    assert "IMO check digit" in errs["conveyance.imo_number"]
    assert "CAS check digit" in errs["goods[0].cas_number"]


def test_oddities_of_real_data_are_accepted() -> None:
    data = decl(value=0, mass=0)
    data["parties"] = [{"role": "consignee", "identifiers": {"tin": "KR-123"}}]
    d = validate_declaration(data)
    assert d.goods[0].value == 0 and d.goods[0].net_mass_kg == 0
    assert d.parties[0].name is None


def test_a_party_with_neither_name_nor_identifier_is_refused() -> None:
    errs = errors_of(decl(parties=[{"role": "consignee", "country": "NL"}]))
    assert "name or at least one identifier" in errs["parties[0]"]


def test_parties_without_identifiers_share_one_empty_frozen_default() -> None:
    data = decl()
    for party in data["parties"]:
        party.pop("identifiers", None)
    parties = validate_declaration(data).parties
    assert parties[0].identifiers is parties[1].identifiers
    ids = parties[0].identifiers
    assert (ids.eori, ids.tin, ids.other) == (None, None, {})
    assert "identifiers" not in parties[0].model_fields_set
    with pytest.raises(ValidationError):
        ids.eori = "NL123"  # type: ignore[misc]
    with pytest.raises(TypeError, match="read-only"):
        ids.other["passport"] = "X1"  # would show on every party without identifiers
    assert validate_declaration(data).parties[0].identifiers.other == {}
    assert parties[0].model_dump()["identifiers"] == {"eori": None, "tin": None, "other": {}}
    assert pickle.loads(pickle.dumps(parties[0])) == parties[0]


def test_outcome_is_typed() -> None:
    d = validate_declaration(decl(outcome={"inspected": True, "finding": "seizure"}))
    assert d.outcome is not None and d.outcome.finding is Finding.SEIZURE
    assert "outcome.finding" in errors_of(decl(outcome={"finding": "maybe"}))


@given(
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=3, max_size=3),
    st.sampled_from("UJZ"),
    st.integers(0, 999_999),
)
def test_iso6346_valid_numbers_pass_and_any_wrong_check_digit_fails(
    owner: str, category: str, serial: int
) -> None:
    body = f"{owner}{category}{serial:06d}"
    good = body + iso6346.calc_check_digit(body)
    validate_declaration(decl(equipment=[{"container_number": good}]))
    wrong = str((int(good[-1]) + 1) % 10)
    errs = errors_of(decl(equipment=[{"container_number": body + wrong}]))
    assert "ISO 6346 check digit" in errs["equipment[0].container_number"]


@given(
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=0, max_size=13),
    st.sampled_from(["", "U", "J", "Z", "R"]),
)
def test_fast_iso6346_check_agrees_with_stdnum(tail: str, category: str) -> None:
    number = tail[:3] + category + tail[3:]
    expected = iso6346.is_valid(number) and number[:3].isalpha()
    assert iso6346_valid(number) is expected


@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=3, max_size=3))
def test_fast_iso6346_check_accepts_every_valid_number_of_an_owner(owner: str) -> None:
    for serial in ("000000", "123456", "999999"):
        body = f"{owner}U{serial}"
        assert iso6346_valid(body + iso6346.calc_check_digit(body))


def test_remembered_codes_still_refuse_bad_values_every_time() -> None:
    for _ in range(2):
        errs = errors_of(decl(origin="QQ"))
        assert "unknown ISO 3166 country code" in errs["goods[0].origin_country"]
