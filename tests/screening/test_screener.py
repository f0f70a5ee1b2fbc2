from __future__ import annotations

from borderwatch.screening import (
    FEATURES,
    Screener,
    ScreeningList,
    Thresholds,
    explanation,
    party,
)
from borderwatch.screening.runs import expand, unglued


def test_every_feature_has_a_public_explanation():
    for fn, _weight in FEATURES:
        assert len(explanation(fn)) > 20, fn.__name__


def test_listed_name_in_original_script_hits_with_explanation(screener: Screener):
    hits = screener.screen_party("صدام حسين التكريتي", "Person")
    top = hits[0]
    assert (top.list_name, top.entity_id) == ("un", "IQi.001")
    assert top.list_version == screener.versions["un"]
    assert top.features[0].name == "name_similarity"
    assert "matched" in top.explain()


def test_vessel_identifier_raises_and_contradictions_lower(screener: Screener):
    same = screener.screen_party("ARTAVIL", "Vessel", identifiers={"imo": "IMO 9187629"})
    other = screener.screen_party(
        "ARTAVIL", "Vessel", identifiers={"imo": "9999999"}, threshold=0.0
    )
    assert [f.name for f in same[0].features] == ["name_similarity", "identifier_match"]
    assert "identifier_mismatch" in [f.name for f in other[0].features]
    assert other[0].score < same[0].score


def test_birth_date_and_schema_contradictions_penalise(screener: Screener):
    base = screener.screen_party("Saddam Hussein al-Tikriti", "Person", threshold=0.0)[0]
    wrong_dob = screener.screen_party(
        "Saddam Hussein al-Tikriti", "Person", birth_date="1990-01-01", threshold=0.0
    )[0]
    as_vessel = screener.screen_party("Saddam Hussein al-Tikriti", "Vessel", threshold=0.0)[0]
    assert wrong_dob.score < base.score and as_vessel.score < base.score


def test_unlisted_names_do_not_hit(screener: Screener):
    for name in ["Acme Imports BV", "Maria Gonzalez Lopez", "Shanghai Widget Trading Co Ltd"]:
        assert screener.screen_party(name) == []


def test_bad_party_names_are_handled(screener: Screener):
    assert screener.screen_party("") == []
    assert screener.screen_party("X") == []
    assert screener.screen_party("\x00\x07\u200b") == []
    assert isinstance(screener.screen_party("Saddam " * 500), list)


def test_thresholds_per_list_and_role(screener: Screener):
    strict = Screener(screener.lists, Thresholds(0.88, {("un", "carrier"): 0.999}))
    q = "Sadam Husein al-Tikriti"
    assert strict.screen_party(q, "Person", role="consignee")
    assert not any(h.list_name == "un" for h in strict.screen_party(q, "Person", role="carrier"))


def test_screen_many_caches_each_distinct_party(screener: Screener):
    fresh = Screener(screener.lists)
    queries = [party("Saddam Hussein al-Tikriti", "Person")] * 3 + [party("Nobody Here")]
    results = fresh.screen_many(queries)
    assert len(results) == 4 and results[0] is results[1]
    assert len(fresh._cache) == 2


def test_reload_rescreens_only_affected_parties(lists: list[ScreeningList]):
    screener = Screener(lists)
    lookout = next(lst for lst in lists if lst.name == "lookout")
    queries = [
        party("Henrik van der Berg", "Person"),
        party("Saddam Hussein al-Tikriti"),
        party("Jan Jansen", "Person"),
    ]
    screener.screen_many(queries)
    entries = dict(lookout.entries)
    entries["NL-0099"] = entries["NL-0001"].__class__("NL-0099", "Person", ["Jan Janssen"])
    del entries["NL-0001"]
    new = ScreeningList("lookout", "v2", lookout.source, entries)
    nxt, delta, changed = screener.reload(new)
    assert delta.added == {"NL-0099"} and delta.removed == {"NL-0001"}
    assert changed == {queries[0].key(), queries[2].key()}
    hits = nxt.screen_many(queries)
    assert hits[0] == [] and hits[2][0].entity_id == "NL-0099"
    assert hits[1][0].list_version == nxt.versions["un"]


