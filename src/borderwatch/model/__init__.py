"""The domain model: declarations, parties, goods, outcomes, and the result types that
cross engine boundaries. Imports only :mod:`borderwatch.reference`."""

from borderwatch.model.declaration import (
    Conveyance,
    Declaration,
    Document,
    Equipment,
    GoodsItem,
    Identifiers,
    Outcome,
    Party,
    Route,
)
from borderwatch.model.enums import (
    AeoStatus,
    DeclarationType,
    Finding,
    PartyRole,
    PartySchema,
    TransportMode,
)
from borderwatch.model.validation import (
    field_errors,
    validate_declaration,
    validate_declaration_json,
)

__all__ = [
    "AeoStatus",
    "Conveyance",
    "Declaration",
    "DeclarationType",
    "Document",
    "Equipment",
    "Finding",
    "GoodsItem",
    "Identifiers",
    "Outcome",
    "Party",
    "PartyRole",
    "PartySchema",
    "Route",
    "TransportMode",
    "field_errors",
    "validate_declaration",
    "validate_declaration_json",
]
