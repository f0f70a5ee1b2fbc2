"""The case ledger: reading a case from its history and appending one event per change.

Every change goes through :func:`step`: role check, optimistic lock (the caller's version
must be the case's), the state machine, then one ``case_events`` row written by
:func:`_audit` in the caller's transaction. A concurrent writer that read the same version
loses on the unique ``(case_id, seq)`` and gets :class:`Conflict`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.exc import IntegrityError

from borderwatch import audit
from borderwatch.audit import AuditEvent
from borderwatch.cases.machine import check_role, next_state
from borderwatch.cases.types import Actor, CaseState, Event
from borderwatch.errors import Conflict, NotFound
from borderwatch.model.cases import DetectionMethod
from borderwatch.store.cases import case_events, case_inspections, cases

Db = Engine | Connection


def now() -> dt.datetime:
    """The current time in UTC."""
    return dt.datetime.now(dt.UTC)


def utc(value: dt.datetime) -> dt.datetime:
    """A stored timestamp in UTC (SQLite hands back naive ones)."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


@contextmanager
def transaction(db: Db) -> Iterator[Connection]:
    """One transaction: a new one on an engine; on a connection, the caller's own (begun
    here if none is open). A refusal raises before anything is written or rolls back."""
    if isinstance(db, Engine):
        with db.begin() as conn:
            yield conn
    elif db.in_transaction():
        yield db
    else:
        with db.begin():
            yield db


@dataclass(frozen=True, slots=True)
class CaseView:
    """A case as its history makes it: state, version (number of events), assignee."""

    id: int
    source_id: str
    declaration_id: int
    office: str
    detection: DetectionMethod
    opened_by: str
    opened_at: dt.datetime
    reason: str
    state: CaseState
    version: int
    assignee: str | None
    closed_at: dt.datetime | None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "id": self.id,
            "source_id": self.source_id,
            "office": self.office,
            "detection": self.detection.model_dump(mode="json"),
            "opened_by": self.opened_by,
            "opened_at": self.opened_at.isoformat(),
            "reason": self.reason,
            "state": self.state.value,
            "version": self.version,
            "assignee": self.assignee,
            "closed_at": self.closed_at.isoformat() if self.closed_at else None,
        }


def load(conn: Connection, case_id: int) -> CaseView:
    """The case ``case_id`` folded from its history; :class:`NotFound` if there is none."""
    head = conn.execute(select(cases).where(cases.c.id == case_id)).first()
    if head is None:
        raise NotFound(f"no case {case_id}")
    events = list(
        conn.execute(
            select(case_events).where(case_events.c.case_id == case_id).order_by(case_events.c.seq)
        )
    )
    assignee: str | None = None
    closed_at: dt.datetime | None = None
    for e in events:
        if e.event == Event.ASSIGN.value:
            assignee = str(e.data["officer"])
        if e.to_state == CaseState.CLOSED.value and closed_at is None:
            closed_at = utc(e.at)
    last = events[-1]
    return CaseView(
        int(head.id), str(head.source_id), int(head.declaration_id), str(head.office),
        DetectionMethod.model_validate(head.detection), str(head.opened_by),
        utc(head.opened_at), str(head.reason), CaseState(last.to_state), int(last.seq),
        assignee, closed_at,
    )  # fmt: skip


def _audit(
    conn: Connection, case_id: int, seq: int, event: Event, before: CaseState | None,
    after: CaseState, actor: Actor, reason: str, data: dict[str, Any],
) -> None:  # fmt: skip
    """Record one event of a case in the caller's transaction: the case history row and the
    hash-chained audit event (:func:`borderwatch.audit.record`), both or neither.

    This is the single place case changes are recorded."""
    at = now()
    row = {
        "case_id": case_id, "seq": seq, "event": event.value,
        "from_state": before.value if before else None, "to_state": after.value,
        "actor": actor.user, "role": actor.role.value, "at": at, "reason": reason,
        "data": data,
    }  # fmt: skip
    try:
        conn.execute(case_events.insert().values(**row))
    except IntegrityError:
        raise Conflict(
            f"case {case_id} was changed by someone else at the same time; reload and retry",
            case_id=case_id,
        ) from None
    details = {"version": seq, "role": actor.role.value, "from": row["from_state"],
               "to": after.value, "reason": reason, **data}  # fmt: skip
    audit.record(conn, AuditEvent(actor.user, f"case.{event.value}", "case", str(case_id),
                                  "cases", details, at))  # fmt: skip


def begin(
    conn: Connection, case_id: int, event: Event, actor: Actor, expected_version: int
) -> tuple[CaseView, CaseState]:
    """Check that ``actor`` may cause ``event`` on the case at ``expected_version`` now.

    Returns the case and the state it will be in; nothing is written yet."""
    check_role(actor.role, event)
    case = load(conn, case_id)
    check_version(case, expected_version)
    return case, next_state(case.state, event)


def append(
    conn: Connection, case: CaseView, event: Event, after: CaseState, actor: Actor,
    reason: str, data: dict[str, Any] | None = None,
) -> CaseView:  # fmt: skip
    """Write the event that :func:`begin` allowed; returns the case as it is after it."""
    _audit(conn, case.id, case.version + 1, event, case.state, after, actor, reason, data or {})
    return load(conn, case.id)


def check_version(case: CaseView, expected_version: int) -> None:
    """:class:`Conflict` unless the caller edited the case's current version."""
    if case.version != expected_version:
        raise Conflict(
            f"case {case.id} is at version {case.version}, but the change was made on version "
            f"{expected_version}: someone else changed it meanwhile; reload and retry",
            case_id=case.id,
            version=case.version,
            expected_version=expected_version,
        )


def inspections_of(conn: Connection, case_id: int) -> int:
    """Number of inspections recorded on the case."""
    query = select(func.count()).where(case_inspections.c.case_id == case_id)
    return int(conn.execute(query).scalar_one())
