"""ICAO 9303 check digits and document findings."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from borderwatch.travel import TravelDocument, check_digit, document_findings
from borderwatch.travel.checks import td3_problems

SPECIMEN = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"  # ICAO 9303 part 4 specimen


def test_icao_specimen_check_digits() -> None:
    assert check_digit("L898902C3") == "6"
    assert check_digit("740812") == "2"
    assert td3_problems(SPECIMEN) == []
    broken = SPECIMEN[:9] + "7" + SPECIMEN[10:]
    assert "document number check digit 7 is wrong" in td3_problems(broken)


_MRZ = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"


@given(st.sampled_from("0123456789"), st.integers(1, 9), st.text(st.sampled_from(_MRZ), max_size=8))
def test_one_changed_digit_changes_the_check_digit(first: str, delta: int, rest: str) -> None:
    # Weights 7, 3 and 1 are prime to 10: changing any one digit changes the check digit.
    changed = str((int(first) + delta) % 10)
    assert check_digit(first + rest) != check_digit(changed + rest)


def test_findings_expired_check_digit_and_format() -> None:
    day = dt.date(2025, 3, 1)
    expired = TravelDocument("P", "X1234567", expiry=dt.date(2025, 2, 28))
    assert [f.code for f in document_findings(expired, day)] == ["expired"]
    assert [f.code for f in document_findings(TravelDocument("P", "L898902C36"), day)] == []
    bad = document_findings(TravelDocument("P", "L898902C35"), day)
    assert bad[0].code == "check_digit" and "should be 6" in bad[0].reason
    assert document_findings(TravelDocument("P", "AB-12"), day)[0].code == "number_format"
