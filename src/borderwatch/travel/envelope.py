"""Splitting a file into messages: interchange, group and message envelopes checked.

:func:`messages` yields each complete message (``UNH`` ... ``UNT`` with a matching count
and reference) as a :class:`RawMessage`, and a :class:`Rejected` for every fragment that is
not: a message cut short, a wrong ``UNT`` count, a segment outside any message, an
interchange without its ``UNZ`` or with a wrong message count, junk after the end.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from borderwatch.errors import FieldError
from borderwatch.travel.edifact import RawMessage, RawSegment, Separators, split_segments
from borderwatch.travel.types import Rejected


def _element(seg: RawSegment, seps: Separators, index: int, component: int = 0) -> str:
    parts = seg.text.split(seps.data)
    if index >= len(parts):
        return ""
    comps = parts[index].split(seps.component)
    return comps[component] if component < len(comps) else ""


@dataclass(slots=True)
class _Interchange:
    header: RawSegment
    syntax: str
    sender: str
    recipient: str
    prepared: str
    ref: str
    messages: int = 0
    groups: int = 0


@dataclass(slots=True)
class _Splitter:
    name: str
    seps: Separators
    strict: bool = True
    out: list[RawMessage | Rejected] = field(default_factory=list)
    inter: _Interchange | None = None
    msg: RawMessage | None = None

    def where(self, seg: RawSegment) -> str:
        return f"{self.name}:{seg.line}"[-64:]

    def reject(self, segs: list[RawSegment], path: str, reason: str, ref: str | None) -> None:
        raw = "\n".join(s.text + self.seps.terminator for s in segs)
        self.out.append(Rejected(self.where(segs[0]), raw, [FieldError(path, reason)], ref))

    def feed(self, seg: RawSegment) -> None:
        handler = getattr(self, f"_{seg.tag.lower()}", None) if seg.tag in _ENVELOPE else None
        if handler is not None:
            handler(seg)
        elif self.msg is not None:
            self.msg.segments.append(seg)
        else:
            self.reject([seg], seg.tag, "segment outside a message (no UNH before it)", None)

    def _close_open(self, seg: RawSegment, what: str) -> None:
        if self.msg is not None:
            ref = self.msg.message_ref
            reason = f"message {ref} is truncated: {what} before its UNT"
            self.reject(self.msg.segments, "UNT", reason, ref)
            self.msg = None

    def _unb(self, seg: RawSegment) -> None:
        self._close_open(seg, "UNB of the next interchange")
        self._close_interchange(seg, "another UNB")
        e = _element
        prepared = f"{e(seg, self.seps, 4)}{e(seg, self.seps, 4, 1)}"
        self.inter = _Interchange(
            seg,
            e(seg, self.seps, 1),
            e(seg, self.seps, 2),
            e(seg, self.seps, 3),
            prepared,
            e(seg, self.seps, 5),
        )

    def _ung(self, seg: RawSegment) -> None:
        if self.inter is not None:
            self.inter.groups += 1

    def _une(self, seg: RawSegment) -> None:
        return None

    def _unh(self, seg: RawSegment) -> None:
        self._close_open(seg, "UNH of the next message")
        inter = self.inter or _Interchange(seg, "", "", "", "", "")
        inter.messages += 1
        self.msg = RawMessage(
            self.where(seg),
            self.seps,
            inter.syntax,
            inter.sender,
            inter.recipient,
            inter.prepared,
            inter.ref,
            _element(seg, self.seps, 1),
            _element(seg, self.seps, 2),
            [seg],
        )

    def _unt(self, seg: RawSegment) -> None:
        msg = self.msg
        if msg is None:
            self.reject([seg], "UNT", "UNT without a UNH", None)
            return
        msg.segments.append(seg)
        self.msg = None
        count, ref = _element(seg, self.seps, 1), _element(seg, self.seps, 2)
        problems = []
        if count != str(len(msg.segments)):
            problems.append(
                f"UNT counts {count or '(none)'} segments, the message has {len(msg.segments)}"
            )
        if ref != msg.message_ref:
            problems.append(f"UNT reference {ref!r} differs from UNH reference {msg.message_ref!r}")
        if problems and self.strict:
            self.reject(msg.segments, "UNT", "; ".join(problems), msg.message_ref)
        elif problems:
            msg.warnings.extend(FieldError("UNT", p) for p in problems)
            self.out.append(msg)
        else:
            self.out.append(msg)

    def _unz(self, seg: RawSegment) -> None:
        self._close_open(seg, "UNZ")
        inter, self.inter = self.inter, None
        if inter is None:
            self.reject([seg], "UNZ", "UNZ without a UNB", None)
            return
        count, ref = _element(seg, self.seps, 1), _element(seg, self.seps, 2)
        expected = inter.groups or inter.messages
        if not self.strict:
            return
        if count != str(expected):
            what = "groups" if inter.groups else "messages"
            reason = f"UNZ counts {count or '(none)'}, the interchange holds {expected} {what}"
            self.reject([inter.header, seg], "UNZ", reason, ref)
        elif ref != inter.ref:
            reason = f"UNZ reference {ref!r} differs from UNB reference {inter.ref!r}"
            self.reject([inter.header, seg], "UNZ", reason, ref)

    def _close_interchange(self, seg: RawSegment | None, what: str) -> None:
        if self.inter is not None:
            reason = f"interchange {self.inter.ref} has no UNZ ({what} came first)"
            self.reject([self.inter.header], "UNZ", reason, self.inter.ref)
            self.inter = None

    def finish(self, tail: str) -> None:
        if self.msg is not None:
            ref = self.msg.message_ref
            reason = f"message {ref} is truncated: the file ends before its UNT"
            self.reject(self.msg.segments, "UNT", reason, ref)
            self.msg = None
        self._close_interchange(None, "the end of the file")
        if tail:
            where = f"{self.name}:end"
            reason = "text after the last segment terminator (truncated segment or trailer)"
            self.out.append(Rejected(where, tail[:2000], [FieldError("file", reason)]))


_ENVELOPE = frozenset({"UNB", "UNG", "UNE", "UNH", "UNT", "UNZ"})


def messages(
    text: str, name: str, seps: Separators, start: int, strict: bool = True
) -> Iterator[RawMessage | Rejected]:
    """Complete messages and rejected fragments of ``text``, in file order. Not ``strict``:
    a wrong ``UNT`` count or reference becomes a warning on the message, and ``UNZ``
    counts and references are not checked (many real senders get them wrong)."""
    segments, tail = split_segments(text, seps, start)
    splitter = _Splitter(name, seps, strict)
    for seg in segments:
        splitter.feed(seg)
        if splitter.out:
            yield from splitter.out
            splitter.out.clear()
    splitter.finish(tail)
    yield from splitter.out
