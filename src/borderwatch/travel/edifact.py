"""The EDIFACT envelope: character sets, service string advice, segments and messages.

A file may hold several interchanges (``UNB`` ... ``UNZ``), each several messages (``UNH``
... ``UNT``), optionally in groups (``UNG`` ... ``UNE``). This module splits a file into
messages without trusting it: custom ``UNA`` separators, line breaks and indentation
between segments, stray spaces in tags and junk after the last interchange are tolerated;
a truncated message, a wrong ``UNT``/``UNZ`` count or reference, a segment outside any
message and characters outside the declared character set are reported as
:class:`~borderwatch.travel.types.Rejected` fragments while the rest of the file goes on.
Each complete message is then parsed into segments by pydifact.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field

from pydifact.control.characters import Characters
from pydifact.exceptions import EDISyntaxError, ValidationError
from pydifact.parser import Parser
from pydifact.segments import Segment, SegmentFactory

from borderwatch.errors import FieldError
from borderwatch.travel.types import Rejected

_SERVICE = frozenset({"UNA", "UNB", "UNG", "UNH", "UNT", "UNE", "UNZ"})
_ASCII_LEVELS = frozenset({"UNOA", "UNOB"})
_LATIN_LEVELS = frozenset({"UNOC", "UNOD", "UNOE", "UNOF", "IATA", ""})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Separators:
    """Service characters of an interchange (ISO 9735 defaults unless a ``UNA`` says)."""

    component: str = ":"
    data: str = "+"
    decimal: str = "."
    release: str = "?"
    reserved: str = " "
    terminator: str = "'"

    @property
    def una(self) -> str:
        """The ``UNA`` service string advice for these characters."""
        return f"UNA{self.component}{self.data}{self.decimal}{self.release}{self.reserved}" + (
            self.terminator
        )


@dataclass(slots=True)
class RawSegment:
    """One segment as cut from the text: its tag, normalised text and first line."""

    tag: str
    text: str
    line: int


@dataclass(slots=True)
class RawMessage:
    """One complete message (``UNH`` ... ``UNT``) with its interchange's envelope data."""

    location: str
    seps: Separators
    syntax: str
    sender: str
    recipient: str
    prepared: str
    interchange_ref: str
    message_ref: str
    message_type: str
    segments: list[RawSegment] = field(default_factory=list)
    warnings: list[FieldError] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The message as normalised EDIFACT text (one segment per line)."""
        return "\n".join(s.text + self.seps.terminator for s in self.segments)


class _NoValidation(SegmentFactory):
    """Segments without pydifact's directory look-up (which warns for service segments)."""

    @staticmethod
    def create_segment(name: str, *elements: object, **_: object) -> Segment:
        return SegmentFactory.create_segment(name, *elements, validate=False)  # type: ignore[arg-type]


def decode(data: bytes) -> tuple[str, bool]:
    """The text of ``data`` and whether it was valid UTF-8 (else it is read as Latin-1)."""
    try:
        return data.decode("utf-8-sig"), True
    except UnicodeDecodeError:
        return data.decode("latin-1"), False


def read_una(text: str) -> tuple[Separators, int, FieldError | None]:
    """Separators declared by a leading ``UNA`` (defaults without one), where the first
    segment after it starts, and the problem with the ``UNA`` if it is malformed."""
    start = len(text) - len(text.lstrip(" \t\r\n\ufeff"))
    if text[start : start + 3] != "UNA":
        return Separators(), start, None
    chars = text[start + 3 : start + 9]
    seps = Separators(*chars) if len(chars) == 6 else Separators()
    problem = None
    if len(chars) < 6 or len(set(chars[:2] + chars[3] + chars[5])) < 4:
        problem = FieldError(
            "UNA",
            f"malformed service string advice {chars!r}: needs 6 "
            "distinct component, data, decimal, release, reserved, terminator",
        )
    elif any(c.isalnum() for c in (seps.component, seps.data, seps.terminator)):
        problem = FieldError("UNA", f"separators {chars!r} include a letter or digit")
    elif seps.terminator.isspace() or seps.terminator not in text[start + 9 :]:
        problem = FieldError(
            "UNA",
            f"segment terminator {seps.terminator!r} of {chars!r} is "
            "never used after the UNA (or is white space)",
        )
    elif not text[start + 9 :].lstrip(" \t\r\n").startswith("UNB"):
        problem = FieldError("UNA", f"service string advice {chars!r} is not followed by UNB")
    return seps, start + 9, problem


def split_segments(text: str, seps: Separators, start: int) -> tuple[list[RawSegment], str]:
    """Segments of ``text`` from ``start`` (release character honoured, whitespace around
    segments and inside tags removed) and the unterminated text left at the end."""
    t, r, _d = (re.escape(c) for c in (seps.terminator, seps.release, seps.data))
    pattern = re.compile(f"((?:[^{t}{r}]|{r}[\\s\\S])*){t}")
    out: list[RawSegment] = []
    line, pos = 1 + text.count("\n", 0, start), start
    for match in pattern.finditer(text, start):
        body = match.group(1)
        stripped = body.lstrip(" \t\r\n")
        line += text.count("\n", pos, match.start(1) + len(body) - len(stripped))
        pos = match.start(1) + len(body) - len(stripped)
        if stripped:
            head, sep, rest = stripped.partition(seps.data)
            tag = re.sub(r"\s+", "", head)
            clean = rest.replace("\r", "").replace("\n", "")
            out.append(RawSegment(tag, f"{tag}{sep}{clean}", line))
        start = match.end()
    return out, text[start:].strip(" \t\r\n")


def parse_segments(message: RawMessage) -> list[Segment]:
    """The message parsed by pydifact into segments (raises ``EDISyntaxError``)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        chars = Characters.from_str(message.seps.una)
        parser = Parser(factory=_NoValidation(), characters=chars)
        return list(parser.parse(message.text, chars))


def syntax_problem(message: RawMessage, utf8: bool) -> FieldError | None:
    """Why the message's characters break its declared character set, or None."""
    text = message.text
    bad = _CONTROL.search(text)
    level = message.syntax.upper()
    if bad is None and level in _ASCII_LEVELS:
        bad = re.search(r"[^\x20-\x7e\n]", text)
    elif bad is None and level in _LATIN_LEVELS:
        bad = re.search(r"[^\x09\x0a\x0d\x20-\x7e\xa0-\xff]", text)
    elif bad is None and not utf8:
        return FieldError("UNB.S001", f"syntax {level} declares UTF-8 but the bytes are not UTF-8")
    if bad is None:
        return None
    line = message.segments[0].line + text.count("\n", 0, bad.start())
    char = bad.group()
    return FieldError(
        "UNB.S001",
        f"bad character set: U+{ord(char):04X} {char!r} at line {line} is not allowed in "
        f"syntax {level or '(none)'}",
    )


__all__ = [
    "EDISyntaxError",
    "RawMessage",
    "RawSegment",
    "Rejected",
    "Separators",
    "ValidationError",
    "decode",
    "parse_segments",
    "read_una",
    "split_segments",
    "syntax_problem",
]
