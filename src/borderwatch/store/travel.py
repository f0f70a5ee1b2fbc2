"""Tables of traveller data: API/PNR messages, bookings with their versions, travellers and
the hits found on them.

Messages are unique by content hash (an identical push is a duplicate). A booking's
successive pushes are versions: the live row is superseded (``superseded_at``) and the new
one inserted, never overwritten. Personal data is masked after the masking period
(``masked_at``) and deleted at the end of retention unless a case holds it.
"""

from __future__ import annotations

from sqlalchemy import (
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

travel_messages = Table(
    "travel_messages",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("kind", String(8), nullable=False),
    Column("sender", String(64), nullable=False),
    Column("message_ref", String(64), nullable=False),
    Column("flight_key", String(32), nullable=False),
    Column("departure", Timestamp),
    Column("flight", Json, nullable=False),
    Column("warnings", Json, nullable=False),
    Column("ingest_run_id", ForeignKey("ingest_runs.id"), nullable=False),
    Column("received_at", Timestamp, nullable=False),
    Index("ix_travel_messages_flight_key", "flight_key"),
)

travel_bookings = Table(
    "travel_bookings",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("booking_key", String(64), nullable=False),
    Column("version", Integer, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("message_id", ForeignKey("travel_messages.id"), nullable=False),
    Column("flight_key", String(32), nullable=False),
    Column("booked_at", Timestamp),
    Column("payload", Json, nullable=False),
    Column("recorded_at", Timestamp, nullable=False),
    Column("superseded_at", Timestamp),
    Column("masked_at", Timestamp),
    UniqueConstraint("booking_key", "version"),
    Index(
        "uq_travel_bookings_live",
        "booking_key",
        unique=True,
        sqlite_where=text("superseded_at IS NULL"),
        postgresql_where=text("superseded_at IS NULL"),
    ),
)

travel_travellers = Table(
    "travel_travellers",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("message_id", ForeignKey("travel_messages.id"), nullable=False),
    Column("booking_id", ForeignKey("travel_bookings.id")),
    Column("flight_key", String(32), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("person_key", String(200), nullable=False),
    Column("surname", Text, nullable=False),
    Column("given_names", Text, nullable=False),
    Column("birth_date", String(10)),
    Column("nationality", String(2)),
    Column("payload", Json, nullable=False),
    Column("recorded_at", Timestamp, nullable=False),
    Column("masked_at", Timestamp),
    Index("ix_travel_travellers_person_key", "person_key"),
    Index("ix_travel_travellers_flight_key", "flight_key"),
)

travel_hits = Table(
    "travel_hits",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("traveller_id", ForeignKey("travel_travellers.id"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("code", String(64), nullable=False),
    Column("score", Float, nullable=False),
    Column("reasons", Json, nullable=False),
    Column("recorded_at", Timestamp, nullable=False),
    Index("ix_travel_hits_traveller_id", "traveller_id"),
)
