"""Oracle test: the index finds every alias the brute-force scan scores above threshold."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from borderwatch.screening import OPERATING_THRESHOLD, Screener, ScreeningList
from borderwatch.screening.alias import Alias
from borderwatch.screening.compare import score_tokens
from borderwatch.screening.features import SECONDARY_MAX
from borderwatch.screening.normalise import bare, name_tokens
from borderwatch.screening.oracle import brute_force_candidates
from borderwatch.screening.vocab import translations


def mangle(tokens: list[str], data: st.DataObject) -> list[str]:
    ops = data.draw(
        st.lists(
            st.sampled_from(
                [
                    "typo",
                    "drop",
                    "swap",
                    "cut",
                    "initial",
                    "short",
                    "vowel",
                    "form",
                    "translate",
                    "bare",
                ]
            ),
            max_size=2,
        )
    )
    out = list(tokens)
    for op in ops:
        i = data.draw(st.integers(0, len(out) - 1))
        tok = out[i]
        if op == "typo" and len(tok) > 3:
            j = data.draw(st.integers(0, len(tok) - 1))
            out[i] = tok[:j] + data.draw(st.sampled_from("aeiknrst")) + tok[j + 1 :]
        elif op == "drop" and len(out) > 2:
            del out[i]
        elif op == "swap" and len(out) > 1:
            out.reverse()
        elif op == "cut" and len(tok) > 5:
            out[i] = tok[:4]
        elif op == "initial":
            out[i] = tok[0]
        elif op == "short" and len(tok) in (2, 3):  # a letter dropped from or added to a short word
            j = data.draw(st.integers(0, len(tok) - 1))
            out[i] = tok[:j] + tok[j + 1 :] if len(tok) == 3 else tok[:j] + "o" + tok[j:]
        elif op == "vowel":  # a long vowel spelt the English way: hadi / hadee
            out[i] = tok.replace("i", "ee", 1).replace("u", "oo", 1)
        elif op == "form":  # a mistyped legal form the normaliser keeps: ltd as ntd
            out.append(data.draw(st.sampled_from(["ntd", "plk", "lle", "gmbn"])))
        elif op == "bare" and len(bare(tok)) == 2:  # taha as Arabic script writes it: th
            out[i] = bare(tok)
        elif op == "translate" and translations(tok):  # jmaaa as group, group as jmaaa
            out[i] = data.draw(st.sampled_from(translations(tok)))
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_index_loses_no_true_candidate(screener: Screener, data: st.DataObject):
    alias = data.draw(st.sampled_from(screener.index.aliases))
    query = tuple(mangle(list(alias.tokens), data))
    floor = OPERATING_THRESHOLD - SECONDARY_MAX
    abjad = data.draw(st.booleans())  # a query in an abjad script: the lenient rules
    truth = brute_force_candidates(screener.index, query, floor, abjad)
    found = set(screener.index.candidates(query, len(" ".join(query)), floor, abjad).tolist())
    assert truth <= found, [screener.index.aliases[i].name for i in truth - found]


def test_index_does_not_scan_everything(screener: Screener):
    query = name_tokens("Saddam Hussein al-Tikriti")
    found = screener.index.candidates(query, 25, OPERATING_THRESHOLD)
    assert 0 < len(found) < len(screener.index.aliases) / 20
    assert "IQi.001" in {screener.index.aliases[i].entity_id for i in found[:5]}


def test_typo_keys_find_one_edit_neighbours_only(screener: Screener):
    words = {screener.index.words.words[w] for w, _ in screener.index.words.matches("husein")}
    assert "hussein" in words and "husain" in words
    assert "hassan" not in {w for w in words if w[0] != "h"}


def test_index_finds_a_short_word_with_a_letter_dropped(screener: Screener):
    query = name_tokens("JANG YONG ON")  # listed as JANG YONG SON (UN KPi.017)
    floor = OPERATING_THRESHOLD - SECONDARY_MAX
    truth = brute_force_candidates(screener.index, query, floor)
    found = set(screener.index.candidates(query, len("JANG YONG ON"), floor).tolist())
    assert "JANG YONG SON" in {screener.index.aliases[i].name for i in truth}
    assert truth <= found, [screener.index.aliases[i].name for i in truth - found]


def test_index_finds_a_short_run_the_scorer_joins_to_a_longer_word(screener: Screener):
    # the scorer joins "p ve" to match the four-letter alias PVOE, so the index must too
    query = ("p", "ve")
    floor = OPERATING_THRESHOLD - SECONDARY_MAX
    truth = brute_force_candidates(screener.index, query, floor)
    found = set(screener.index.candidates(query, len("p ve"), floor).tolist())
    assert "PVOE" in {screener.index.aliases[i].name for i in truth}
    assert truth <= found, [screener.index.aliases[i].name for i in truth - found]


def test_query_words_are_not_joined_to_a_cut_word_by_scorer_or_index(screener: Screener):
    # cut to the query's 24 characters, "MAHMOOD, Sultan Bashiruddin" ends in "bashirud":
    # the query's "bashir" + "ud" written together would pair with it, but neither the
    # scorer nor the index joins query words to a cut word (found by the oracle above)
    query = ("mahmood", "sultan", "bashir", "ud")
    text = " ".join(query)
    alias = next(a for a in screener.index.aliases if a.name == "MAHMOOD, Sultan Bashiruddin")
    cut = Alias(0, "", text, ("mahmood", "sultan", "bashirud"), text, 0, False)
    joined = score_tokens(query, text, cut)
    assert joined == 1.0  # joined, where "bashirud" is a whole word
    whole = score_tokens(query, text, alias)
    assert whole < joined
    floor = OPERATING_THRESHOLD - SECONDARY_MAX
    truth = brute_force_candidates(screener.index, query, floor)
    found = set(screener.index.candidates(query, len(text), floor).tolist())
    assert truth <= found, [screener.index.aliases[i].name for i in truth - found]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_index_loses_no_candidate_of_a_cut_query(screener: Screener, data: st.DataObject):
    # names cut by a fixed-width field (at 15 characters or more), then maybe reordered or
    # mangled: whatever the scorer finds through its cut comparison, the index finds too
    alias = data.draw(st.sampled_from([a for a in screener.index.aliases if len(a.latin) > 16]))
    n = data.draw(st.integers(15, len(alias.latin) - 1))
    tokens = list(name_tokens(alias.latin[:n])) or list(alias.tokens)
    query = tuple(mangle(tokens, data))
    floor = OPERATING_THRESHOLD - SECONDARY_MAX
    truth = brute_force_candidates(screener.index, query, floor)
    found = set(screener.index.candidates(query, len(" ".join(query)), floor).tolist())
    assert truth <= found, [screener.index.aliases[i].name for i in truth - found]


def test_a_cut_between_words_leaves_no_cut_word(screener: Screener):
    # the shortcut of the cut-word search (a cut between words keeps a prefix of the name's
    # tokens) against normalising every cut of every fixture alias
    from borderwatch.screening.cut import _fragments

    checked = 0
    for alias in screener.index.aliases:
        for n in range(15, len(alias.latin)):
            words = [w for w, _, joined in _fragments(alias, n) if not joined]
            lacking = [t for t in name_tokens(alias.latin[:n]) if t not in alias.tokens]
            assert words == lacking, (alias.latin, n)
            checked += 1
    assert checked > 1000


def test_the_cut_word_search_skips_the_cuts_it_found_empty_and_finds_the_same(
    lists: list[ScreeningList],
) -> None:
    # the search learns which aliases a cut at n leaves no cut word (a cut between words),
    # and skips them at n from then on: exactly those, and with the same candidates
    import numpy as np

    from borderwatch.screening.cut import _fragments

    index = Screener(lists).index  # its own: the search's state is the test's
    n = 20
    queries = [tuple(name_tokens(a.latin[:n])) for a in index.aliases if len(a.latin) > n + 5]
    floor = OPERATING_THRESHOLD - SECONDARY_MAX
    first = [set(index.candidates(q, n, floor).tolist()) for q in queries]
    cut = index._cut
    skipped = np.flatnonzero((cut.lengths > n) & ~cut._open_at(n))
    assert skipped.size
    assert all(_fragments(index.aliases[i], n) == () for i in skipped.tolist())
    assert [set(index.candidates(q, n, floor).tolist()) for q in queries] == first


def test_a_plain_alias_cut_anywhere_leaves_cut_words_for_the_last_query_word_only(
    screener: Screener,
):
    # the shortcut that lets words before the last skip plain aliases, against normalising
    # every cut of every fixture alias; the loose ones include dotted initialisms
    from borderwatch.screening.cut import _fragments, _plain

    plain = [a for a in screener.index.aliases if _plain(a)]
    for alias in plain:
        for n in range(15, len(alias.latin)):
            assert all(far == 0 for _, far, _ in _fragments(alias, n)), (alias.latin, n)
    loose = [a for a in screener.index.aliases if not _plain(a)]
    before_last = {
        a.latin
        for a in loose
        for n in range(15, len(a.latin))
        if any(far != 0 for _, far, _ in _fragments(a, n))
    }
    assert plain and "first east export bank, p.l.c." in before_last


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_index_loses_no_candidate_of_a_query_in_an_abjad_script(
    screener: Screener, data: st.DataObject
):
    # Arabic-script names, mangled, maybe with their words run together or split as Latin
    # spellings write them (the scorer joins runs by skeleton for such names)
    abjad = [a for a in screener.index.aliases if a.abjad]
    alias = data.draw(st.sampled_from(abjad))
    tokens = mangle(list(alias.tokens), data)
    if len(tokens) > 1 and data.draw(st.booleans()):
        i = data.draw(st.integers(0, len(tokens) - 2))
        tokens[i : i + 2] = [
            tokens[i] + data.draw(st.sampled_from(["", "u", "ou"])) + tokens[i + 1]
        ]
    query = tuple(tokens)
    floor = OPERATING_THRESHOLD - SECONDARY_MAX
    truth = brute_force_candidates(screener.index, query, floor, abjad=True)
    found = set(screener.index.candidates(query, len(" ".join(query)), floor, True).tolist())
    assert truth <= found, [screener.index.aliases[i].name for i in truth - found]


def test_index_finds_a_compound_name_written_apart_and_the_reverse(screener: Screener):
    # "Bashir al-Din" / "Bashiruddin" and "Noureddine" / "Nour Dine": the scorer joins the
    # two words across the article, so the index must find them in both directions
    floor = OPERATING_THRESHOLD - SECONDARY_MAX
    for query, listed in [
        (("mahmood", "sultan", "bashir", "din"), "Mahmood, Sultan Bashiruddin"),
        (("nour", "dine", "drissi"), "Drissi Noureddine"),
    ]:
        truth = brute_force_candidates(screener.index, query, floor)
        found = set(screener.index.candidates(query, len(" ".join(query)), floor).tolist())
        assert listed in {screener.index.aliases[i].name for i in truth}
        assert truth <= found, [screener.index.aliases[i].name for i in truth - found]


def test_index_finds_a_two_letter_word_as_arabic_script_writes_it():
    # "طه" romanises "th", whose skeleton (t) is too short for a key: the index keys both
    # it and TAHA by their two letters without vowels
    from borderwatch.screening import ScreeningList
    from borderwatch.screening.types import ListEntry

    entries = {"X-1": ListEntry("X-1", "Person", ["TAHA"]),
               "X-2": ListEntry("X-2", "Person", ["طه"])}  # fmt: skip
    screener = Screener([ScreeningList("lookout", "v1", "test", entries)])
    floor = OPERATING_THRESHOLD - SECONDARY_MAX
    for query, abjad in ((("th",), True), (("taha",), False)):
        truth = brute_force_candidates(screener.index, query, floor, abjad)
        found = set(screener.index.candidates(query, 4, floor, abjad).tolist())
        assert len(truth) == 2 and found == truth, query


def test_index_finds_two_letter_words_that_differ_in_o_and_u():
    from borderwatch.screening import ScreeningList
    from borderwatch.screening.types import ListEntry

    entries = {"X-1": ListEntry("X-1", "Vessel", ["FU YUAN YU 7615"]),
               "X-2": ListEntry("X-2", "Person", ["YU, Fu"])}  # fmt: skip
    screener = Screener([ScreeningList("lookout", "v1", "test", entries)])
    floor = OPERATING_THRESHOLD - SECONDARY_MAX
    for query in (name_tokens("FO YUAN YO 7615"), ("fo", "yo")):  # the latter: o and u alone
        truth = brute_force_candidates(screener.index, query, floor)
        assert len(truth) == 1, query
        assert truth <= set(screener.index.candidates(query, 15, floor).tolist())
    assert [h.entity_id for h in screener.screen_party("FO YUAN YO 7615", "Vessel")] == ["X-1"]


def test_index_finds_a_number_with_a_digit_mistyped_as_a_letter():
    from borderwatch.screening import ScreeningList
    from borderwatch.screening.types import ListEntry

    entries = {"X-1": ListEntry("X-1", "Vessel", ["FU YUAN YU 7615"]),
               "X-2": ListEntry("X-2", "Vessel", ["FU YUAN YU 7616"])}  # fmt: skip
    screener = Screener([ScreeningList("lookout", "v1", "test", entries)])
    hits = screener.screen_party("FU YUAN YU r615", "Vessel")
    assert [h.entity_id for h in hits] == ["X-1"]


def test_a_letter_of_a_company_name_bounds_a_whole_word_as_the_scorer_pairs_it():
    # "S" in a company's name is an acronym's letter, which a whole word pairs with at
    # ACRONYM only; in a person's name it is an initial. The index bound follows the
    # scorer, so the company that cannot score is not a candidate (it was, for every query
    # word beginning with s: the scorer then scored dozens of such names for nothing)
    from borderwatch.screening import ScreeningList
    from borderwatch.screening.types import ListEntry

    entries = {"X-1": ListEntry("X-1", "Company", ["S AND C TRADE"]),
               "X-2": ListEntry("X-2", "Person", ["TRADE, S."])}  # fmt: skip
    screener = Screener([ScreeningList("lookout", "v1", "test", entries)])
    floor = OPERATING_THRESHOLD - SECONDARY_MAX
    for query in (("sharma", "trade"), ("sato", "shipping", "trade")):
        truth = brute_force_candidates(screener.index, query, floor)
        found = set(screener.index.candidates(query, 15, floor).tolist())
        names = {screener.index.aliases[i].name for i in found}
        assert truth <= found and "S AND C TRADE" not in names, query
    found = screener.index.candidates(("sharma", "trade"), 12, floor).tolist()
    assert {screener.index.aliases[i].name for i in found} == {"TRADE, S."}


def test_index_finds_a_phrase_an_arabic_word_translates_on_either_side():
    # صرافة (srafa) is "money exchange": the scorer joins the two words to pair them with it,
    # the Latin list name's or the Latin query's, and the index finds both
    from borderwatch.screening import ScreeningList
    from borderwatch.screening.types import ListEntry

    entries = {"X-1": ListEntry("X-1", "Company", ["SELSELAT AL THAHAB FOR MONEY EXCHANGE"]),
               "X-2": ListEntry("X-2", "Company", ["سلسلة الذهب للصرافة"])}  # fmt: skip
    screener = Screener([ScreeningList("lookout", "v1", "test", entries)])
    floor = OPERATING_THRESHOLD - SECONDARY_MAX
    for query, abjad, want in (
        (name_tokens("سلسلة الذهب للصرافة"), True, "X-1"),
        (name_tokens("Selselat al Thahab Money Exchange"), False, "X-2"),
    ):
        truth = brute_force_candidates(screener.index, query, floor, abjad)
        found = set(screener.index.candidates(query, 30, floor, abjad).tolist())
        assert want in {screener.index.aliases[i].entity_id for i in truth}, query
        assert truth <= found, query


def test_index_allows_for_the_titles_the_scorer_may_pair_with_list_words() -> None:
    # a title the query gives (Sayed) pairs with the list word that writes it as a name
    # (SAID), which lifts the score above the query's coverage: the bound must allow for it
    from borderwatch.screening.normalise import titles
    from borderwatch.screening.types import ListEntry

    entries = {
        str(i): ListEntry(str(i), "Person", [name])
        for i, name in enumerate(["SAID KHAN ALI", "SAID AHMED KHAN", "AHMED KHAN ALI"])
    }
    index = Screener([ScreeningList("t", "v1", "test", entries)]).index
    checked = 0
    for q in ("Sayed Khan Ali Mohammadullah", "Sayed Ahmed Khan Rahimullah"):
        tokens, spare = name_tokens(q), titles(q.lower())
        assert spare == {"sayed"}
        for floor in (0.6, 0.65, 0.7):
            truth = brute_force_candidates(index, tokens, floor, titles=spare)
            found = set(index.candidates(tokens, len(q), floor, title_count=len(spare)).tolist())
            assert truth <= found, (q, floor)
            checked += len(truth)
    assert checked >= 4  # the titled scores reach these floors: the check means something
