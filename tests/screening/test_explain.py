"""A hit's name score is explained word by word: the names as compared, each word pair with
the rule that paired it, the words left over, and the factors applied."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from borderwatch.screening import OPERATING_THRESHOLD, Screener, compare_names
from borderwatch.screening.compare import explain_names
from borderwatch.screening.similarity import RULES, token_match, token_similarity
from borderwatch.screening.types import ListEntry, ScreeningList

LETTERS = st.text(alphabet="abdehiklmnorsuwy", min_size=1, max_size=8)


@given(LETTERS, LETTERS, st.booleans())
def test_token_match_names_the_rule_of_every_score(a: str, b: str, abjad: bool) -> None:
    score, rule = token_match(a, b, abjad)
    assert score == token_similarity(a, b, abjad)
    assert (rule in RULES) == (score > 0) and (rule == "") == (score == 0)


@given(
    st.lists(LETTERS, min_size=1, max_size=4).map(" ".join),
    st.lists(LETTERS, min_size=1, max_size=4).map(" ".join),
    st.sampled_from(["Person", "Company"]),
)
def test_explained_score_is_the_score(a: str, b: str, schema: str) -> None:
    assert explain_names(a, b, schema)[0] == compare_names(a, b, schema)


def test_each_word_pair_is_named_with_its_rule() -> None:
    listed = "BAROON SHIPPING COMPANY LIMITED"
    score, why = explain_names("Brown Shipping LLC", listed, "Company")
    assert score == compare_names("Brown Shipping LLC", listed, "Company")
    assert why.startswith("'brown shipping' vs 'baroon shipping'")  # legal forms dropped
    assert f"brown ~ baroon: {RULES['skeleton']}" in why
    assert "shipping = shipping" in why


def test_typo_initial_and_middle_name_are_explained() -> None:
    _, typo = explain_names("Wei Davis", "WEI, David")
    assert f"davis ~ david: {RULES['typo']} (0.80)" in typo
    _, initial = explain_names("J. Smith", "SMITH, John Paul")
    assert f"j ~ john: {RULES['initial']}" in initial
    assert "paul: list word left over (a middle name)" in initial


def test_romanisation_unpaired_words_and_factors_are_explained() -> None:
    score, why = explain_names("Hans Martin", "شيخ يونس الموريتاني")
    assert why.startswith("'hans martin' vs 'ywns mwrytany'")  # romanised, honorific dropped
    assert "hans: no partner in the list name" in why
    assert "ywns: list word left over" in why
    assert "one word of several pairs (x0.7)" in why
    assert score < OPERATING_THRESHOLD


def test_a_cut_name_is_explained_as_cut() -> None:
    listed = "NUEVA INDUSTRIA DE GANADEROS DE CULIACAN S.A. DE C.V."
    score, why = explain_names(listed[:35], listed, "Company")
    assert "the list name cut at 35 characters" in why
    assert score >= OPERATING_THRESHOLD


def test_an_opening_h_does_not_pair_with_an_opening_y_or_w() -> None:
    # Hans and ywns (Yunus) share the skeleton "ns": the skeleton drops h, w and y
    assert token_similarity("hans", "ywns") == 0.0
    assert token_similarity("younis", "ywns") > 0.0
    assert token_similarity("hussein", "hsyn") > 0.0
    assert compare_names("Hans Martin", "شيخ يونس الموريتاني") < OPERATING_THRESHOLD


def _screener() -> Screener:
    entry = ListEntry("1", "Company", ["BAROON SHIPPING COMPANY LIMITED"],
                      identifiers={"imo": {"9187629"}})  # fmt: skip
    return Screener([ScreeningList("ofac", "v1", "test", {"1": entry})])


def test_a_hit_carries_its_word_pairs_in_its_explanation() -> None:
    hit = _screener().screen_party("Baroon Shiping Co", "Company")[0]
    name = next(f for f in hit.features if f.name == "name_similarity")
    assert name.detail.startswith("'baroon shiping' vs 'baroon shipping'")
    assert f"shiping ~ shipping: {RULES['skeleton']} (0.92)" in name.detail
    assert name.detail in hit.explain()


def test_a_hit_found_by_identifier_explains_its_name_too() -> None:
    # the name alone scores below the index's floor: the identifier finds the entry
    hit = _screener().screen_party("Baroon Marine", "Company", identifiers={"imo": "9187629"})[0]
    name = next(f for f in hit.features if f.name == "name_similarity")
    assert any(f.name == "identifier_match" for f in hit.features)
    assert name.detail.startswith("'baroon marine' vs 'baroon shipping'; baroon = baroon")
    assert "marine: no partner in the list name" in name.detail
