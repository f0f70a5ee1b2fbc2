"""Ingest on each back end: counts, quarantine with reasons, idempotency and versions."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import orjson
from sqlalchemy import Engine, select
from tests.factory import decl
from tests.ingest.helpers import (
    count,
    declarations,
    goods_items,
    live,
    numbered,
    outcomes,
    parties,
    reasons,
    run,
    write_jsonl,
)

from borderwatch.ingest import list_quarantine


def test_valid_file_is_stored_with_goods_parties_and_outcomes(engine: Engine, tmp_path: Path):
    records = numbered(20, outcome={"inspected": True, "finding": "none"})
    report = run(engine, write_jsonl(tmp_path / "a.jsonl", records))
    assert (report.read, report.accepted, report.quarantined) == (20, 20, 0)
    assert live(engine) == 20
    assert count(engine, goods_items) == 20
    assert count(engine, parties) == 40
    assert count(engine, outcomes) == 20


def test_same_file_twice_gives_no_duplicates(engine: Engine, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", numbered(15))
    run(engine, path)
    again = run(engine, path)
    assert (again.accepted, again.duplicates, again.versions) == (0, 15, 0)
    assert count(engine, declarations) == 15


def test_changed_declaration_becomes_a_new_version_and_history_is_kept(
    engine: Engine, tmp_path: Path
) -> None:
    run(engine, write_jsonl(tmp_path / "v1.jsonl", numbered(3)))
    changed = numbered(3)
    changed[1]["goods"][0]["value"] = 1.0
    report = run(engine, write_jsonl(tmp_path / "v2.jsonl", changed))
    assert (report.accepted, report.versions, report.duplicates) == (1, 1, 2)
    with engine.connect() as conn:
        rows = conn.execute(
            select(declarations.c.version, declarations.c.superseded_at)
            .where(declarations.c.source_id == "D-000001")
            .order_by(declarations.c.version)
        ).all()
    assert [r.version for r in rows] == [1, 2]
    assert rows[0].superseded_at is not None and rows[1].superseded_at is None
    assert live(engine) == 3


def test_outcome_arriving_later_is_appended_without_a_new_declaration_version(
    engine: Engine, tmp_path: Path
) -> None:
    run(engine, write_jsonl(tmp_path / "a.jsonl", numbered(2)))
    later = numbered(2, outcome={"inspected": True, "finding": "seizure", "illicit": True})
    report = run(engine, write_jsonl(tmp_path / "b.jsonl", later))
    assert (report.duplicates, report.outcomes, report.versions) == (2, 2, 0)
    assert (
        count(engine, outcomes, outcomes.c.superseded_at.is_(None), outcomes.c.finding == "seizure")
        == 2
    )


def test_bad_records_are_quarantined_with_every_reason_and_the_rest_stored(
    engine: Engine, tmp_path: Path
) -> None:
    bad = [
        decl(source_id="WRONG-TYPE", mode_of_transport="boat"),
        {k: v for k, v in decl(source_id="MISSING").items() if k != "office"},
        decl(source_id="HS", hs="999999"),
        decl(source_id="BOX", equipment=[{"container_number": "CSQU3054384"}]),
        decl(source_id="PORT", route={"place_of_loading": "QQQQQ"}),
        decl(source_id="MASS", mass=-3),
        decl(source_id="DATE", declared_at="yesterday"),
        decl(source_id="CUR", goods=[{**decl()["goods"][0], "currency": "ABC"}]),
    ]
    report = run(engine, write_jsonl(tmp_path / "bad.jsonl", numbered(3) + bad))
    assert (report.read, report.accepted, report.quarantined) == (11, 3, 8)
    text = "\n".join(reasons(engine))
    for expected in (
        "mode_of_transport",
        "office: Field required",
        "unknown HS subheading",
        "ISO 6346 check digit",
        "unknown UN/LOCODE 'QQQQQ'",
        "net_mass_kg: Input should be greater than or equal to 0",
        "declared_at",
        "unknown ISO 4217 currency code 'ABC'",
    ):
        assert expected in text
    total, page = list_quarantine(engine)
    assert total == 8 and page[0].record_id == "WRONG-TYPE"


def test_duplicate_ids_inside_one_file(engine: Engine, tmp_path: Path) -> None:
    first = decl(source_id="DUP")
    same = decl(source_id="DUP")
    different = decl(source_id="DUP", value=1.0)
    # The batch size of 2 puts the conflicting copy in a later batch than the first.
    path = write_jsonl(tmp_path / "d.jsonl", [first, same, different, decl(source_id="X")])
    report = run(engine, path, batch_size=2)
    assert (report.accepted, report.duplicates, report.quarantined) == (2, 1, 1)
    assert "duplicate id in this file" in reasons(engine)[0]
    assert count(engine, declarations, declarations.c.source_id == "DUP") == 1


def test_truncated_file_and_non_utf8_and_junk_lines(engine: Engine, tmp_path: Path) -> None:
    good = b"".join(orjson.dumps(r) + b"\n" for r in numbered(2))
    latin = orjson.dumps(decl(source_id="LATIN")).replace(b"laptop", b"caf\xe9") + b"\n"
    junk = b"[1, 2, 3]\n"
    truncated = orjson.dumps(decl(source_id="CUT"))[:80]
    path = tmp_path / "t.jsonl"
    path.write_bytes(good + latin + junk + b"\n" + truncated)
    report = run(engine, path)
    assert (report.read, report.accepted, report.quarantined) == (5, 2, 3)
    text = "\n".join(reasons(engine))
    assert "not valid UTF-8" in text
    assert "expected a JSON object" in text
    assert "truncated record" in text


def test_one_enormous_line_is_quarantined_with_memory_bounded(
    engine: Engine, tmp_path: Path
) -> None:
    huge = decl(source_id="HUGE")
    huge["goods"][0]["description"] = "x" * 40_000_000
    path = write_jsonl(tmp_path / "huge.jsonl", [*numbered(2), huge, *numbered(2, start=2)])
    del huge
    tracemalloc.start()
    report = run(engine, path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert (report.accepted, report.quarantined) == (4, 1)
    assert "over the limit" in reasons(engine)[0]
    assert peak < 8_000_000, f"peak {peak} bytes while reading a 40 MB line"


def test_re_running_a_file_with_bad_records_does_not_duplicate_quarantine(
    engine: Engine, tmp_path: Path
) -> None:
    path = write_jsonl(tmp_path / "q.jsonl", [decl(source_id="Q", hs="999999")])
    run(engine, path)
    again = run(engine, path)
    assert again.quarantined == 1
    total, _ = list_quarantine(engine)
    assert total == 1
