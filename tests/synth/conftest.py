"""Synthetic trade fixtures: one sample generated once per session, rich in planted threats
(5 % instead of the default 0.3 %), spanning the switch from HS 2017 to HS 2022 and served
by a sea port (NLRTM) and an inland office served by air (NLSPL, Schiphol)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from borderwatch.synth import WatchlistEntry, generate

WATCHLIST = [
    WatchlistEntry("Haegumgang Trading Corporation", "Company", "KP", "fixture:co-1"),
    WatchlistEntry("Mohammed Abdul Rahman Al-Khaldi", "Person", "SY", "fixture:p-1"),
    WatchlistEntry("Ocean Bright Shipping Co., Ltd", "Company", None, "fixture:co-2"),
    WatchlistEntry("SEA STAR", "Vessel", None, "fixture:v-1"),
]
SAMPLE_SIZE = 4000


@pytest.fixture(scope="session")
def sample() -> list[dict[str, Any]]:
    return list(
        generate(
            SAMPLE_SIZE,
            seed=11,
            start=dt.date(2021, 11, 1),
            days=120,
            offices=["NLRTM", "NLSPL"],
            threat_rate=0.05,
            watchlist=WATCHLIST,
        )
    )


def labelled(records: list[dict[str, Any]], pattern: str) -> list[dict[str, Any]]:
    """The records carrying ``pattern``."""
    return [r for r in records if pattern in r["outcome"]["labels"]]


def detail(record: dict[str, Any], key: str) -> str:
    """The value of the ``key:value`` truth label of ``record``."""
    prefix = key + ":"
    return next(x[len(prefix) :] for x in record["outcome"]["labels"] if x.startswith(prefix))
