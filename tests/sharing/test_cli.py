"""``borderwatch sharing`` commands over a real store, in process."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from tests.sharing.helpers import terms
from typer.testing import CliRunner

from borderwatch.cli.sharing import register
from borderwatch.sharing import SharingRefused


def test_register_agree_send_export_and_a_refusal(tmp_path: Path) -> None:
    app = typer.Typer()
    register(app)
    run = CliRunner().invoke
    key, other = tmp_path / "nl.pem", tmp_path / "be.pem"
    assert run(app, ["sharing", "keygen", "--out", str(key)]).exit_code == 0
    be_public = run(app, ["sharing", "keygen", "--out", str(other)]).output.strip()
    assert (
        run(
            app,
            [
                "sharing",
                "agency",
                "NL-CUSTOMS",
                "--name",
                "NL",
                "--country",
                "NL",
                "--key",
                str(key),
                "--local",
                "-u",
                "admin",
            ],
        ).exit_code
        == 0
    )
    assert (
        run(
            app,
            [
                "sharing",
                "agency",
                "BE-CUSTOMS",
                "--name",
                "BE",
                "--country",
                "BE",
                "--public-key",
                be_public,
                "-u",
                "admin",
            ],
        ).exit_code
        == 0
    )
    agreement = tmp_path / "agr.json"
    agreement.write_text(terms().model_dump_json())
    assert run(app, ["sharing", "agreement", str(agreement), "-u", "admin"]).exit_code == 0
    content = tmp_path / "alert.json"
    content.write_text(json.dumps({"declaration.source_id": "D-1", "alert.reason": "R-9"}))
    base = [
        "sharing",
        "send",
        str(content),
        "--kind",
        "alert",
        "--partner",
        "BE-CUSTOMS",
        "--agreement",
        "AGR-1",
        "--key",
        str(key),
        "-u",
        "o1",
    ]
    sent = run(app, [*base, "--purpose", "counter_terrorism"])
    assert sent.exit_code == 0, sent.output
    assert json.loads(sent.output)["partner"] == "BE-CUSTOMS"
    refused = run(app, [*base, "--purpose", "tax_audit"])
    assert isinstance(refused.exception, SharingRefused)
    assert refused.exception.clause == "purposes"
    out = tmp_path / "out.jws"
    assert (
        run(app, ["sharing", "export", "--partner", "BE-CUSTOMS", "--out", str(out)]).exit_code == 0
    )
    assert len(out.read_text().splitlines()) == 1
