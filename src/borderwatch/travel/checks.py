"""Travel-document checks: ICAO Doc 9303 check digits, number format and expiry.

The check digit (weights 7, 3, 1 over digits, letters A=10 ... Z=35 and filler ``<`` = 0)
is verified wherever the sender gave one: on a machine-readable zone (TD3 passports, TD1
cards) and on a document number sent with its check digit (``L898902C3`` + ``6``).
"""

from __future__ import annotations

import datetime as dt
import re

from borderwatch.model.travel import DocumentFinding
from borderwatch.travel.types import TravelDocument, Traveller

_WEIGHTS = (7, 3, 1)
_NUMBER = re.compile(r"^[A-Z0-9<]{1,9}$")


def _value(char: str) -> int:
    if char.isdigit():
        return int(char)
    if "A" <= char <= "Z":
        return ord(char) - 55
    if char == "<":
        return 0
    raise ValueError(f"{char!r} is not an MRZ character")


def check_digit(text: str) -> str:
    """The ICAO 9303 check digit of ``text`` (digits, A-Z and ``<``)."""
    return str(sum(_value(c) * _WEIGHTS[i % 3] for i, c in enumerate(text.upper())) % 10)


def td3_problems(line2: str) -> list[str]:
    """Check-digit failures of the second MRZ line of a TD3 passport (44 characters)."""
    line = line2.strip().upper()
    if len(line) != 44:
        return [f"MRZ line 2 has {len(line)} characters, TD3 needs 44"]
    fields = {
        "document number": (0, 9, 9),
        "birth date": (13, 19, 19),
        "expiry": (21, 27, 27),
        "personal number": (28, 42, 42),
    }
    problems = []
    for name, (start, end, at) in fields.items():
        skip = name == "personal number" and line[at] == "<"
        if not skip and check_digit(line[start:end]) != line[at].replace("<", "0"):
            problems.append(f"{name} check digit {line[at]} is wrong")
    composite = line[0:10] + line[13:20] + line[21:43]
    if check_digit(composite) != line[43]:
        problems.append(f"composite check digit {line[43]} is wrong")
    return problems


def document_findings(doc: TravelDocument, travel_day: dt.date) -> list[DocumentFinding]:
    """Findings on one document for a journey on ``travel_day``."""
    out: list[DocumentFinding] = []
    number = doc.number.upper()
    if doc.expiry is not None and doc.expiry < travel_day:
        reason = f"expired on {doc.expiry.isoformat()}, before travel on {travel_day.isoformat()}"
        out.append(DocumentFinding("expired", number, reason))
    if doc.doc_type.startswith(("P", "I")) and len(number) == 10 and number[-1].isdigit():
        if check_digit(number[:9]) != number[-1] and _NUMBER.match(number[:9]):
            reason = f"check digit {number[-1]} of {number[:9]} should be {check_digit(number[:9])}"
            out.append(DocumentFinding("check_digit", number, reason))
    elif doc.doc_type.startswith(("P", "I")) and not _NUMBER.match(number):
        reason = f"number {number!r} is not 1-9 characters A-Z, 0-9 (ICAO 9303)"
        out.append(DocumentFinding("number_format", number, reason))
    if doc.mrz:
        out += [DocumentFinding("check_digit", number, f"MRZ: {p}") for p in td3_problems(doc.mrz)]
    return out


def traveller_findings(person: Traveller, travel_day: dt.date) -> list[DocumentFinding]:
    """Findings on every document of ``person`` (``no_document`` when there is none)."""
    if not person.documents and person.kind.value != "infant":
        return [DocumentFinding("no_document", "", "no travel document reported")]
    return [f for doc in person.documents for f in document_findings(doc, travel_day)]
