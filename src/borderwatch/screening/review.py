"""Analyst review of screening hits: confirm a true match or dismiss a false positive.

Reviews are append-only: a new decision on the same party and list entry supersedes the
live row (``superseded_at``) and is inserted with who, when and why, together with an audit
event in the same transaction. A dismissal is remembered for the party (its
:func:`party_key`), the list and the entity id, and holds only while the entry's
fingerprint (``entry_hash``) is the one reviewed: when the list entry changes, the hit comes
back. :class:`ReviewedScreener` applies the live dismissals to a screener's hits.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, and_, insert, select, update

from borderwatch.audit import AuditEvent, record
from borderwatch.errors import FieldError, InvalidInput
from borderwatch.model.screening import ReviewDecision, ScreeningHit
from borderwatch.screening.query import party
from borderwatch.screening.screener import Screener
from borderwatch.screening.types import PartyQuery
from borderwatch.store.screening import screening_hits, screening_reviews

ReviewKey = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class Review:
    """One stored review decision (live when ``superseded_at`` is None)."""

    id: int
    party_key: str
    list_name: str
    entity_id: str
    entry_hash: str
    list_version: str
    decision: ReviewDecision
    reason: str
    recorded_by: str
    recorded_at: dt.datetime
    superseded_at: dt.datetime | None

    def note(self) -> str:
        """The review in words, for a hit's explanation."""
        when = self.recorded_at.strftime("%Y-%m-%d %H:%M")
        return f"{self.decision.value} by {self.recorded_by} on {when}: {self.reason}"


def party_key(q: PartyQuery) -> str:
    """A stable key of a party: its normalised name, schema, country and date of birth."""
    body = orjson.dumps([str(part) for part in q.key()[:4]])
    return hashlib.sha256(body).hexdigest()[:32]


def review_hit(
    engine: Engine,
    key: str,
    hit: ScreeningHit,
    decision: ReviewDecision,
    by: str,
    reason: str,
    at: dt.datetime | None = None,
) -> Review:
    """Record ``decision`` on ``hit`` for the party ``key``, superseding any live review of
    the same party and list entry. Who and why are required."""
    errors = [
        FieldError(name, "required")
        for name, value in (("by", by), ("reason", reason), ("party_key", key))
        if not value.strip()
    ]
    if errors:
        raise InvalidInput("a review needs who, why and the party", errors)
    now = at or dt.datetime.now(dt.UTC)
    where = _same_entry(key, hit.list_name, hit.entity_id)
    row = {
        "party_key": key,
        "list_name": hit.list_name,
        "entity_id": hit.entity_id,
        "entry_hash": hit.entry_hash,
        "list_version": hit.list_version,
        "decision": decision.value,
        "reason": reason.strip(),
        "recorded_by": by.strip(),
        "recorded_at": now,
    }
    with engine.begin() as conn:
        conn.execute(update(screening_reviews).where(where).values(superseded_at=now))
        done = conn.execute(
            insert(screening_reviews).values(**row).returning(screening_reviews.c.id)
        )
        new_id = done.scalar_one()
        record(conn, _event(row, now))
    return _review({**row, "id": new_id, "superseded_at": None})


def confirm(engine: Engine, key: str, hit: ScreeningHit, by: str, reason: str) -> Review:
    """Record that ``hit`` is a true match for the party."""
    return review_hit(engine, key, hit, ReviewDecision.CONFIRMED, by, reason)


def dismiss(engine: Engine, key: str, hit: ScreeningHit, by: str, reason: str) -> Review:
    """Record that ``hit`` is a false positive for the party (lapses if the entry changes)."""
    return review_hit(engine, key, hit, ReviewDecision.DISMISSED, by, reason)


def _same_entry(key: str, list_name: str, entity_id: str) -> Any:
    t = screening_reviews.c
    return and_(
        t.party_key == key,
        t.list_name == list_name,
        t.entity_id == entity_id,
        t.superseded_at.is_(None),
    )


