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
from contextlib import closing
from hashlib import sha256
from itertools import chain
from typing import Any

from sqlalchemy import Engine, select

from borderwatch.audit.chain import GENESIS
from borderwatch.audit.types import Anchor, VerifyResult
from borderwatch.errors import FieldError, InvalidInput
from borderwatch.store.audit import audit_head

_BATCH = 20_000
# ``prev_hash "\n"`` and the entry text of chain.material, built by the database as bytes:
# one column instead of nine keeps the verifier's per-row work to one hashlib call. SQLite's
# ``printf`` builds it in one pass (a chain of ``||`` copies the growing text at each step);
# both forms read a NULL (possible only if someone dropped a NOT NULL) as empty text, whose
# hash then fails.
_TEXT = {
    "postgresql": "convert_to(concat(prev_hash, chr(10), seq, chr(31), to_char(at AT TIME ZONE "
    "'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US'), chr(31), actor, chr(31), action, chr(31), "
    "subject_type, chr(31), subject_id, chr(31), coalesce(purpose, ''), chr(31), details), "
    "'UTF8')",
    "sqlite": "CAST(printf('%s\n%d" + "\x1f%s" * 7 + "', prev_hash, seq, replace(at, ' ', 'T'), "
    "actor, action, subject_type, subject_id, purpose, details) AS BLOB)",
}

_Walk = tuple[int, str, int | None, str | None]


def _walk(engine: Engine, upto: int | None) -> _Walk:
    """(last good seq, its hash, first bad seq, reason) over entries up to ``upto``.

    Rows come through the driver's own cursor in binary: on PostgreSQL as one streamed
    query (the server keeps sending while the hashes are computed, in chunks of ``_BATCH``
    rows, instead of waiting for a cursor's next ``FETCH``), on SQLite in ``fetchmany``
    batches. Memory stays bounded by the batch either way.
    """
    where = "" if upto is None else f"WHERE seq <= {int(upto)} "
    sql = f"SELECT seq, prev_hash, hash, {_TEXT[engine.dialect.name]} FROM audit_log {where}"
    sql += "ORDER BY seq"
    with engine.connect() as conn:
        dbapi: Any = conn.connection.driver_connection
        if engine.dialect.name == "postgresql":
            with (
                closing(dbapi.cursor(binary=True)) as cur,
                closing(cur.stream(sql, size=_BATCH)) as rows,
            ):
                return _check(rows)
        cur = dbapi.cursor()
        try:
            cur.execute(sql)
            return _check(chain.from_iterable(iter(lambda: cur.fetchmany(_BATCH), [])))
        finally:
            cur.close()


def _check(rows: Iterable[Sequence[Any]]) -> _Walk:
    """Recompute the chain over rows in ``seq`` order; stop at the first bad one."""
    seq, prev = 0, GENESIS
    for s, prev_hash, digest, hashed in rows:
        if s != seq + 1:
            why = "deleted or inserted before it" if s > seq + 1 else "out of order"
            return seq, prev, s, f"entry {s}: expected seq {seq + 1} ({why})"
        if prev_hash != prev:
            return seq, prev, s, f"entry {s}: prev_hash does not match entry {seq}"
        if sha256(hashed).hexdigest() != digest:
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
