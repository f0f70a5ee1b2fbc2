"""Privacy: role and purpose decide what is readable (reads of personal data audited); the
purge pseudonymises exactly what is due and nothing that a case holds."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, Engine, select
from tests.factory import decl

from borderwatch.audit import entries, verify
from borderwatch.ingest import JsonlReader, ingest
from borderwatch.sharing import purge, read_view, readable
from borderwatch.sharing.types import DataCategory
from borderwatch.store.engine import make_engine, migrate
from borderwatch.store.schema import declarations, parties
from borderwatch.store.sharing import privacy_purges

NOW = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
PERSON = {
    "role": "consignee",
    "name": "Jan Jansen",
    "schema": "Person",
    "country": "NL",
    "address": "Kerkstraat 1, Utrecht",
    "identifiers": {"tin": "NL123"},
}


def _store(engine: Engine, ages_days: dict[str, int]) -> None:
    lines = [
        orjson.dumps(
            decl(
                source_id=sid,
                declared_at=(NOW - dt.timedelta(days=age)).isoformat(),
                parties=[decl()["parties"][0], PERSON],
            )
        )
        for sid, age in ages_days.items()
    ]
    ingest(engine, JsonlReader(io.BytesIO(b"\n".join(lines) + b"\n"), 1_000_000, "t"))


class FakeHolds:
    """In-memory stand-in for ``borderwatch.cases.case_holds``."""

    def __init__(self, holds: dict[str, dt.datetime | None]) -> None:
        self.holds, self.asked = holds, set[str]()

    def __call__(
        self, db: Engine | Connection, ids: Iterable[str]
    ) -> dict[str, dt.datetime | None]:
        wanted = set(ids)
        self.asked |= wanted
        return {k: v for k, v in self.holds.items() if k in wanted}


def _person(engine: Engine, sid: str) -> tuple[str, str | None, dict[str, object]]:
    with engine.connect() as conn:
        row = conn.execute(
            select(parties.c.name, parties.c.tin, declarations.c.payload)
            .join(declarations, declarations.c.id == parties.c.declaration_id)
            .where(declarations.c.source_id == sid, parties.c.schema == "Person")
        ).one()
    return row.name, row.tin, row.payload["parties"][1]


def test_purge_keeps_what_cases_hold_and_masks_what_is_due(engine: Engine) -> None:
    _store(
        engine, {"OLD": 400, "YOUNG": 10, "OPEN": 400, "CLOSED-RECENT": 400, "CLOSED-LONG-AGO": 400}
    )
    holds = FakeHolds(
        {
            "OPEN": None,
            "CLOSED-RECENT": NOW - dt.timedelta(days=30),
            "CLOSED-LONG-AGO": NOW - dt.timedelta(days=370),
        }
    )
    report = purge(engine, actor="privacy-job", retention_days=365, now=NOW, holds=holds)
    assert (report.purged, report.held_open, report.held_closed) == (2, 1, 1)
    assert "YOUNG" not in holds.asked
    for sid in ("OLD", "CLOSED-LONG-AGO"):
        name, tin, payload = _person(engine, sid)
        assert name.startswith("PSN-") and tin == "***"
        assert payload["name"] == name and payload["address"] == "***"
        assert payload["identifiers"]["tin"] == "***" and "NL123" not in str(payload)
    for sid in ("YOUNG", "OPEN", "CLOSED-RECENT"):
        assert _person(engine, sid)[0] == "Jan Jansen"
    with engine.connect() as conn:
        company = conn.execute(select(parties.c.name).where(parties.c.schema != "Person")).scalars()
        assert set(company) == {"Shanghai Widget Trading Co Ltd"}
    purged = entries(engine, action="privacy.purge")
    assert sorted(e.subject_id for e in purged) == ["CLOSED-LONG-AGO", "OLD"]
    again = purge(engine, actor="privacy-job", retention_days=365, now=NOW, holds=holds)
    assert again.purged == 0 and len(entries(engine, action="privacy.purge")) == 2
    assert verify(engine).ok


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.integers(0, 800), st.sampled_from(["none", "open", "closed"]), st.integers(0, 800)
        ),
        min_size=1,
        max_size=8,
    )
)
def test_purge_matches_the_retention_rule_on_random_histories(
    tmp_path_factory: pytest.TempPathFactory, cases: list[tuple[int, str, int]]
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('p') / 's.db'}")
    migrate(engine)
    _store(engine, {f"D-{i}": age for i, (age, _, _) in enumerate(cases)})
    holds: dict[str, dt.datetime | None] = {}
    for i, (_, kind, closed_ago) in enumerate(cases):
        if kind != "none":
            holds[f"D-{i}"] = None if kind == "open" else NOW - dt.timedelta(days=closed_ago)
    purge(engine, actor="job", retention_days=365, now=NOW, holds=FakeHolds(holds), batch=3)
    expected = {
        f"D-{i}"
        for i, (age, kind, closed_ago) in enumerate(cases)
        if age >= 365 and kind != "open" and (kind == "none" or closed_ago >= 365)
    }
    with engine.connect() as conn:
        done = set(conn.execute(select(privacy_purges.c.source_id)).scalars())
    assert done == expected
    engine.dispose()


def test_purge_with_the_real_case_store(sqlite_engine: Engine) -> None:
    cases = pytest.importorskip("borderwatch.cases", reason="borderwatch.cases not built yet")
    from borderwatch.cases.types import Actor, Role

    _store(sqlite_engine, {"HELD": 400, "FREE": 400})
    cases.open_case(
        sqlite_engine, "HELD", {"other": "intelligence report"}, Actor("t1", Role.TARGETING_OFFICER)
    )
    report = purge(sqlite_engine, actor="job", retention_days=365, now=NOW)
    assert (report.purged, report.held_open) == (1, 1)
    assert _person(sqlite_engine, "HELD")[0] == "Jan Jansen"
    assert _person(sqlite_engine, "FREE")[0].startswith("PSN-")


def test_roles_and_purposes_decide_what_is_read_and_personal_reads_are_audited(
    engine: Engine,
) -> None:
    content = {"declaration.source_id": "D-1", "person.name": "Jan", "risk.score": 0.9}
    assert DataCategory.INTELLIGENCE not in readable(["officer"], "customs_control")
    assert DataCategory.PERSONAL not in readable(["officer"], "statistics")
    with engine.begin() as conn:
        officer = read_view(
            conn,
            ("declaration", "D-1"),
            content,
            actor="o1",
            roles=["officer"],
            purpose="customs_control",
        )
        stats = read_view(
            conn,
            ("declaration", "D-1"),
            content,
            actor="o2",
            roles=["officer"],
            purpose="statistics",
        )
        intel = read_view(
            conn,
            ("declaration", "D-1"),
            content,
            actor="o3",
            roles=["intelligence"],
            purpose="counter_terrorism",
        )
    assert set(officer) == {"declaration.source_id", "person.name"}
    assert set(stats) == {"declaration.source_id"}
    assert set(intel) == set(content)
    reads = entries(engine, action="read.personal")
    assert [(e.actor, e.details["fields"]) for e in reads] == [
        ("o1", ["person.name"]),
        ("o3", ["person.name"]),
    ]
    assert reads[0].details["withheld"] == ["risk.score"]


def test_personal_read_audit_vanishes_with_a_rolled_back_read(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    with pytest.raises(RuntimeError), sqlite_engine.begin() as conn:
        read_view(
            conn,
            ("declaration", "D-1"),
            {"person.name": "Jan"},
            actor="o1",
            roles=["officer"],
            purpose="customs_control",
        )
        raise RuntimeError("the page failed to render")
    assert entries(sqlite_engine) == []
