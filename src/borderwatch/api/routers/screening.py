"""Screening a party against the shipped watchlists."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from borderwatch.api.deps import Page, PageDep, ServicesDep, require
from borderwatch.api.schemas import ERRORS, HitOut, PartyIn, ReviewIn, ReviewOut
from borderwatch.api.services import Services
from borderwatch.errors import NotFound
from borderwatch.model.screening import ReviewDecision, ScreeningHit
from borderwatch.screening import party
from borderwatch.screening.review import ReviewedScreener, party_key, review_hit
from borderwatch.store.users import Permission, Principal

router = APIRouter(prefix="/screening", tags=["screening"], responses=ERRORS)
Screener = Annotated[Principal, Depends(require(Permission.SCREEN))]


def _hit(h: ScreeningHit) -> HitOut:
    return HitOut(list_name=h.list_name, list_version=h.list_version, entity_id=h.entity_id,
                  caption=h.caption, matched_name=h.matched_name, score=h.score,
                  explanation=h.explain(), suppressed=h.suppressed)  # fmt: skip


def review(services: Services, user: Principal, body: ReviewIn) -> ReviewOut:
    """Confirm or dismiss one current hit of a party (re-screened now, so the review names
    the entry version the officer saw)."""
    query = party(body.name, body.schema_, country=body.country)
    hits = services.screener.screen(query)
    hit = next((h for h in hits if (h.list_name, h.entity_id) == (body.list_name,
                body.entity_id)), None)  # fmt: skip
    if hit is None:
        raise NotFound(f"{body.name!r} has no hit on {body.list_name}:{body.entity_id}")
    done = review_hit(services.engine, party_key(query), hit, ReviewDecision(body.decision),
                      user.username, body.reason)  # fmt: skip
    return ReviewOut(party_key=done.party_key, list_name=done.list_name,
                     entity_id=done.entity_id, list_version=done.list_version,
                     decision=done.decision.value, reason=done.reason,
                     recorded_by=done.recorded_by, recorded_at=done.recorded_at)  # fmt: skip


@router.post("/review", status_code=201)
def review_route(body: ReviewIn, user: Screener, services: ServicesDep) -> ReviewOut:
    """Confirm a hit as a true match or dismiss it as a false positive, with a reason; a
    dismissal suppresses the hit for this party until the list entry changes."""
    return review(services, user, body)


@router.post("/party")
def screen_party(
    party: PartyIn,
    _: Screener,
    services: ServicesDep,
    page: PageDep,
) -> Page[HitOut]:
    """Hits of one party, best first, each naming the list alias it matched and why."""
    hits = ReviewedScreener(services.screener, services.engine).screen_party(
        party.name, party.schema_, country=party.country
    )
    items = [_hit(h) for h in hits[page.offset : page.offset + page.limit]]
    return Page.of(items, len(hits), page)
