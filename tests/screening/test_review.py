"""Analyst review on both store back ends: append-only, who/when/why, dismissals applied
per party and list entry and lapsing when the entry changes."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import Engine, select

from borderwatch.errors import InvalidInput
from borderwatch.model.screening import ReviewDecision
from borderwatch.screening import Screener, ScreeningList, party
from borderwatch.screening.review import (
    ReviewedScreener,
    confirm,
    dismiss,
    party_key,
    reviews,
    store_hits,
)
from borderwatch.store.screening import screening_hits

NAME = "Saddam Hussein al-Tikriti"


def test_dismissed_hit_is_suppressed_and_explained(engine: Engine, screener: Screener):
    reviewed = ReviewedScreener(screener, engine)
    q = party(NAME, "Person")
    hit = next(h for h in reviewed.screen(q) if h.list_name == "un")
    dismiss(engine, party_key(q), hit, "alice", "different person, born 1990")
    after = reviewed.screen(q)
    again = next(h for h in after if h.entity_id == hit.entity_id and h.list_name == "un")
    assert again.suppressed and "dismissed by alice" in again.explain()
    assert "born 1990" in again.explain()
    other = party("Saddam Husein al Tikriti", "Person", country="IQ")
    assert not any(h.suppressed for h in reviewed.screen(other))  # another party


def test_reviews_are_append_only_with_who_when_why(engine: Engine, screener: Screener):
    q = party(NAME, "Person")
    hit = screener.screen(q)[0]
    key = party_key(q)
    first = dismiss(engine, key, hit, "alice", "not him")
    second = confirm(engine, key, hit, "bob", "passport matches")
    rows = reviews(engine, key)
    assert [r.decision for r in rows] == [ReviewDecision.DISMISSED, ReviewDecision.CONFIRMED]
    assert rows[0].id == first.id and rows[0].superseded_at is not None
    assert rows[1].id == second.id and rows[1].superseded_at is None
    assert [r.recorded_by for r in reviews(engine, key, live_only=True)] == ["bob"]
    assert not ReviewedScreener(screener, engine).screen(q)[0].suppressed  # confirmed now


def test_dismissal_lapses_when_the_entry_changes(engine: Engine, lists: list[ScreeningList]):
    q = party(NAME, "Person")
    before = Screener(lists)
    hit = next(h for h in before.screen(q) if h.list_name == "un")
    dismiss(engine, party_key(q), hit, "alice", "false positive")
    un = next(lst for lst in lists if lst.name == "un")
    entries = dict(un.entries)
    old = entries[hit.entity_id]
    entries[hit.entity_id] = dataclasses.replace(old, birth_dates={*old.birth_dates, "1938"})
    changed = [ScreeningList("un", "v2", un.source, entries) if lst is un else lst for lst in lists]
    after = ReviewedScreener(Screener(changed), engine).screen(q)
    back = next(h for h in after if h.entity_id == hit.entity_id and h.list_name == "un")
    assert not back.suppressed and "lapsed" in back.explain()
    assert back.list_version == "v2"


def test_review_needs_who_and_why(engine: Engine, screener: Screener):
    hit = screener.screen_party(NAME, "Person")[0]
    with pytest.raises(InvalidInput) as err:
        dismiss(engine, "k", hit, " ", "")
    assert {e.path for e in err.value.errors} == {"by", "reason"}
    assert reviews(engine) == []


def test_stored_hits_keep_their_list_version(engine: Engine, screener: Screener):
    q = party(NAME, "Person")
    hits = screener.screen(q)
    with engine.begin() as conn:
        assert store_hits(conn, party_key(q), hits) == len(hits)
    with engine.connect() as conn:
        rows = conn.execute(select(screening_hits)).all()
    assert {(r.list_name, r.list_version) for r in rows} == {
        (h.list_name, h.list_version) for h in hits
    }


def test_stored_hits_keep_the_reasons_of_their_name_score(engine: Engine, screener: Screener):
    q = party(NAME, "Person")
    hits = screener.screen(q)
    with engine.begin() as conn:
        store_hits(conn, party_key(q), hits)
    with engine.connect() as conn:
        stored = [f for r in conn.execute(select(screening_hits)).all() for f in r.features]
    details = [detail for name, _, _, detail in stored if name == "name_similarity"]
    assert details and all(d.startswith("'") and " vs '" in d for d in details)
