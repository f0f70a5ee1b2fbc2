"""Real-time assessment: the lane of one declaration, with every reason."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from borderwatch.api.deps import ServicesDep, check_office, require
from borderwatch.api.schemas import ERRORS
from borderwatch.model import Declaration
from borderwatch.store.users import Permission, Principal

router = APIRouter(tags=["assess"], responses=ERRORS)


@router.post("/assess")
def assess(
    declaration: Declaration,
    user: Annotated[Principal, Depends(require(Permission.ASSESS))],
    services: ServicesDep,
) -> dict[str, Any]:
    """The decision for one declaration (not stored): lane, basis, score, reasons, versions."""
    check_office(user, declaration.office)
    return services.assessor.assess(declaration).to_dict()
