"""The hash chain: canonical text of an entry and its SHA-256, shared by writer and verifier.

An entry's hash is ``sha256(prev_hash "\\n" text)`` where ``text`` joins ``seq``, ``at`` (UTC,
microseconds, ``YYYY-MM-DDTHH:MM:SS.ffffff``), actor, action, subject type and id, purpose
(empty when none) and the details' canonical JSON (orjson, sorted keys, stored as is) with
U+001F. Each entry therefore fixes its position, its content and everything before it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any

import orjson

from borderwatch.audit.types import AuditEvent
from borderwatch.errors import FieldError, InvalidInput

GENESIS = "0" * 64
MAX_DETAILS_BYTES = 1_048_576
_NAME = re.compile(r"^[a-z][a-z0-9_.:-]{0,63}$")
_LIMITS = (("actor", 64), ("subject_type", 32), ("subject_id", 128))
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
SEP = "\x1f"


def utc(at: dt.datetime) -> dt.datetime:
    """``at`` in UTC; a naive value (as SQLite returns) is taken to be UTC already."""
    if at.tzinfo is None:
        return at.replace(tzinfo=dt.UTC)
    return at.astimezone(dt.UTC)


def at_text(at: dt.datetime) -> str:
    """The timestamp as hashed: UTC, microseconds, no offset suffix."""
    return utc(at).replace(tzinfo=None).isoformat(timespec="microseconds")


def material(
    seq: int,
    at: str,
    actor: str,
    action: str,
    subject: tuple[str, str],
    purpose: str | None,
    details: str,
) -> str:
    """The hashed text of one entry: its fields joined by the unit separator (U+001F).

    Unambiguous because no field may hold a control character (details are JSON, whose
    encoder escapes them). The verifier has the database build the same text.
    """
    return SEP.join((str(seq), at, actor, action, subject[0], subject[1], purpose or "", details))


def entry_hash(prev: str, text: str) -> str:
    """SHA-256 (hex) of the entry text ``text`` chained to the hash ``prev``."""
    return hashlib.sha256(f"{prev}\n{text}".encode()).hexdigest()


def canonical_details(details: Any) -> str:
    """Details as canonical JSON text (sorted keys); raises TypeError if not JSON."""
    return orjson.dumps(details, option=orjson.OPT_SORT_KEYS).decode()


def check_event(event: AuditEvent, where: str = "event") -> tuple[str, list[FieldError]]:
    """The canonical details of ``event`` and every problem with its fields."""
    errors = [
        FieldError(f"{where}.{name}", f"required, at most {limit} characters, no control ones")
        for name, limit in _LIMITS
        if not getattr(event, name)
        or len(getattr(event, name)) > limit
        or _CONTROL.search(getattr(event, name))
    ]
    if not _NAME.match(event.action or ""):
        errors.append(FieldError(f"{where}.action", "lower-case dotted name, at most 64 chars"))
    if event.purpose is not None and (
        not 0 < len(event.purpose) <= 64 or _CONTROL.search(event.purpose)
    ):
        errors.append(FieldError(f"{where}.purpose", "1 to 64 characters, no control ones"))
    if event.at is not None and event.at.tzinfo is None:
        errors.append(FieldError(f"{where}.at", "must carry a time zone"))
    try:
        text = canonical_details(dict(event.details))
    except (TypeError, ValueError) as exc:
        errors.append(FieldError(f"{where}.details", f"not JSON with string keys: {exc}"))
        text = "{}"
    if len(text) > MAX_DETAILS_BYTES:
        errors.append(FieldError(f"{where}.details", f"larger than {MAX_DETAILS_BYTES} bytes"))
    return text, errors


def check_events(events: list[AuditEvent]) -> list[str]:
    """Canonical details of every event; raises InvalidInput naming every bad field."""
    texts: list[str] = []
    errors: list[FieldError] = []
    for i, event in enumerate(events):
        where = "event" if len(events) == 1 else f"events[{i}]"
        text, problems = check_event(event, where)
        texts.append(text)
        errors += problems
    if errors:
        raise InvalidInput("audit event rejected", errors)
    return texts
