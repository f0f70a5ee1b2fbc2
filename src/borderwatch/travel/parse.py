"""Parsing a file of PAXLST and PNRGOV messages: every message that can be read, and every
fragment that cannot, with its reasons, in file order.

Per message: the characters are checked against the interchange's declared syntax level,
pydifact parses the segments, the message type picks the reader. A person (PAXLST) or a
booking (PNRGOV) with a bad value is rejected on its own and the message keeps the rest;
unknown segments are rejected as fragments and the message is kept without them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
from collections.abc import Iterator

from pydifact.control.characters import Characters
from pydifact.segments import Segment
from pydifact.serializer import Serializer

from borderwatch.errors import FieldError
from borderwatch.travel.edifact import (
    EDISyntaxError,
    RawMessage,
    ValidationError,
    decode,
    parse_segments,
    read_una,
    syntax_problem,
)
from borderwatch.travel.envelope import messages
from borderwatch.travel.fields import edi_date
from borderwatch.travel.paxlst import read_paxlst
from borderwatch.travel.pnrgov import read_pnrgov
from borderwatch.travel.types import Message, MessageKind, Rejected

_UNA_START = re.compile(r"(?:^|\n)[ \t]*(?=UNA)")
_SERIALIZER = Serializer(Characters())  # type: ignore[no-untyped-call]


def parse_bytes(
    data: bytes, name: str = "input", strict: bool = True
) -> Iterator[Message | Rejected]:
    """Messages and rejected fragments of one file's bytes (``strict``: see
    :func:`~borderwatch.travel.envelope.messages`)."""
    text, utf8 = decode(data)
    starts = [m.end() for m in _UNA_START.finditer(text)] or [0]
    if starts[0] != 0 and text[: starts[0]].strip():
        starts.insert(0, 0)
    bounds = [*starts, len(text)]
    for begin, end in itertools.pairwise(bounds):
        yield from _chunk(text[begin:end], name, utf8, strict)


def _chunk(text: str, name: str, utf8: bool, strict: bool) -> Iterator[Message | Rejected]:
    seps, start, problem = read_una(text)
    if problem is not None:
        yield Rejected(f"{name}:UNA"[-64:], text[:2000], [problem])
        return
    for item in messages(text, name, seps, start, strict):
        if isinstance(item, Rejected):
            yield item
        else:
            yield from parse_message(item, utf8)


def content_hash(segments: list[Segment]) -> str:
    """SHA-256 of the segments re-serialised with standard separators (UNA, line breaks
    and indentation do not change it)."""
    text = _SERIALIZER.serialize(segments, with_una_header=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _reject(raw: RawMessage, errors: list[FieldError]) -> Rejected:
    return Rejected(raw.location, raw.text, errors, raw.message_ref)


def _fragment(raw: RawMessage, segs: list[Segment], errors: list[FieldError]) -> Rejected:
    text = _SERIALIZER.serialize(segs, with_una_header=False, break_lines=True)
    ref = raw.message_ref
    return Rejected(
        raw.location, text, [FieldError(f"{ref}.{e.path}", e.reason) for e in errors], ref
    )


def parse_message(raw: RawMessage, utf8: bool = True) -> Iterator[Message | Rejected]:
    """The message (if usable) and its rejected parts."""
    problem = syntax_problem(raw, utf8)
    if problem is not None:
        yield _reject(raw, [problem])
        return
    try:
        segments = parse_segments(raw)
    except (EDISyntaxError, ValidationError, ValueError, IndexError, TypeError) as exc:
        yield _reject(raw, [FieldError("segments", f"EDIFACT syntax error: {exc}")])
        return
    kind_text = raw.message_type.upper()
    if kind_text not in MessageKind.__members__:
        reason = f"unsupported message type {kind_text or '(none)'}: expected PAXLST or PNRGOV"
        yield _reject(raw, [FieldError("UNH.S009", reason)])
        return
    kind = MessageKind(kind_text)
    if kind is MessageKind.PAXLST:
        pax = read_paxlst(segments)
        flight, errors, rejected, unknown = pax.flight, pax.errors, pax.rejected, pax.unknown
        travellers, bookings = pax.travellers, []
    else:
        pnr = read_pnrgov(segments, raw.sender)
        flight, errors, rejected, unknown = pnr.flight, pnr.errors, pnr.rejected, pnr.unknown
        bookings = pnr.bookings
        travellers = [t for b in bookings for t in b.travellers]
    if errors or flight is None:
        yield _reject(raw, errors)
        return
    for segs, problems in rejected:
        yield _fragment(raw, segs, problems)
    for seg in unknown:
        yield _fragment(raw, [seg], [FieldError(seg.tag, f"unknown segment {seg.tag!r} in {kind}")])
    warnings = list(raw.warnings)
    if kind is MessageKind.PAXLST and pax.declared_count is not None:
        found = len(travellers) + len(rejected)
        if pax.declared_count != found:
            reason = f"CNT+42 declares {pax.declared_count} persons, the message has {found}"
            warnings.append(FieldError("CNT+42", reason))
    known = [s for s in segments if s.tag not in {u.tag for u in unknown}]
    yield Message(
        kind,
        raw.location,
        raw.sender,
        raw.recipient,
        raw.interchange_ref,
        raw.message_ref,
        _prepared(raw.prepared),
        flight,
        travellers,
        bookings,
        content_hash(known),
        raw.text,
        warnings,
    )


def _prepared(text: str) -> dt.datetime | None:
    try:
        return edi_date(text, "201", "UNB.S004") if len(text) == 10 else None
    except ValueError:
        return None
