"""The targeting queue: selected declarations by risk, filtered, and claimed by an officer."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, status
from sqlalchemy import Engine, func, select

from borderwatch.api.deps import EngineDep, Page, PageDep, PageParams, check_office, require
from borderwatch.api.schemas import ERRORS, QueueItem
from borderwatch.errors import NotFound
from borderwatch.model.decisions import Basis, Lane
from borderwatch.store.selectivity import decisions as t
from borderwatch.store.users import Permission, Principal, claim, claims, release

router = APIRouter(prefix="/queue", tags=["queue"], responses=ERRORS)
Worker = Annotated[Principal, Depends(require(Permission.QUEUE))]


def queue_page(engine: Engine, user: Principal, page: PageParams, office: str | None = None,
               lane: Lane | None = None, basis: Basis | None = None,
               sort: str = "risk") -> Page[QueueItem]:  # fmt: skip
    """Live decisions that select the declaration (not green), riskiest first."""
    where: list[Any] = [t.c.superseded_at.is_(None), t.c.lane != Lane.GREEN.value]
    if office is not None:
        check_office(user, office)
    scope = office or user.office
    if scope is not None:
        where.append(t.c.office == scope)
    if lane is not None:
        where.append(t.c.lane == lane.value)
    if basis is not None:
        where.append(t.c.basis == basis.value)
    order = [t.c.score.desc(), t.c.id] if sort == "risk" else [t.c.lodged_at.desc(), t.c.id]
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(t).where(*where)).scalar_one()
        rows = conn.execute(
            select(t.c.source_id, t.c.office, t.c.lane, t.c.basis, t.c.score, t.c.lodged_at,
                   t.c.reasons).where(*where).order_by(*order).limit(page.limit)
            .offset(page.offset)
        ).all()  # fmt: skip
    held = claims(engine, [r.source_id for r in rows])
    items = [QueueItem(**r._mapping, claimed_by=held.get(r.source_id)) for r in rows]
    return Page.of(items, int(total), page)


@router.get("")
def get_queue(
    user: Worker, engine: EngineDep, page: PageDep,
    office: Annotated[str | None, Query(max_length=17)] = None,
    lane: Lane | None = None, basis: Basis | None = None,
    sort: Literal["risk", "newest"] = "risk",
) -> Page[QueueItem]:  # fmt: skip
    """Selected declarations of the caller's office, by risk (or newest first)."""
    return queue_page(engine, user, page, office, lane, basis, sort)


def _office_of(engine: Engine, source_id: str) -> str:
    query = select(t.c.office).where(t.c.source_id == source_id, t.c.superseded_at.is_(None))
    with engine.connect() as conn:
        office = conn.execute(query).scalar_one_or_none()
    if office is None:
        raise NotFound(f"{source_id!r} is not in the queue")
    return str(office)


def claim_item(engine: Engine, user: Principal, source_id: str) -> None:
    """Claim a queue item for the caller (office checked)."""
    check_office(user, _office_of(engine, source_id))
    claim(engine, source_id, user.username)


@router.post("/{source_id}/claim", status_code=status.HTTP_204_NO_CONTENT)
def claim_route(user: Worker, engine: EngineDep, source_id: str) -> None:
    """Claim an item; 409 if another officer holds it."""
    claim_item(engine, user, source_id)


@router.delete("/{source_id}/claim", status_code=status.HTTP_204_NO_CONTENT)
def release_route(user: Worker, engine: EngineDep, source_id: str) -> None:
    """Release the caller's claim on an item."""
    check_office(user, _office_of(engine, source_id))
    release(engine, source_id, user.username)
