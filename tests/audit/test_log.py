"""Appending: chained entries, same-transaction semantics, validation, concurrent writers."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import Engine, func, insert, select, text
from sqlalchemy.exc import DBAPIError
from tests.audit.helpers import ev, fill

from borderwatch.audit import GENESIS, AuditEvent, entries, record, record_many, verify
from borderwatch.errors import InvalidInput
from borderwatch.store.audit import audit_head, audit_log
from borderwatch.store.schema import ingest_runs


def test_entries_chain_each_to_the_one_before(engine: Engine) -> None:
    with engine.begin() as conn:
        first = record(conn, ev(1))
        rest = record_many(conn, [ev(2), ev(3)])
    assert [e.seq for e in (first, *rest)] == [1, 2, 3]
    assert first.prev_hash == GENESIS
    assert rest[0].prev_hash == first.hash and rest[1].prev_hash == rest[0].hash
    stored = entries(engine)
    assert [(e.seq, e.hash, e.details) for e in stored] == [
        (e.seq, e.hash, e.details) for e in (first, *rest)
    ]
    assert verify(engine).ok and verify(engine).head_hash == rest[1].hash


def test_events_vanish_with_the_rolled_back_transaction_they_record(engine: Engine) -> None:
    fill(engine, 2)
    now = dt.datetime.now(dt.UTC)
    with pytest.raises(RuntimeError), engine.begin() as conn:
        conn.execute(
            insert(ingest_runs).values(
                source_name="x", format="jsonl", started_at=now, status="running"
            )
        )
        record(conn, ev(3))
        raise RuntimeError("the work failed after recording")
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(ingest_runs)).scalar() == 0
        assert conn.execute(select(func.count()).select_from(audit_log)).scalar() == 2
        assert conn.execute(select(audit_head.c.seq)).scalar() == 2
    with engine.begin() as conn:
        assert record(conn, ev(4)).seq == 3
    assert verify(engine).ok


def test_the_log_refuses_updates_and_deletes(engine: Engine) -> None:
    fill(engine, 2)
    for statement in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log WHERE seq = 2"):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(text(statement))
    assert verify(engine).ok and verify(engine).checked == 2


def test_every_bad_field_of_every_event_is_named_and_nothing_is_written(engine: Engine) -> None:
    bad = [
        ev(1),
        AuditEvent(
            "",
            "Not A Name",
            "declaration",
            "x" * 129,
            purpose="",
            details={"when": object()},
            at=dt.datetime(2024, 1, 1),
        ),
    ]
    with pytest.raises(InvalidInput) as caught, engine.begin() as conn:
        record_many(conn, bad)
    paths = {e.path for e in caught.value.errors}
    assert paths == {
        f"events[1].{f}" for f in ("actor", "action", "subject_id", "purpose", "details", "at")
    }
    assert entries(engine) == []


def test_non_string_keys_are_refused_with_the_field_named(sqlite_engine: Engine) -> None:
    with pytest.raises(InvalidInput, match="details"), sqlite_engine.begin() as conn:
        record(conn, ev(1, details={1: "x"}))


def test_timestamps_keep_microseconds_and_zone_on_both_back_ends(engine: Engine) -> None:
    at = dt.datetime(2024, 5, 1, 12, 30, 1, 123456, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    with engine.begin() as conn:
        record(conn, ev(1, at=at))
    assert entries(engine)[0].at == at
    assert verify(engine).ok


@pytest.mark.parametrize("writers", [4])
def test_concurrent_writers_keep_one_unbroken_chain(engine: Engine, writers: int) -> None:
    errors: list[BaseException] = []

    def work(w: int) -> None:
        try:
            for i in range(25):
                with engine.begin() as conn:
                    if i % 5 == 0:
                        record_many(conn, [ev(w * 1000 + i), ev(w * 1000 + i + 500)])
                    else:
                        record(conn, ev(w * 1000 + i))
        except BaseException as exc:  # reported below, in the test thread
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(w,)) for w in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    result = verify(engine)
    assert result.ok, result.reason
    assert result.checked == writers * 30


def test_migration_0060_comes_and_goes_with_its_guards(engine: Engine) -> None:
    from alembic import command

    from borderwatch.store.engine import alembic_config, migrate, table_names

    mine = {
        "audit_log",
        "audit_head",
        "sharing_agencies",
        "sharing_agreements",
        "sharing_credentials",
        "sharing_messages",
        "sharing_lookouts",
        "privacy_purges",
    }
    assert mine <= table_names(engine)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    assert not mine & table_names(engine)
    migrate(engine)
    fill(engine, 1)
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log"))