def test_a_space_typed_over_before_a_legal_form_splits_and_drops_it(screener: Screener):
    # "ELECTRO SANAMlCOMPANY": the run-together word matches nothing, so it splits into
    # the known "sanam" and the legal form, which goes as it would written apart
    assert expand(screener.index, ("electro", "sanamlcompany")) == ("electro", "sanam")
    hits = screener.screen_party("ELECTRO SANAMlCOMPANY", "Company")
    assert hits and hits[0].matched_name == "ELECTRO SANAM COMPANY" and hits[0].score >= 0.99
    # a word that matches a known one is left alone, and a half neither known nor dropped
    # does not split
    assert expand(screener.index, ("sanamcompanyx",)) == ("sanamcompanyx",)
    # a legal form of two letters goes too, and two legal forms run together both go
    assert expand(screener.index, ("electro", "sanamaco")) == ("electro", "sanam")
    assert expand(screener.index, ("electro", "sanam", "companyoltd")) == ("electro", "sanam")


def test_an_article_written_into_the_name_is_read_apart(screener: Screener):
    # UN IQi.002 is QUSAY SADDAM HUSSEIN AL-TIKRITI. "altikriti" matches other words by
    # skeleton, so it is screened both whole and read as the article and "tikriti"; the
    # same with a letter typed over the hyphen
    for name in ("QUSAY SADDAM HUSSEIN ALTIKRITI", "QUSAY SADDAM HUSSEIN ALoTIKRITI"):
        hits = screener.screen_party(name, "Person")
        assert hits and hits[0].entity_id == "IQi.002", name
        assert hits[0].score >= 0.99
    index = screener.index
    assert unglued(index, ("qusay", "altikriti")) == ("qusay", "tikriti")
    assert unglued(index, ("qusay", "deltikriti")) == ("qusay", "tikriti")  # "de" is a particle
    # known words, short words and runs with an unknown half have no second reading
    assert unglued(index, ("qusay", "tikriti")) is None
    assert unglued(index, ("qusay", "altik")) is None
    assert unglued(index, ("qusay", "alqqqqqqq")) is None
    # nor two known words run together (expand splits those only when they match nothing)
    assert unglued(index, ("qusay", "saddamhussein")) is None


def test_a_latin_name_finds_an_arabic_script_alias_through_its_persian_reading():
    # listed only in Arabic script: فضل reads Fadl in Arabic, Fazl in Persian and Urdu
    from borderwatch.screening.types import ListEntry

    entry = ListEntry("X-1", "Person", ["فضل محمد مظلوم"])
    screener = Screener([ScreeningList("lookout", "v1", "test", {"X-1": entry})])
    hits = screener.screen_party("Fazl Mohammad Mazloom", "Person")
    assert [h.entity_id for h in hits] == ["X-1"] and hits[0].matched_name == "فضل محمد مظلوم"
    assert screener.screen_party("Fadl Mohammad Mazloom", "Person")  # the Arabic reading too


def test_the_index_finds_an_organisation_through_its_translated_words():
    from borderwatch.screening.types import ListEntry

    english = ListEntry("X-1", "Organization", ["LIBYAN ISLAMIC FIGHTING GROUP"])
    arabic = ListEntry("X-2", "Organization", ["الجماعة الاسلامية المقاتلة المغربية"])
    screener = Screener([ScreeningList("lookout", "v1", "test", {"X-1": english, "X-2": arabic})])
    hits = screener.screen_party("الجماعة الاسلامية المقاتلة الليبية", "Organization")
    assert [h.entity_id for h in hits] == ["X-1"]
    hits = screener.screen_party("Moroccan Islamic Fighting Group", "Organization")
    assert [h.entity_id for h in hits] == ["X-2"]


def test_a_particle_written_into_a_word_in_arabic_script_is_read_apart():
    from borderwatch.screening.types import ListEntry

    entry = ListEntry("X-1", "Person", ["SEIFALLAH BEN OMAR BEN MOHAMED BEN HASSINE"])
    screener = Screener([ScreeningList("lookout", "v1", "test", {"X-1": entry})])
    # بنحسين: bin Hussein written as one word; "hsyn" matches Hassine only by skeleton
    assert unglued(screener.index, ("amr", "bnhsyn"), abjad=True) == ("amr", "hsyn")
    assert unglued(screener.index, ("amr", "bnhsyn")) is None  # a Latin query: known words
    hits = screener.screen_party("سيف الله بن عمر بن محمد بنحسين", "Person")
    assert [h.entity_id for h in hits] == ["X-1"]


