"""Screening a party against the shipped watchlists."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from borderwatch.api.deps import Page, PageDep, ServicesDep, require
from borderwatch.api.schemas import ERRORS, HitOut, PartyIn
from borderwatch.store.users import Permission, Principal

router = APIRouter(prefix="/screening", tags=["screening"], responses=ERRORS)


@router.post("/party")
def screen_party(
    party: PartyIn,
    _: Annotated[Principal, Depends(require(Permission.SCREEN))],
    services: ServicesDep,
    page: PageDep,
) -> Page[HitOut]:
    """Hits of one party, best first, each naming the list alias it matched and why."""
    hits = services.screener.screen_party(party.name, party.schema_, party.country)
    items = [HitOut(list_name=h.list_name, list_version=h.list_version, entity_id=h.entity_id,
                    caption=h.caption, matched_name=h.matched_name, score=h.score,
                    explanation=h.explain())
             for h in hits[page.offset : page.offset + page.limit]]  # fmt: skip
    return Page.of(items, len(hits), page)
