"""The tamper-evident audit trail: an append-only, hash-chained log.

Every package records what it does with :func:`record` (or :func:`record_many`) on the
connection of its own transaction, so an event exists exactly when the thing it records
does. :func:`verify` recomputes the chain; :func:`export_anchor` and :func:`check_anchor`
pin the head outside the database so a truncated tail shows too.
"""

from borderwatch.audit.chain import GENESIS
from borderwatch.audit.log import entries, record, record_many
from borderwatch.audit.types import (
    Action,
    Anchor,
    AuditEntry,
    AuditEvent,
    ChainBroken,
    VerifyResult,
)
from borderwatch.audit.verify import check_anchor, export_anchor, parse_anchor, verify

__all__ = [
    "GENESIS",
    "Action",
    "Anchor",
    "AuditEntry",
    "AuditEvent",
    "ChainBroken",
    "VerifyResult",
    "check_anchor",
    "entries",
    "export_anchor",
    "parse_anchor",
    "record",
    "record_many",
    "verify",
]
