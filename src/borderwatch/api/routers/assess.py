"""Real-time assessment: the lane of one declaration, with every reason."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, Response
from starlette.concurrency import run_in_threadpool

from borderwatch.api.deps import ServicesDep, check_office, require
from borderwatch.api.schemas import ERRORS
from borderwatch.model import Declaration
from borderwatch.store.users import Permission, Principal

router = APIRouter(tags=["assess"], responses=ERRORS)


_DECISION: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The decision: lane, basis, score, reasons, versions",
        "content": {"application/json": {"schema": {"type": "object"}}},
    }
}


@router.post("/assess", response_class=Response, responses=_DECISION)
async def assess(
    declaration: Declaration,
    user: Annotated[Principal, Depends(require(Permission.ASSESS))],
    services: ServicesDep,
) -> Response:
    """The decision for one declaration (not stored): lane, basis, score, reasons, versions.

    Runs on the event loop: one assessment takes well under a millisecond once the
    assessor is built (the first call builds it)."""
    check_office(user, declaration.office)
    assessor = services.built_assessor
    if assessor is None:  # the first call builds it, off the event loop
        assessor = await run_in_threadpool(lambda: services.assessor)
    decision = assessor.assess(declaration)
    return Response(orjson.dumps(decision.to_dict()), media_type="application/json")
