"""Validation in worker processes stores exactly what validation in this process stores."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from tests.ingest.helpers import numbered, write_jsonl

from borderwatch.ingest import JsonlReader, ingest
from borderwatch.ingest.types import IngestReport
from borderwatch.store.engine import make_engine, migrate
from borderwatch.store.schema import declarations, goods_items, outcomes, parties, quarantine


def _records(changed: bool) -> list[dict[str, Any]]:
    records = numbered(40, outcome={"inspected": True, "finding": "none"})
    records[3]["goods"][0]["hs_code"] = "999999"  # quarantined: unknown HS code
    records[9]["route"] = {"place_of_loading": "ZZZZZ"}  # quarantined: unknown UN/LOCODE
    records.append(dict(records[5]))  # an identical repeat: a duplicate
    if changed:
        records[12]["goods"][0]["value"] = 1.0  # a new version
        records[20]["outcome"] = {"inspected": True, "finding": "seizure", "illicit": True}
    return records


def _snapshot(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every stored row, without the surrogate ids."""
    key = (declarations.c.source_id, declarations.c.version)
    goods = [c for c in goods_items.c if c.name not in {"id", "declaration_id"}]
    party = [c for c in parties.c if c.name not in {"id", "declaration_id"}]
    queries = {
        "declarations": select(
            *key,
            declarations.c.content_hash,
            declarations.c.payload,
            declarations.c.superseded_at.is_(None),
        ).order_by(*key),
        "goods": select(*key, *goods)
        .join(goods_items, goods_items.c.declaration_id == declarations.c.id)
        .order_by(*key, goods_items.c.item_number),
        "parties": select(*key, *party)
        .join(parties, parties.c.declaration_id == declarations.c.id)
        .order_by(*key, parties.c.seq),
        "outcomes": select(
            outcomes.c.source_id,
            outcomes.c.finding,
            outcomes.c.illicit,
            outcomes.c.superseded_at.is_(None),
        ).order_by(outcomes.c.source_id, outcomes.c.id),
        "quarantine": select(quarantine.c.location, quarantine.c.reasons).order_by(quarantine.c.id),
    }
    with engine.connect() as conn:
        return {name: [tuple(r) for r in conn.execute(q)] for name, q in queries.items()}


def _ingest_twice(engine: Engine, tmp_path: Path, workers: int) -> list[IngestReport]:
    reports = []
    for changed in (False, True):
        path = write_jsonl(tmp_path / f"in-{changed}-{workers}.jsonl", _records(changed))
        reports.append(ingest(engine, JsonlReader(path, 1 << 20), batch_size=7, workers=workers))
    return reports


def _report(r: IngestReport) -> tuple[int, ...]:
    return (r.read, r.accepted, r.quarantined, r.duplicates, r.versions, r.outcomes)


def test_worker_processes_store_the_same_rows_as_one_process(tmp_path: Path) -> None:
    stores = {}
    for workers in (0, 2):
        engine = make_engine(f"sqlite:///{tmp_path / f'w{workers}.db'}")
        migrate(engine)
        reports = _ingest_twice(engine, tmp_path, workers)
        stores[workers] = ([_report(r) for r in reports], _snapshot(engine))
        engine.dispose()
    (reports_0, snap_0), (reports_2, snap_2) = stores[0], stores[2]
    assert reports_0 == reports_2
    assert reports_0[0] == (41, 38, 2, 1, 0, 38)
    assert reports_0[1][4] == 1  # the changed declaration became a new version
    assert snap_0 == snap_2
    assert len(snap_0["quarantine"]) == 4  # two bad records in each of the two files


def test_worker_processes_on_each_back_end(engine: Engine, tmp_path: Path) -> None:
    first, second = _ingest_twice(engine, tmp_path, workers=2)
    assert _report(first) == (41, 38, 2, 1, 0, 38)
    assert (second.accepted, second.versions) == (1, 1)
    assert second.outcomes >= 1
