"""Reading elements, dates and codes out of pydifact segments, with errors that name the
segment, the element and the reason."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

import pycountry
from pydifact.segments import Segment

from borderwatch.reference.codes import all_locodes


class FieldProblem(ValueError):
    """A value that cannot be read; ``path`` names the segment and element."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def el(seg: Segment, index: int, component: int = 0) -> str:
    """Component ``component`` of element ``index`` (1-based, as in the standards), or ''."""
    elements = seg.elements
    if index < 1 or index > len(elements):
        return ""
    value = elements[index - 1]
    if isinstance(value, list):
        return str(value[component]).strip() if component < len(value) else ""
    return str(value).strip() if component == 0 else ""


def components(seg: Segment, index: int) -> list[str]:
    """All components of element ``index`` (a simple element is a one-item list)."""
    elements = seg.elements
    if index < 1 or index > len(elements):
        return []
    value = elements[index - 1]
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


_FORMATS = {
    "102": ("%Y%m%d", 8),
    "201": ("%y%m%d%H%M", 10),
    "203": ("%Y%m%d%H%M", 12),
    "204": ("%Y%m%d%H%M%S", 14),
    "101": ("%y%m%d", 6),
}


def edi_date(text: str, fmt: str, path: str) -> dt.datetime:
    """A DTM value in UN/EDIFACT format ``fmt`` (101, 102, 201, 203, 204; default by
    length), or :class:`FieldProblem`."""
    digits = text.strip()
    if not fmt:
        fmt = {6: "101", 8: "102", 10: "201", 12: "203", 14: "204"}.get(len(digits), "")
    pattern, size = _FORMATS.get(fmt, ("", 0))
    if not pattern:
        raise FieldProblem(path, f"unsupported date format {fmt!r} for {digits!r}")
    if len(digits) != size or not digits.isdigit():
        raise FieldProblem(path, f"bad date {digits!r}: expected {size} digits (format {fmt})")
    try:
        return dt.datetime.strptime(digits, pattern)
    except ValueError:
        raise FieldProblem(path, f"bad date {digits!r}: no such day or time") from None


def birth_date(text: str, path: str, near: dt.date | None = None) -> dt.date:
    """A birth date ``YYMMDD`` (century chosen so the date is not in the future of
    ``near``) or ``CCYYMMDD``."""
    day = edi_date(text, "", path).date()
    if len(text.strip()) == 6 and near is not None and day > near:
        day = day.replace(year=day.year - 100)
    return day


def pnr_date(day: str, time: str, path: str) -> dt.datetime:
    """A PNRGOV date ``DDMMYY`` with optional time ``HHMM`` (or ``HHMMSS``)."""
    day, time = day.strip(), time.strip()[:4]
    if len(day) != 6 or not day.isdigit() or (time and (len(time) != 4 or not time.isdigit())):
        raise FieldProblem(path, f"bad date {day!r} {time!r}: expected DDMMYY and HHMM")
    try:
        return dt.datetime.strptime(day + (time or "0000"), "%d%m%y%H%M")
    except ValueError:
        raise FieldProblem(path, f"bad date {day!r} {time!r}: no such day or time") from None


def ssr_date(text: str, path: str) -> dt.date:
    """A date of an SSR free text, ``12JUL64``."""
    try:
        return dt.datetime.strptime(text.strip().title(), "%d%b%y").date()
    except ValueError:
        raise FieldProblem(path, f"bad date {text!r}: expected DDMONYY") from None


def country(code: str) -> str | None:
    """ISO alpha-2 for an alpha-2 or alpha-3 country code; None when empty or unknown."""
    code = code.strip().upper()
    if len(code) == 2 and code.isalpha():
        return code
    if len(code) == 3:
        found = pycountry.countries.get(alpha_3=code)
        return str(found.alpha_2) if found else None
    return None


@cache
def _airports() -> dict[str, str]:
    seen: dict[str, set[str]] = {}
    for code, loc in all_locodes().items():
        if loc.function[3:4] == "4":
            seen.setdefault(code[2:], set()).add(code[:2])
    return {iata: next(iter(cs)) for iata, cs in seen.items() if len(cs) == 1}


def airport_country(iata: str) -> str | None:
    """Country of an airport by its IATA code, where UN/LOCODE names exactly one airport
    with that code (None otherwise)."""
    return _airports().get(iata.strip().upper())


_DESIGNATOR = re.compile(r"^([A-Z0-9]{2}[A-Z]?)(\d{1,4}[A-Z]?)$")


def designator(text: str, path: str) -> tuple[str, str]:
    """Carrier and flight number of ``LA532`` / ``QQ877`` / ``EZY1234``."""
    match = _DESIGNATOR.match(text.strip().upper().replace(" ", ""))
    if match is None:
        raise FieldProblem(path, f"bad flight designator {text!r}")
    carrier, number = match.groups()
    if len(carrier) == 3 and carrier[2].isdigit():
        carrier, number = carrier[:2], carrier[2] + number
    return carrier, number
