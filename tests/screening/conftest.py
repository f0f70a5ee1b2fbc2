"""Screening fixtures: the shipped list extracts (``borderwatch.screening.default_lists``),
loaded once per test session, and one screener over them."""

from __future__ import annotations

import pytest

from borderwatch.screening import Screener, ScreeningList, default_lists


@pytest.fixture(scope="session")
def lists() -> list[ScreeningList]:
    return default_lists()


@pytest.fixture(scope="session")
def screener(lists: list[ScreeningList]) -> Screener:
    return Screener(lists)
