"""Verification names the first edited, deleted, inserted or reordered entry; anchors catch a
truncated tail, which the log alone cannot show."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from tests.audit.helpers import ev, fill, tamper

from borderwatch.audit import (
    Anchor,
    check_anchor,
    entries,
    export_anchor,
    parse_anchor,
    record,
    verify,
)
from borderwatch.audit.chain import canonical_details
from borderwatch.errors import InvalidInput
from borderwatch.store.engine import make_engine, migrate


def test_an_intact_log_verifies(engine: Engine) -> None:
    assert verify(engine).ok and verify(engine).checked == 0
    fill(engine, 10)
    result = verify(engine)
    assert (result.ok, result.checked, result.first_bad) == (True, 10, None)


@pytest.mark.parametrize(
    ("statement", "reason"),
    [
        ("UPDATE audit_log SET details = replace(details, 'green', 'red') WHERE seq = 4", "edited"),
        ("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 4", "edited"),
        ("UPDATE audit_log SET purpose = NULL WHERE seq = 4", "edited"),
        ("UPDATE audit_log SET at = at + INTERVAL '1 second' WHERE seq = 4", "edited"),
        ("DELETE FROM audit_log WHERE seq = 4", "deleted"),
    ],
    ids=["details", "actor", "purpose", "time", "delete"],
)
def test_edits_and_deletions_are_caught_at_the_entry(
    engine: Engine, statement: str, reason: str
) -> None:
    fill(engine, 8)
    if engine.dialect.name == "sqlite":
        statement = statement.replace("at + INTERVAL '1 second'", "'2001-01-01 00:00:00.000000'")
    tamper(engine, statement)
    result = verify(engine)
    assert not result.ok
    assert result.first_bad == (5 if reason == "deleted" else 4)
    assert reason in (result.reason or "")
    assert result.checked == 3


def test_an_entry_deleted_and_the_rest_renumbered_breaks_the_link(engine: Engine) -> None:
    fill(engine, 6)
    tamper(
        engine,
        "DELETE FROM audit_log WHERE seq = 3",
        "UPDATE audit_log SET seq = seq - 1 WHERE seq > 3",
    )
    result = verify(engine)
    assert (result.ok, result.first_bad) == (False, 3)
    assert "prev_hash" in (result.reason or "")


def test_reordered_entries_are_caught(engine: Engine) -> None:
    fill(engine, 6)
    tamper(
        engine,
        "UPDATE audit_log SET seq = 100 WHERE seq = 2",
        "UPDATE audit_log SET seq = 2 WHERE seq = 3",
        "UPDATE audit_log SET seq = 3 WHERE seq = 100",
    )
    result = verify(engine)
    assert (result.ok, result.first_bad) == (False, 2)


def test_an_inserted_entry_with_a_recomputed_hash_still_breaks_the_chain(engine: Engine) -> None:
    fill(engine, 4)
    forged = entries(engine)[1]
    tamper(
        engine,
        "UPDATE audit_log SET seq = seq + 10 WHERE seq >= 3",
        "UPDATE audit_log SET seq = seq - 9 WHERE seq >= 13",
        "INSERT INTO audit_log (seq, at, actor, action, subject_type, subject_id, purpose, "
        "details, prev_hash, hash) VALUES (3, :at, 'ghost', 'override', 'declaration', "
        "'DECL-X', NULL, '{}', :prev, :hash)",
        at=forged.at,
        prev=forged.hash,
        hash="f" * 64,
    )
    result = verify(engine)
    assert (result.ok, result.first_bad) == (False, 3)


def test_a_truncated_tail_is_seen_by_the_head_row_and_by_the_anchor(engine: Engine) -> None:
    fill(engine, 5)
    anchor = export_anchor(engine)
    fill(engine, 3)
    assert check_anchor(engine, anchor).ok
    tamper(engine, "DELETE FROM audit_log WHERE seq > 3")
    assert verify(engine).first_bad == 4 and "tail" in (verify(engine).reason or "")
    good = entries(engine)[-1]
    tamper(engine, "UPDATE audit_head SET seq = 3, hash = :h", h=good.hash)
    assert verify(engine).ok  # the log alone cannot show a careful truncation...
    result = check_anchor(engine, anchor)  # ...the anchor kept outside can
    assert (result.ok, result.first_bad) == (False, 4)
    assert "truncated" in (result.reason or "")


def test_an_anchor_catches_a_rewritten_history(engine: Engine) -> None:
    fill(engine, 3)
    anchor = export_anchor(engine)
    tamper(engine, "DELETE FROM audit_log", "UPDATE audit_head SET seq = 0, hash = :g", g="0" * 64)
    with engine.begin() as conn:
        for i in range(1, 4):
            record(conn, ev(i, actor="rewriter"))
    assert verify(engine).ok
    result = check_anchor(engine, anchor)
    assert not result.ok and "rewritten" in (result.reason or "")


def test_anchors_of_a_broken_log_are_refused_and_bad_anchor_files_named(
    sqlite_engine: Engine,
) -> None:
    fill(sqlite_engine, 2)
    tamper(sqlite_engine, "UPDATE audit_log SET actor = 'x' WHERE seq = 1")
    with pytest.raises(InvalidInput, match="refusing"):
        export_anchor(sqlite_engine)
    with pytest.raises(InvalidInput) as caught:
        parse_anchor({"seq": -1, "hash": "abc", "exported_at": "yesterday"})
    assert {e.path for e in caught.value.errors} == {"seq", "hash", "exported_at"}
    anchor = Anchor(2, "a" * 64, dt.datetime.now(dt.UTC))
    assert parse_anchor(anchor.to_dict()) == anchor


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@given(st.dictionaries(st.text(max_size=8), JSON, max_size=5))
def test_canonical_details_do_not_depend_on_key_order(details: dict[str, object]) -> None:
    reordered = dict(reversed(list(details.items())))
    assert canonical_details(details) == canonical_details(reordered)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.dictionaries(st.text(max_size=8), JSON, max_size=4), min_size=1, max_size=6),
    st.data(),
)
def test_any_single_changed_details_is_found_at_its_entry(
    tmp_path_factory: pytest.TempPathFactory, details: list[dict[str, object]], data: st.DataObject
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('h') / 'a.db'}")
    migrate(engine)
    with engine.begin() as conn:
        for i, d in enumerate(details):
            record(conn, ev(i, details=d))
    assert verify(engine).ok
    target = data.draw(st.integers(1, len(details)))
    new = data.draw(st.dictionaries(st.text(max_size=8), JSON, max_size=4))
    if canonical_details(new) != canonical_details(details[target - 1]):
        tamper(
            engine,
            "UPDATE audit_log SET details = :d WHERE seq = :s",
            d=canonical_details(new),
            s=target,
        )
        assert verify(engine).first_bad == target
    engine.dispose()


def test_a_nulled_field_reads_as_an_edit(pg_engine: Engine) -> None:
    """An insider who drops a NOT NULL and clears a field gets an edit, not a crash."""
    fill(pg_engine, 4)
    tamper(
        pg_engine,
        "ALTER TABLE audit_log ALTER COLUMN actor DROP NOT NULL",
        "UPDATE audit_log SET actor = NULL WHERE seq = 2",
    )
    result = verify(pg_engine)
    assert (result.ok, result.first_bad) == (False, 2)
    assert "edited" in (result.reason or "")
    assert verify(pg_engine).first_bad == 2  # the stopped stream left the pool usable
