"""Helpers shared by the list readers: file reading with clear errors, countries, ids."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

from rigour.territories import get_territories, lookup_by_identifier, lookup_territory

from borderwatch.errors import SourceUnreadable

_ID_JUNK = re.compile(r"[^A-Z0-9]")


def read_bytes(path: Path) -> bytes:
    """The bytes of a list file, or :class:`SourceUnreadable` naming it."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SourceUnreadable(f"{path}: cannot read list file: {exc.strerror}") from exc


def decode(path: Path, data: bytes, encoding: str) -> str:
    """``data`` decoded, or :class:`SourceUnreadable` naming the file, line and byte."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceUnreadable(
            f"{path}, line {line}: not valid {encoding} (byte {data[exc.start]:#04x})",
            file=str(path),
            line=line,
        ) from exc


def version_of(*blobs: bytes) -> str:
    """A list version: the first 12 hex digits of the sha256 of its source files."""
    digest = hashlib.sha256()
    for blob in blobs:
        digest.update(hashlib.sha256(blob).digest())
    return digest.hexdigest()[:12]


# Spellings in the UN and OFAC lists that rigour knows only among its weak names (or not
# at all: None), whose table takes seconds to build; each agrees with lookup_territory
# (tests/screening).
LIST_SPELLINGS: dict[str, str | None] = {
    "none identified": None,
    "possibly palestinian": None,
    "iran (islamic republic of)": "ir",
    "st. vincent and the grenadines": "vc",
    "sao tome and principe": "st",
    "turkey": "tr",
    "korea, north": "kp",
    "viet nam": "vn",
    "st. kitts & nevis": "kn",
    "st. kitts and nevis": "kn",
    "hong kong": "hk",
    "china, hong kong special administrative region": "hk",
    "palestinian": "ps",
    "congo, democratic republic of the": "cd",
    "congo": "cg",
    "korea, south": "kr",
    "former soviet union": "suhh",
    "cabo verde": "cv",
    "burma": "mm",
    "north macedonia, the republic of": "mk",
    "the gambia": "gm",
}


@lru_cache(maxsize=1)
def _strong_names() -> dict[str, str | None]:
    """Territory codes by their English name and full name (fast to build), and the list
    spellings above."""
    out = dict(LIST_SPELLINGS)
    for territory in get_territories():
        for name in (territory.name, territory.full_name):
            if name:
                out.setdefault(name.casefold(), territory.code)
    return out


@lru_cache(maxsize=4096)
def country_code(text: str) -> str | None:
    """ISO 3166 alpha-2 code (upper case) of a country name or code, or None: codes and
    English names first, then rigour's full (slow to load) table of names in many
    languages."""
    text = text.strip()
    if not text or text == "-0-":
        return None
    territory = lookup_by_identifier(text)
    names = _strong_names()
    if territory is None and text.casefold() in names:
        code = names[text.casefold()]
    else:
        territory = territory or lookup_territory(text)
        code = territory.code if territory else None
    return code.upper()[:2] if code else None


def clean_id(value: str) -> str:
    """An identifier reduced to upper-case letters and digits (``IMO 9187629`` -> ``9187629``
    for IMO numbers is done by the caller)."""
    return _ID_JUNK.sub("", value.upper())


def imo(value: str) -> str | None:
    """The seven digits of an IMO number, or None."""
    digits = clean_id(value).removeprefix("IMO")
    return digits if len(digits) == 7 and digits.isdigit() else None
