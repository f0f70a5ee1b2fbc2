"""UN Security Council Consolidated List, official XML format."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from borderwatch.errors import SourceUnreadable
from borderwatch.screening.sources.common import clean_id, country_code, read_bytes, version_of
from borderwatch.screening.types import ListEntry, ScreeningList

_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
_NOT_AVAILABLE = frozenset(["na", "n/a", "n.a."])
"""What the list writes in a name part it has no value for (``<FOURTH_NAME>na</FOURTH_NAME>``
on TAi.153): not a word of the name."""


def _text(el: ET.Element, path: str) -> str:
    return " ".join((el.findtext(path) or "").split())


def _names(el: ET.Element, kind: str) -> list[str]:
    parts = (_text(el, n) for n in _NAME_PARTS)
    primary = " ".join(p for p in parts if p and p.lower() not in _NOT_AVAILABLE)
    names = [primary] if primary else []
    for alias in el.iterfind(f"{kind}_ALIAS"):
        names.append(_text(alias, "ALIAS_NAME"))
    names.append(_text(el, "NAME_ORIGINAL_SCRIPT"))
    return list(dict.fromkeys(n for n in names if n))


def _countries(el: ET.Element, kind: str) -> set[str]:
    found = [v.text or "" for v in el.iterfind("NATIONALITY/VALUE")]
    found += [a.findtext("COUNTRY") or "" for a in el.iterfind(f"{kind}_ADDRESS")]
    return {c for c in (country_code(t) for t in found) if c}


def _birth_dates(el: ET.Element) -> set[str]:
    out: set[str] = set()
    for dob in el.iterfind("INDIVIDUAL_DATE_OF_BIRTH"):
        value = _text(dob, "DATE") or _text(dob, "YEAR")
        out.update(v for v in (value, _text(dob, "FROM_YEAR"), _text(dob, "TO_YEAR")) if v)
    return out


def _identifiers(el: ET.Element) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for doc in el.iterfind("INDIVIDUAL_DOCUMENT"):
        number = clean_id(_text(doc, "NUMBER"))
        if number:
            kind = "passport" if "passport" in _text(doc, "TYPE_OF_DOCUMENT").lower() else "id"
            out.setdefault(kind, set()).add(number)
    return out


def _entry(el: ET.Element, kind: str) -> ListEntry | None:
    ref = _text(el, "REFERENCE_NUMBER")
    names = _names(el, kind)
    if not ref or not names:
        return None
    return ListEntry(
        entity_id=ref,
        schema="Person" if kind == "INDIVIDUAL" else "Organization",
        names=names,
        countries=_countries(el, kind),
        birth_dates=_birth_dates(el) if kind == "INDIVIDUAL" else set(),
        identifiers=_identifiers(el),
        programs=[_text(el, "UN_LIST_TYPE")],
    )


def load_un(path: Path, name: str = "un") -> ScreeningList:
    """Read the UN consolidated list XML; broken XML names the file, line and column."""
    data = read_bytes(path)
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        line, col = exc.position
        raise SourceUnreadable(
            f"{path}, line {line}, column {col}: broken XML ({exc})",
            file=str(path),
            line=line,
        ) from exc
    if root.tag != "CONSOLIDATED_LIST":
        raise SourceUnreadable(
            f"{path}, line 1: root element is <{root.tag}>, expected <CONSOLIDATED_LIST>",
            file=str(path),
            line=1,
        )
    entries: dict[str, ListEntry] = {}
    for kind, group in (("INDIVIDUAL", "INDIVIDUALS"), ("ENTITY", "ENTITIES")):
        for el in root.iterfind(f"{group}/{kind}"):
            entry = _entry(el, kind)
            if entry is not None:
                entries[entry.entity_id] = entry
    return ScreeningList(name, version_of(data), str(path), entries)
