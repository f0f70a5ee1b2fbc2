"""Parcels: what crosses between the assessor's process and its workers, through files."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest

from borderwatch.model import PartyRole
from borderwatch.selectivity import transfer


def test_plain_parcels_round_trip_exactly_and_are_deleted(tmp_path: Path) -> None:
    raw = [{"source_id": "A", "value": 1.5, "nan": math.nan, "zero": -0.0, "ok": True,
            "none": None, "goods": [{"hs_code": "930599", "n": 2**70}]}]  # fmt: skip
    path = transfer.parcel(tmp_path / "items", raw, plain=True)
    assert Path(path).read_bytes()[:1] == b"M"  # marshalled
    back = transfer.unparcel(path)
    assert not Path(path).exists()
    assert back[0]["goods"] == raw[0]["goods"] and math.isnan(back[0]["nan"])
    assert math.copysign(1.0, back[0]["zero"]) == -1.0
    assert {k: v for k, v in back[0].items() if k != "nan"} == {
        k: v for k, v in raw[0].items() if k != "nan"
    }


def test_values_marshal_cannot_write_exactly_are_pickled(tmp_path: Path) -> None:
    for value in ([{"declared_at": dt.datetime(2024, 1, 1, tzinfo=dt.UTC)}],
                  [{"role": PartyRole.CONSIGNEE}]):  # fmt: skip
        path = transfer.parcel(tmp_path / "items", value, plain=True)
        assert Path(path).read_bytes()[:1] == b"P"
        back = transfer.unparcel(path)
        assert back == value
        assert type(back[0][next(iter(value[0]))]) is type(next(iter(value[0].values())))


def test_a_waiter_gets_a_parcel_once_whole_and_stops_on_a_failed_writer(tmp_path: Path) -> None:
    ready = tmp_path / "facts-0"
    transfer.parcel(ready, {"facts": [1, 2]})
    assert transfer.await_parcel(ready) == {"facts": [1, 2]}
    assert ready.exists()  # kept: several processes read the facts of a chunk
    assert not list(tmp_path.glob("*.part"))
    failed = tmp_path / "facts-1"
    transfer.fail(failed, ValueError("bad chunk"))
    with pytest.raises(RuntimeError, match="ValueError: bad chunk"):
        transfer.await_parcel(failed)
    transfer.fail(ready, ValueError("too late"))  # a written parcel is never replaced
    assert transfer.await_parcel(ready) == {"facts": [1, 2]}
    with pytest.raises(RuntimeError, match="never written"):
        transfer.await_parcel(tmp_path / "facts-2", done=lambda: True)
    with pytest.raises(RuntimeError, match="never written"):
        transfer.await_parcel(tmp_path / "gone" / "facts-3")
