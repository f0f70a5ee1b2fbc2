"""Verifying the chain, and exporting and checking anchors.

:func:`verify` streams the log in ``seq`` order and recomputes every hash: an edited entry
fails its own hash, a deleted or inserted one breaks the sequence or the ``prev_hash`` link,
a reordered one fails both. Deleting the *tail* leaves a shorter, valid chain: the chain
head row catches a careless truncation, but an insider can rewrite that row too, so the
defence is an :class:`Anchor` exported earlier and kept elsewhere (:func:`check_anchor`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Engine, select

from borderwatch.audit.chain import GENESIS, at_text, entry_hash
from borderwatch.audit.types import Anchor, VerifyResult
from borderwatch.errors import FieldError, InvalidInput
from borderwatch.store.audit import audit_head, audit_log

_BATCH = 20_000
_COLUMNS = (
    audit_log.c.seq,
    audit_log.c.at,
    audit_log.c.actor,
    audit_log.c.action,
    audit_log.c.subject_type,
    audit_log.c.subject_id,
    audit_log.c.purpose,
    audit_log.c.details,
    audit_log.c.prev_hash,
    audit_log.c.hash,
)


_Walk = tuple[int, str, int | None, str | None]


def _walk(engine: Engine, upto: int | None) -> _Walk:
    """(last good seq, its hash, first bad seq, reason) over entries up to ``upto``."""
    query = select(*_COLUMNS).order_by(audit_log.c.seq)
    if upto is not None:
        query = query.where(audit_log.c.seq <= upto)
    with (
        engine.connect() as conn,
        conn.execution_options(yield_per=_BATCH).execute(query) as result,
    ):
        return _check(result.partitions())


def _check(partitions: Iterable[Sequence[Any]]) -> _Walk:
    """Recompute the chain over rows in ``seq`` order; stop at the first bad one."""
    seq, prev = 0, GENESIS
    for rows in partitions:
        for s, at, actor, action, st, sid, purpose, details, prev_hash, digest in rows:
            if s != seq + 1:
                why = "deleted or inserted before it" if s > seq + 1 else "out of order"
                return seq, prev, s, f"entry {s}: expected seq {seq + 1} ({why})"
            if prev_hash != prev:
                return seq, prev, s, f"entry {s}: prev_hash does not match entry {seq}"
            if (
                entry_hash(prev, s, at_text(at), actor, action, (st, sid), purpose, details)
                != digest
            ):
                return seq, prev, s, f"entry {s}: content does not match its hash (edited)"
            seq, prev = s, digest
    return seq, prev, None, None


def verify(engine: Engine, upto: int | None = None) -> VerifyResult:
    """Walk the chain (to ``upto`` when given) and report the first bad entry, if any."""
    seq, prev, bad, reason = _walk(engine, upto)
    if bad is not None:
        return VerifyResult(False, seq, seq, prev, bad, reason)
    if upto is None:
        with engine.connect() as conn:
            head = conn.execute(select(audit_head).where(audit_head.c.id == 1)).one()
        if (int(head.seq), str(head.hash)) != (seq, prev):
            why = (
                f"chain head says entry {head.seq} ({str(head.hash)[:12]}...) but the log "
                f"ends at entry {seq}: entries removed from the tail or head rewritten"
            )
            return VerifyResult(False, seq, seq, prev, seq + 1, why)
    return VerifyResult(True, seq, seq, prev)


def export_anchor(engine: Engine) -> Anchor:
    """The current chain head, after checking the chain (an anchor of a bad log is refused)."""
    result = verify(engine)
    if not result.ok:
        raise InvalidInput(
            "refusing to anchor a log that fails verification",
            [FieldError(f"audit_log[{result.first_bad}]", result.reason or "bad entry")],
        )
    return Anchor(result.head_seq, result.head_hash, dt.datetime.now(dt.UTC))


def check_anchor(engine: Engine, anchor: Anchor) -> VerifyResult:
    """Does the log still hold ``anchor``'s entry, unchanged, with an intact chain to it?

    Catches a truncated tail (the anchored entry is gone) and any rewrite up to the anchor.
    """
    seq, prev, bad, reason = _walk(engine, anchor.seq)
    if bad is not None:
        return VerifyResult(False, seq, seq, prev, bad, reason)
    if seq < anchor.seq:
        why = (
            f"log ends at entry {seq} but the anchor names entry {anchor.seq}: "
            "the tail was truncated"
        )
        return VerifyResult(False, seq, seq, prev, seq + 1, why)
    if prev != anchor.hash:
        why = f"entry {seq} differs from the anchor: the log was rewritten up to it"
        return VerifyResult(False, seq, seq, prev, seq, why)
    return VerifyResult(True, seq, seq, prev)


def parse_anchor(data: dict[str, Any]) -> Anchor:
    """An :class:`Anchor` from its JSON form; every bad field is reported."""
    errors: list[FieldError] = []
    seq, digest, when = data.get("seq"), data.get("hash"), data.get("exported_at")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
        errors.append(FieldError("seq", "a non-negative integer is required"))
    if not isinstance(digest, str) or len(digest) != 64:
        errors.append(FieldError("hash", "a 64-character hex SHA-256 is required"))
    try:
        exported = dt.datetime.fromisoformat(str(when))
    except ValueError:
        errors.append(FieldError("exported_at", "an ISO 8601 timestamp is required"))
    if errors:
        raise InvalidInput("not an audit anchor", errors)
    return Anchor(int(seq), str(digest), exported)  # type: ignore[arg-type]
