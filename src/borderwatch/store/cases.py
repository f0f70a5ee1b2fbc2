"""Tables of cases: the case, its history, inspections, results, enforcement actions, seized
items and their chain of custody.

Append-only throughout. A case's state is the ``to_state`` of its latest ``case_events``
row, whose ``seq`` is the case version: a change inserts ``seq = version + 1`` and the unique
``(case_id, seq)`` refuses a concurrent writer holding the same version (optimistic locking).
Results and action states supersede their live row (``superseded_at``) and insert the new
one with who, when and why. Custody transfers are hash-linked per item.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

from borderwatch.store.schema import Id, Json, Timestamp, metadata

_LIVE = text("superseded_at IS NULL")

cases = Table(
    "cases",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("source_id", String(64), nullable=False),
    Column("declaration_id", ForeignKey("declarations.id"), nullable=False),
    Column("office", String(17), nullable=False),
    Column("detection", Json, nullable=False),
    Column("opened_by", String(64), nullable=False),
    Column("opened_at", Timestamp, nullable=False),
    Column("reason", Text, nullable=False),
    Index("ix_cases_source_id", "source_id"),
)

case_events = Table(
    "case_events",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("case_id", ForeignKey("cases.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("event", String(24), nullable=False),
    Column("from_state", String(16)),
    Column("to_state", String(16), nullable=False),
    Column("actor", String(64), nullable=False),
    Column("role", String(24), nullable=False),
    Column("at", Timestamp, nullable=False),
    Column("reason", Text, nullable=False),
    Column("data", Json, nullable=False),
    UniqueConstraint("case_id", "seq"),
)

case_inspections = Table(
    "case_inspections",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("case_id", ForeignKey("cases.id"), nullable=False),
    Column("type", String(16), nullable=False),
    Column("officer", String(64), nullable=False),
    Column("at", Timestamp, nullable=False),
    Column("place", Text, nullable=False),
    Column("notes", Text, nullable=False),
    Index("ix_case_inspections_case_id", "case_id"),
)

case_results = Table(
    "case_results",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("case_id", ForeignKey("cases.id"), nullable=False),
    Column("status", String(16), nullable=False),
    Column("finding", String(16), nullable=False),
    Column("items", Json, nullable=False),
    Column("revenue_recovered", Float, nullable=False),
    Column("notes", Text, nullable=False),
    Column("submitted_by", String(64)),
    Column("recorded_by", String(64), nullable=False),
    Column("recorded_at", Timestamp, nullable=False),
    Column("reason", Text, nullable=False),
    Column("superseded_at", Timestamp),
    Index("uq_case_results_live", "case_id", unique=True, sqlite_where=_LIVE,
          postgresql_where=_LIVE),
)  # fmt: skip

case_actions = Table(
    "case_actions",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("case_id", ForeignKey("cases.id"), nullable=False),
    Column("type", String(16), nullable=False),
    Column("power_id", String(64), nullable=False),
    Column("statute", Text, nullable=False),
    Column("article", Text, nullable=False),
    Column("power_description", Text, nullable=False),
    Column("approval_required", Boolean, nullable=False),
    Column("review_hours", Integer),
    Column("details", Json, nullable=False),
    Column("requested_by", String(64), nullable=False),
    Column("requested_at", Timestamp, nullable=False),
    Column("reason", Text, nullable=False),
    Index("ix_case_actions_case_id", "case_id"),
)

action_states = Table(
    "action_states",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("action_id", ForeignKey("case_actions.id"), nullable=False),
    Column("state", String(16), nullable=False),
    Column("due_at", Timestamp),
    Column("changed_by", String(64), nullable=False),
    Column("changed_at", Timestamp, nullable=False),
    Column("reason", Text, nullable=False),
    Column("superseded_at", Timestamp),
    Index("uq_action_states_live", "action_id", unique=True, sqlite_where=_LIVE,
          postgresql_where=_LIVE),
)  # fmt: skip

seized_items = Table(
    "seized_items",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("case_id", ForeignKey("cases.id"), nullable=False),
    Column("action_id", ForeignKey("case_actions.id"), nullable=False),
    Column("label", String(32), nullable=False, unique=True),
    Column("commodity", String(16), nullable=False),
    Column("description", Text, nullable=False),
    Column("quantity", Float, nullable=False),
    Column("unit", String(8), nullable=False),
    Column("seized_by", String(64), nullable=False),
    Column("seized_at", Timestamp, nullable=False),
    Column("place", Text, nullable=False),
    Column("seals", Json, nullable=False),
    Column("genesis_hash", String(64), nullable=False),
)

custody_transfers = Table(
    "custody_transfers",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("item_id", ForeignKey("seized_items.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("handed_by", String(64), nullable=False),
    Column("received_by", String(64), nullable=False),
    Column("at", Timestamp, nullable=False),
    Column("place", Text, nullable=False),
    Column("seals", Json, nullable=False),
    Column("condition", String(16), nullable=False),
    Column("note", Text, nullable=False),
    Column("recorded_by", String(64), nullable=False),
    Column("recorded_at", Timestamp, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    UniqueConstraint("item_id", "seq"),
)