def test_an_initial_finds_a_hyphenated_name_among_many_alike() -> None:
    from borderwatch.screening.types import ListEntry, ScreeningList

    given = ["Tae", "Tok", "Tong", "Tu", "Ta", "Ti", "Tul", "Tam", "Tan", "Tek"]
    second = ["Chol", "Su", "Ho", "Il", "Nam", "Sik", "Jin"]
    names = [f"KIM, {a} {b}" for a in given for b in second]
    entries = {str(i): ListEntry(str(i), "Person", [n]) for i, n in enumerate(names)}
    entries["x"] = ListEntry("x", "Person", ["KIM, Tong-Myo'ng"])
    screener = Screener([ScreeningList("un", "v1", "test", entries)])
    hits = screener.screen_party("KIM, T.", "Person")
    assert "x" in {h.entity_id for h in hits}
    assert next(h for h in hits if h.entity_id == "x").score >= 0.88


def test_the_index_finds_ch_written_for_shin() -> None:
    from borderwatch.screening.types import ListEntry, ScreeningList

    entries = {"1": ListEntry("1", "Person", ["DJAMEL AKKACHA"])}
    screener = Screener([ScreeningList("un", "v1", "test", entries)])
    assert [h.entity_id for h in screener.screen_party("جمال عكاشة", "Person")] == ["1"]


def test_the_index_finds_a_ta_marbuta_read_as_t() -> None:
    from borderwatch.screening.types import ListEntry, ScreeningList

    entries = {"1": ListEntry("1", "Organization", ["NUSRAT UL-ISLAM"])}
    screener = Screener([ScreeningList("un", "v1", "test", entries)])
    hits = screener.screen_party("نصرة الإسلام", "Organization")
    assert [h.entity_id for h in hits] == ["1"]


def test_a_letter_typed_over_a_space_before_a_dropped_word_is_read_both_ways() -> None:
    from borderwatch.screening.types import ListEntry, ScreeningList

    entries = {
        "1": ListEntry("1", "Company", ["MIRAGE FOR WASTE MANAGEMENT AND ENVIRONMENTAL SERVICES"]),
        "2": ListEntry("2", "Company", ["GREEN LAND TRADING"]),  # land: a known word
    }
    screener = Screener([ScreeningList("un", "v1", "test", entries)])
    query = "MIRAGE FOR WASTE MANAGEMENTlAND ENVIRONMENTAL SERVICES"
    hits = screener.screen_party(query, "Company")
    # management + land (two known words), and management + and (a letter over the space)
    assert hits and hits[0].entity_id == "1" and hits[0].score >= 0.88


def test_clearing_the_cache_leaves_the_screener_as_cold_as_a_new_process(
    screener: Screener,
) -> None:
    from borderwatch.screening.normalise import name_tokens, skeleton
    from borderwatch.screening.similarity import token_similarity

    hits = screener.screen_party("Ghulam Rasool Tradeways Limited", "Company")
    memos = (name_tokens, skeleton, token_similarity)
    assert all(f.cache_info().currsize > 0 for f in memos)
    screener.clear_cache()
    assert [f.cache_info().currsize for f in memos] == [0, 0, 0]
    assert screener.screen_party("Ghulam Rasool Tradeways Limited", "Company") == hits


def test_clearing_only_the_parties_keeps_the_words_warm(screener: Screener) -> None:
    from borderwatch.screening.normalise import name_tokens

    q = party("Ghulam Rasool Tradeways Limited", "Company")
    screener.clear_cache()
    hits = screener.screen_many([q])
    remembered = name_tokens.cache_info().currsize
    screener.clear_cache(words=False)
    assert screener._cache == {} and name_tokens.cache_info().currsize == remembered > 0
    assert screener.screen_many([q]) == hits
    assert len(screener._cache) == 1  # screened again
