"""The demo pipeline end to end on a small run: every stage leaves its mark, and the audit
chain it writes verifies, and stops verifying once an entry is edited."""

from __future__ import annotations

from pathlib import Path

from borderwatch.audit import verify
from borderwatch.cli.synth import shipped_watchlist
from borderwatch.pipeline import DemoOptions, run_demo
from borderwatch.pipeline.demo import selection_note
from borderwatch.scoring.artefact import read_manifest
from borderwatch.scoring.registry import active
from borderwatch.settings import Settings
from borderwatch.store import open_store
from tests.audit.helpers import tamper


def test_demo_runs_every_stage_and_its_audit_chain_verifies(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", mode="demo")
    result = run_demo(settings, DemoOptions(count=2000), shipped_watchlist())

    assert result.ingest.accepted == result.generation.count
    assert result.bad_records.read == 8
    assert result.bad_records.quarantined == 8
    assert result.bad_records.accepted == 0
    assert result.trained_on > 0
    assert result.assessment.assessed > 0
    assert result.report["inspection_rate"] is not None
    assert any(n.startswith("Selected ") and "mandatory rules" in n for n in result.notes)
    assert Path(result.report["chart"]).is_file()

    assert result.audit.ok, result.audit.reason
    assert result.audit.checked >= result.assessment.assessed

    engine = open_store(settings.store_url)
    assert active(engine) == read_manifest(result.model_dir).version  # what `assess` then uses
    tamper(engine, "UPDATE audit_log SET details = '{}' WHERE seq = 2")
    broken = verify(engine)
    engine.dispose()
    assert not broken.ok
    assert broken.first_bad == 2


def test_the_selection_note_breaks_the_inspection_rate_down_by_basis() -> None:
    figures = {
        "declarations": 1000,
        "inspection_rate": 0.06,
        "overflow": 7,
        "hit_rate_by_basis": {
            "none": {"declarations": 940},
            "mandatory": {"declarations": 40},
            "risk": {"declarations": 15},
            "random": {"declarations": 5},
        },
    }
    note = selection_note(figures)
    assert note is not None
    assert note.startswith(
        "Selected 6.00% of declarations: mandatory rules 4.00% (40), risk 1.50% (15), "
        "the random control sample 0.50% (5)."
    )
    assert "(7 over it)" in note and "sanctions hits and prohibited goods" not in note
    assert selection_note({"declarations": 1000, "hit_rate_by_basis": {}}) is None