def _event(row: Mapping[str, Any], now: dt.datetime) -> AuditEvent:
    details = {k: v for k, v in row.items() if k != "recorded_at"}
    return AuditEvent(
        str(row["recorded_by"]),
        "screening.review",
        "screening_hit",
        f"{row['party_key']}/{row['list_name']}/{row['entity_id']}",
        details=details,
        at=now,
    )


def reviews(engine: Engine, key: str | None = None, live_only: bool = False) -> list[Review]:
    """Stored reviews, oldest first: all of them or one party's, optionally live only."""
    query = select(screening_reviews).order_by(screening_reviews.c.id)
    if key is not None:
        query = query.where(screening_reviews.c.party_key == key)
    if live_only:
        query = query.where(screening_reviews.c.superseded_at.is_(None))
    with engine.connect() as conn:
        return [_review(r._mapping) for r in conn.execute(query)]


def _review(r: Mapping[Any, Any]) -> Review:
    return Review(
        int(r["id"]),
        str(r["party_key"]),
        str(r["list_name"]),
        str(r["entity_id"]),
        str(r["entry_hash"]),
        str(r["list_version"]),
        ReviewDecision(r["decision"]),
        str(r["reason"]),
        str(r["recorded_by"]),
        r["recorded_at"],
        r["superseded_at"],
    )


def live_dismissals(engine: Engine, keys: Iterable[str]) -> dict[ReviewKey, Review]:
    """Live dismissals of these parties, by (party key, list name, entity id)."""
    wanted = sorted(set(keys))
    t = screening_reviews.c
    query = select(screening_reviews).where(
        t.party_key.in_(wanted), t.superseded_at.is_(None), t.decision == "dismissed"
    )
    with engine.connect() as conn:
        found = [_review(r._mapping) for r in conn.execute(query)]
    return {(r.party_key, r.list_name, r.entity_id): r for r in found}


def apply_reviews(
    key: str, hits: list[ScreeningHit], dismissed: Mapping[ReviewKey, Review]
) -> list[ScreeningHit]:
    """``hits`` with those dismissed for this party and unchanged entry marked suppressed
    (the review in their explanation); a dismissal of an entry that changed since is noted
    as lapsed and the hit stays active. Active hits come first."""
    out = []
    for hit in hits:
        review = dismissed.get((key, hit.list_name, hit.entity_id))
        if review is None:
            out.append(hit)
        elif review.entry_hash == hit.entry_hash:
            out.append(replace(hit, suppressed=True, review=review.note()))
        else:
            lapsed = f"earlier dismissal lapsed, the list entry changed ({review.note()})"
            out.append(replace(hit, review=lapsed))
    return sorted(out, key=lambda h: h.suppressed)


def store_hits(conn: Connection, key: str, hits: list[ScreeningHit]) -> int:
    """Persist hits with the list version and entry fingerprint they were made with."""
    now = dt.datetime.now(dt.UTC)
    rows = [
        {
            "party_key": key,
            "party_name": h.query_name,
            "list_name": h.list_name,
            "list_version": h.list_version,
            "entity_id": h.entity_id,
            "entry_hash": h.entry_hash,
            "matched_name": h.matched_name,
            "score": h.score,
            "features": [[f.name, f.value, f.weight, f.detail] for f in h.features],
            "recorded_at": now,
        }
        for h in hits
    ]
    if rows:
        conn.execute(insert(screening_hits), rows)
    return len(rows)


class ReviewedScreener:
    """A :class:`Screener` whose hits carry the analysts' live dismissals from the store."""

    def __init__(self, screener: Screener, engine: Engine) -> None:
        self.screener = screener
        self.engine = engine

    def screen(self, q: PartyQuery, threshold: float | None = None) -> list[ScreeningHit]:
        """Hits of one party, dismissed ones marked suppressed and explained."""
        key = party_key(q)
        hits = self.screener.screen(q, threshold)
        return apply_reviews(key, hits, live_dismissals(self.engine, [key]) if hits else {})

    def screen_party(self, name: str, schema: str = "LegalEntity", **kw: Any) -> list[ScreeningHit]:
        """As :meth:`Screener.screen_party`, with reviews applied."""
        threshold = kw.pop("threshold", None)
        return self.screen(party(name, schema, **kw), threshold)
