"""Oracle test: the index finds every alias the brute-force scan scores above threshold."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from borderwatch.screening import OPERATING_THRESHOLD, Screener
from borderwatch.screening.index import brute_force_candidates
from borderwatch.screening.normalise import name_tokens


def mangle(tokens: list[str], data: st.DataObject) -> list[str]:
    ops = data.draw(
        st.lists(st.sampled_from(["typo", "drop", "swap", "cut", "initial"]), max_size=2)
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
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_index_loses_no_true_candidate(screener: Screener, data: st.DataObject):
    alias = data.draw(st.sampled_from(screener.index.aliases))
    query = tuple(mangle(list(alias.tokens), data))
    truth = brute_force_candidates(screener.index, query, OPERATING_THRESHOLD)
    found = screener.index.candidates(query)
    assert truth <= found, [screener.index.aliases[i].name for i in truth - found]


def test_index_does_not_scan_everything(screener: Screener):
    found = screener.index.candidates(name_tokens("Saddam Hussein al-Tikriti"))
    assert 0 < len(found) < len(screener.index.aliases) / 20
