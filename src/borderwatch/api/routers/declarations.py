"""Declarations: the live versions, one declaration with its history, and the quarantine."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from sqlalchemy import Engine, func, select

from borderwatch.api.deps import EngineDep, Page, PageDep, check_office, require
from borderwatch.api.schemas import ERRORS, DeclarationDetail, DeclarationSummary
from borderwatch.audit import Action, AuditEvent, record
from borderwatch.errors import NotFound
from borderwatch.ingest import list_quarantine
from borderwatch.selectivity.records import history
from borderwatch.store.schema import declarations as d
from borderwatch.store.selectivity import decisions
from borderwatch.store.users import Permission, Principal

router = APIRouter(tags=["declarations"], responses=ERRORS)
Reader = Annotated[Principal, Depends(require(Permission.DECLARATIONS))]
Office = Annotated[str | None, Query(max_length=17, description="Only this office.")]
_COLS = (d.c.source_id, d.c.version, d.c.type, d.c.declared_at, d.c.office,
         d.c.place_of_loading, d.c.place_of_discharge, d.c.country_of_dispatch)  # fmt: skip


def _lanes(engine: Engine, source_ids: list[str]) -> dict[str, str]:
    if not source_ids:
        return {}
    query = select(decisions.c.source_id, decisions.c.lane).where(
        decisions.c.source_id.in_(source_ids), decisions.c.superseded_at.is_(None)
    )
    with engine.connect() as conn:
        return {r.source_id: r.lane for r in conn.execute(query)}


def _scope(user: Principal, office: str | None) -> str | None:
    if office is not None:
        check_office(user, office)
        return office
    return user.office


@router.get("/declarations")
def list_declarations(
    user: Reader, engine: EngineDep, page: PageDep, office: Office = None
) -> Page[DeclarationSummary]:
    """Live declarations, newest first, in the caller's office (or the one asked for)."""
    where: list[Any] = [d.c.superseded_at.is_(None)]
    scope = _scope(user, office)
    if scope is not None:
        where.append(d.c.office == scope)
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(d).where(*where)).scalar_one()
        rows = conn.execute(
            select(*_COLS).where(*where).order_by(d.c.declared_at.desc(), d.c.id.desc())
            .limit(page.limit).offset(page.offset)
        ).all()  # fmt: skip
    lanes = _lanes(engine, [r.source_id for r in rows])
    items = [DeclarationSummary(**r._mapping, lane=lanes.get(r.source_id)) for r in rows]
    return Page.of(items, int(total), page)


def declaration_detail(engine: Engine, user: Principal, source_id: str) -> DeclarationDetail:
    """The live version of ``source_id`` with versions and decisions; the read is audited."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(*_COLS, d.c.payload, d.c.superseded_at).where(d.c.source_id == source_id)
            .order_by(d.c.version)
        ).all()  # fmt: skip
    live = [r for r in rows if r.superseded_at is None]
    if not live:
        raise NotFound(f"no declaration {source_id!r}")
    row = live[-1]
    check_office(user, row.office)
    with engine.begin() as conn:
        record(conn, AuditEvent(user.username, Action.READ_PERSONAL, "declaration", source_id,
                                "targeting"))  # fmt: skip
    decided = [_jsonable(h) for h in history(engine, source_id)]
    summary = {k: getattr(row, k) for k in DeclarationSummary.model_fields if k != "lane"}
    lane = next((h["lane"] for h in reversed(decided) if h["superseded_at"] is None), None)
    return DeclarationDetail(**summary, lane=lane, payload=dict(row.payload),
                             versions=[r.version for r in rows], decisions=decided)  # fmt: skip


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in row.items()}


@router.get("/declarations/{source_id}", responses={404: ERRORS[403]})
def get_declaration(user: Reader, engine: EngineDep, source_id: str) -> DeclarationDetail:
    """One declaration: content, versions and every decision made on it (superseded too)."""
    return declaration_detail(engine, user, source_id)


@router.get("/quarantine", tags=["ingest"])
def quarantine(
    _: Annotated[Principal, Depends(require(Permission.QUARANTINE))],
    engine: EngineDep,
    page: PageDep,
    run_id: Annotated[int | None, Query(ge=1, le=2**62)] = None,
) -> Page[dict[str, Any]]:
    """Records refused at ingest, with every reason, oldest first."""
    total, rows = list_quarantine(engine, run_id=run_id, limit=page.limit, offset=page.offset)
    items = [{"id": r.id, "run_id": r.run_id, "source": r.source, "location": r.location,
              "record_id": r.record_id, "reasons": r.reasons, "raw": r.raw,
              "quarantined_at": r.quarantined_at.isoformat()} for r in rows]  # fmt: skip
    return Page.of(items, total, page)
