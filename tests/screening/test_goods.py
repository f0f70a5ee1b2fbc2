from __future__ import annotations

import pytest

from borderwatch.screening import screen_goods
from borderwatch.screening.goods import cas_valid


@pytest.mark.parametrize(
    ("hs", "text", "category", "entry_part"),
    [
        ("930190", "spare parts", "arms", "Military weapons"),
        ("360300", "electric", "explosives", "detonat"),
        ("284410", "ore", "radioactive", "Uranium"),
        ("284700", "bleach", "explosives_precursor", "Hydrogen peroxide"),
    ],
)
def test_hs_prefixes(hs: str, text: str, category: str, entry_part: str):
    flags = [f for f in screen_goods(hs, text) if f.matched_on == "hs_code"]
    assert flags and flags[0].category == category
    assert entry_part.lower() in flags[0].entry.lower()
    assert ".csv:" in flags[0].reference


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("Ammonium nitrate 34.5% prills", "Ammonium nitrate"),
        ("Nitrate d'ammonium en sacs", "Ammonium nitrate"),
        ("PERÓXIDO DE HIDRÓGENO 35%", "Hydrogen peroxide"),
        ("hydrogen peroxide solution", "Hydrogen peroxide"),
        ("Detonator caps, 500 pcs", "Detonator"),
    ],
)
def test_multilingual_keywords(text: str, entry: str):
    flags = [f for f in screen_goods("999999", text) if f.matched_on == "keyword"]
    assert [f.entry for f in flags] == [entry]


def test_cas_in_description_and_declared():
    assert screen_goods(None, "chemical, CAS 7722-84-1")[0].entry == "Hydrogen peroxide"
    flags = screen_goods(None, "reagent", "107-44-8")
    assert flags[0].category == "chemical_weapons" and flags[0].matched_on == "cas_number"
    assert screen_goods(None, "CAS 7722-84-2") == []  # wrong check digit


def test_ordinary_goods_are_not_flagged():
    assert screen_goods("847130", "laptop computers") == []
    assert screen_goods("610910", "cotton t-shirts, nitrate-free dye") == []


def test_cas_check_digit():
    assert cas_valid("7732-18-5") and not cas_valid("7732-18-4")
