"""The audit trail, for auditors, and the dashboard figures."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from sqlalchemy import Engine, func, select

from borderwatch.api.deps import EngineDep, Page, PageDep, PageParams, require
from borderwatch.api.schemas import ERRORS
from borderwatch.audit import entries
from borderwatch.selectivity import report
from borderwatch.store.audit import audit_log
from borderwatch.store.users import Permission, Principal

router = APIRouter(tags=["audit"], responses=ERRORS)
Text = Annotated[str | None, Query(max_length=64)]


def audit_page(
    engine: Engine,
    page: PageParams,
    subject_type: str | None = None,
    subject_id: str | None = None,
    action: str | None = None,
) -> Page[dict[str, Any]]:
    """Audit entries in chain order, filtered."""
    where = [
        c == v
        for c, v in (
            (audit_log.c.subject_type, subject_type),
            (audit_log.c.subject_id, subject_id),
            (audit_log.c.action, action),
        )
        if v
    ]
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(audit_log).where(*where))
        seqs = conn.execute(
            select(audit_log.c.seq).where(*where).order_by(audit_log.c.seq)
            .limit(1).offset(page.offset)
        ).scalar_one_or_none()  # fmt: skip
        count = int(total.scalar_one())
    if seqs is None:
        return Page.of([], count, page)
    found = entries(engine, subject_type=subject_type, subject_id=subject_id, action=action,
                    after=seqs - 1, limit=page.limit)  # fmt: skip
    items = [
        {
            "seq": e.seq,
            "at": e.at.isoformat(),
            "actor": e.actor,
            "action": e.action,
            "subject_type": e.subject_type,
            "subject_id": e.subject_id,
            "purpose": e.purpose,
            "details": e.details,
            "hash": e.hash,
        }
        for e in found
    ]
    return Page.of(items, count, page)


@router.get("/audit")
def get_audit(
    _: Annotated[Principal, Depends(require(Permission.AUDIT))],
    engine: EngineDep,
    page: PageDep,
    subject_type: Text = None,
    subject_id: Text = None,
    action: Text = None,
) -> Page[dict[str, Any]]:
    """The tamper-evident audit trail, oldest first."""
    return audit_page(engine, page, subject_type, subject_id, action)


@router.get("/dashboard", tags=["dashboard"])
def dashboard(
    _: Annotated[Principal, Depends(require(Permission.DASHBOARD))], engine: EngineDep,
    start: dt.date | None = None, end: dt.date | None = None,
) -> dict[str, Any]:  # fmt: skip
    """Inspection and hit rates, the detection-rate estimate and planted threats selected."""
    return report(engine, start, end).data
