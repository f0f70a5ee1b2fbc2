"""Reference lists the derived features use, read once from ``borderwatch.reference``.

Each set is built from a shipped, sourced CSV (see ``reference/data/PROVENANCE.md``):
explosives precursors (EU 2019/1148 and 2020/169), CWC scheduled chemicals, the HS subset
for arms, explosives and radioactive material, FATF lists and UN Security Council regimes.
"""

from __future__ import annotations

import re
from functools import cache

from borderwatch.reference import read_csv

_DIGITS = re.compile(r"\d[\d ]*\d")


def _hs6_of(cn_codes: str) -> set[str]:
    """HS subheadings named by a CN code cell such as ``ex 2829 90 10; 3102 30``."""
    found: set[str] = set()
    for part in cn_codes.split(";"):
        match = _DIGITS.search(part)
        digits = match.group().replace(" ", "") if match else ""
        if len(digits) >= 6:
            found.add(digits[:6])
    return found


@cache
def precursor_hs6() -> frozenset[str]:
    """HS subheadings of explosives precursor substances (mixture codes left out: too broad)."""
    codes: set[str] = set()
    for row in read_csv("explosives_precursors.csv"):
        codes |= _hs6_of(row["cn_code_substance"])
    return frozenset(codes)


@cache
def precursor_cas() -> frozenset[str]:
    """CAS numbers of explosives precursors."""
    return frozenset(r["cas"].strip() for r in read_csv("explosives_precursors.csv") if r["cas"])


@cache
def cwc_cas() -> frozenset[str]:
    """CAS numbers of chemicals in the CWC schedules."""
    rows = read_csv("cwc_scheduled_chemicals.csv")
    return frozenset(r["cas"].strip() for r in rows if r["cas"].strip())


@cache
def fatf(list_name: str) -> frozenset[str]:
    """ISO country codes on a FATF list (``high_risk_call_for_action``,
    ``increased_monitoring``)."""
    rows = read_csv("fatf_lists_2026-06.csv")
    return frozenset(r["iso2"] for r in rows if r["fatf_list"] == list_name)


@cache
def un_arms_embargo() -> frozenset[str]:
    """Countries under an active UN Security Council arms embargo on territory or groups in it
    (embargoes on listed persons only are left out)."""
    codes: set[str] = set()
    for row in read_csv("un_sc_sanctions_regimes.csv"):
        measures = row["measures_summary"].lower()
        live = row["status"].startswith(("active", "re-applied"))
        territorial = "arms embargo" in measures and "on listed persons" not in measures
        if live and territorial and row["iso2"]:
            codes.add(row["iso2"])
    return frozenset(codes)
