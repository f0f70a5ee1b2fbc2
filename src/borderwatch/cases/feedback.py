"""Feedback to targeting: approved results become outcome labels and hit statistics; cases
hold declarations against purging.

Only final, approved results feed learning: :func:`write_outcome` runs when a supervisor
approves a result, and :func:`rule_hit_statistics` reads approved results only. Drafts and
submitted results never leave the case.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, select, update

from borderwatch.cases.ledger import Db, now, transaction, utc
from borderwatch.cases.types import ActionType, CaseState
from borderwatch.cases.types import ResultStatus as RS
from borderwatch.model import Finding
from borderwatch.store.cases import case_actions, case_events, case_results, cases
from borderwatch.store.schema import declarations, outcomes

_CHUNK = 500


def write_outcome(conn: Connection, case: Any, result: Any) -> None:
    """Write the approved ``result`` of ``case`` as the live outcome of its declaration,
    superseding the previous live outcome row (origin ``case``, final, recorded by the
    approving supervisor)."""
    live_decl = conn.execute(
        select(declarations.c.id).where(
            declarations.c.source_id == case.source_id, declarations.c.superseded_at.is_(None)
        )
    ).scalar_one_or_none()
    at = now()
    live = (outcomes.c.source_id == case.source_id) & outcomes.c.superseded_at.is_(None)
    conn.execute(update(outcomes).where(live).values(superseded_at=at))
    conn.execute(
        outcomes.insert().values(
            declaration_id=live_decl or case.declaration_id, source_id=case.source_id,
            inspected=True, finding=result.finding,
            illicit=result.finding == Finding.SEIZURE.value,
            revenue_recovered=result.revenue_recovered, labels=[], origin="case", final=True,
            recorded_at=at, recorded_by=result.recorded_by, superseded_at=None,
        )
    )  # fmt: skip


def _chunks(values: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(values), _CHUNK):
        yield values[i : i + _CHUNK]


def _last_states(conn: Connection, case_ids: list[int]) -> dict[int, tuple[str, dt.datetime]]:
    last = (
        select(case_events.c.case_id, func.max(case_events.c.seq).label("seq"))
        .where(case_events.c.case_id.in_(case_ids))
        .group_by(case_events.c.case_id)
        .subquery()
    )
    rows = conn.execute(
        select(case_events.c.case_id, case_events.c.to_state, case_events.c.at).join(
            last, (last.c.case_id == case_events.c.case_id) & (last.c.seq == case_events.c.seq)
        )
    )
    return {int(r.case_id): (str(r.to_state), utc(r.at)) for r in rows}


def _with_seizure(conn: Connection, case_ids: list[int]) -> set[int]:
    seized = select(case_actions.c.case_id).where(
        case_actions.c.case_id.in_(case_ids), case_actions.c.type == ActionType.SEIZURE.value
    )
    found = select(case_results.c.case_id).where(
        case_results.c.case_id.in_(case_ids), case_results.c.finding == Finding.SEIZURE.value
    )
    return {int(i) for i in conn.execute(seized).scalars()} | {
        int(i) for i in conn.execute(found).scalars()
    }


def case_holds(db: Db, source_ids: Iterable[str]) -> dict[str, dt.datetime | None]:
    """For each declaration source id held by a case (a case with a seizure, or any case not
    closed): ``None`` while a case is open, else the latest closing time of its cases.

    Source ids without such a case are absent. The purge job keeps a declaration while it
    is held and counts its retention from the closing time."""
    wanted = sorted(set(source_ids))
    holds: dict[str, dt.datetime | None] = {}
    with transaction(db) as conn:
        for chunk in _chunks(wanted):
            rows = list(conn.execute(
                select(cases.c.id, cases.c.source_id).where(cases.c.source_id.in_(chunk))
            ))  # fmt: skip
            ids = [int(r.id) for r in rows]
            states = _last_states(conn, ids) if ids else {}
            seized = _with_seizure(conn, ids) if ids else set()
            for r in rows:
                _hold(holds, str(r.source_id), states[int(r.id)], int(r.id) in seized)
    return holds


def _hold(holds: dict[str, dt.datetime | None], sid: str, last: tuple[str, dt.datetime],
          seized: bool) -> None:  # fmt: skip
    state, at = last
    if state != CaseState.CLOSED.value:
        holds[sid] = None
    elif seized and (sid not in holds or _later(holds[sid], at)):
        holds[sid] = at


def _later(held: dt.datetime | None, at: dt.datetime) -> bool:
    return held is not None and held < at


@dataclass(frozen=True, slots=True)
class HitRate:
    """Hit rate of one group of cases with approved results.

    ``group`` is ``rule`` (key: rule id), ``band`` (key: score band), ``random`` (key:
    ``sample``), ``screening`` (key: ``hit``) or ``all``; ``hit_rate`` is findings / cases.
    """

    group: str
    key: str
    cases: int
    findings: int
    seizures: int

    @property
    def hit_rate(self) -> float | None:
        """Findings per case with an approved result; None without cases."""
        return self.findings / self.cases if self.cases else None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "group": self.group, "key": self.key, "cases": self.cases,
            "findings": self.findings, "seizures": self.seizures, "hit_rate": self.hit_rate,
        }  # fmt: skip


def _keys(detection: dict[str, Any]) -> list[tuple[str, str]]:
    keys = [("all", "all")]
    keys += sorted({("rule", str(r["rule_id"])) for r in detection.get("rules", [])})
    if detection.get("score_band"):
        keys.append(("band", str(detection["score_band"])))
    if detection.get("random"):
        keys.append(("random", "sample"))
    if detection.get("screening_hits"):
        keys.append(("screening", "hit"))
    return keys


def rule_hit_statistics(
    db: Db, since: dt.datetime | None = None, until: dt.datetime | None = None
) -> list[HitRate]:
    """Hit rates per rule id, per score band, for the random sample and for screening hits,
    over cases opened in ``[since, until)`` whose result is approved."""
    query = (
        select(cases.c.detection, case_results.c.finding)
        .join(case_results, case_results.c.case_id == cases.c.id)
        .where(case_results.c.superseded_at.is_(None), case_results.c.status == RS.APPROVED.value)
    )
    if since is not None:
        query = query.where(cases.c.opened_at >= since)
    if until is not None:
        query = query.where(cases.c.opened_at < until)
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    with transaction(db) as conn:
        for row in conn.execute(query):
            for key in _keys(dict(row.detection)):
                c = counts[key]
                c[0] += 1
                c[1] += row.finding != Finding.NONE.value
                c[2] += row.finding == Finding.SEIZURE.value
    order = {"all": 0, "rule": 1, "band": 2, "random": 3, "screening": 4}
    return [
        HitRate(g, k, *counts[(g, k)]) for g, k in sorted(counts, key=lambda x: (order[x[0]], x[1]))
    ]
