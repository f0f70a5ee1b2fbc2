"""``borderwatch travel`` as an analyst runs it (embedded store of the test's data dir)."""

from __future__ import annotations

import json

import typer
from typer.testing import CliRunner

from borderwatch.cli import travel as travel_cli
from tests.travel.helpers import FIXTURES

runner = CliRunner()
app = typer.Typer()
travel_cli.register(app)


def bw(*args: str) -> str:
    result = runner.invoke(app, ["travel", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_ingest_screen_network_retention() -> None:
    api = str(FIXTURES / "api_custom_una.edi")
    report = json.loads(bw("ingest", api, str(FIXTURES / "mixed_bad.edi")).split("\n}\n")[0] + "}")
    assert report["stored"] == 1 and report["quarantined"] == 1 and report["flagged"] >= 1
    lines = [json.loads(line) for line in bw("screen", api).splitlines()]
    henrik = next(x for x in lines if x["person_key"].startswith("VAN DER BERG"))
    assert any("lookout/NL-0001" in r for r in henrik["reasons"])
    net = json.loads(bw("network", "person:VAN DER BERG/HENRIK/1979-11-02", "--depth", "1"))
    assert {"id": "document:NX8841K27", "distance": 1} in net["nodes"]
    assert json.loads(bw("retention")) == {
        "masked": 0,
        "purged": 0,
        "held": 0,
        "travellers_masked": 0,
        "travellers_purged": 0,
        "fragments_masked": 0,
        "fragments_purged": 0,
    }
    assert "TRV-ONEWAY-CASH-LATE" in bw("rules")
