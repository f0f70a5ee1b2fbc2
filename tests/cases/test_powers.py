"""The catalogue of legal powers: the shipped example and the errors of a bad one."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from borderwatch import audit, cases
from borderwatch.cases import ActionType
from borderwatch.errors import InvalidInput, SourceUnreadable
from tests.cases.helpers import TARGETER, counts, store_declarations


def test_the_example_catalogue_covers_every_action() -> None:
    powers = cases.load_powers()
    covered = {a for p in powers.by_id.values() for a in p.actions}
    assert covered == set(ActionType)
    detention = powers.basis_for("UCC-46", ActionType.DETENTION)
    assert detention.review_hours == 24 and not detention.approval_required
    assert powers.by_id["UCC-198"].citation.endswith("article 198")


def test_a_bad_catalogue_names_every_problem(tmp_path: Path) -> None:
    text = """
powers:
  - {id: X, statute: S, article: "1", description: d, actions: [arrest]}
  - {id: Y, statute: S, article: "2", description: d, actions: [], review_hours: 0}
"""
    with pytest.raises(InvalidInput) as bad:
        cases.parse_powers(text)
    assert [e.path for e in bad.value.errors] == [
        "powers[0].actions[0]", "powers[1].actions", "powers[1].review_hours"
    ]  # fmt: skip
    dup = (
        "powers:\n"
        + "  - {id: X, statute: S, article: '1', description: d, actions: [release]}\n" * 2
    )
    with pytest.raises(InvalidInput, match="powers catalogue is invalid") as twice:
        cases.parse_powers(dup)
    assert twice.value.errors[0].path == "powers[1].id"
    with pytest.raises(SourceUnreadable):
        cases.load_powers(tmp_path / "missing.yaml")
    with pytest.raises(SourceUnreadable):
        cases.parse_powers("powers: [")


def test_case_history_and_audit_vanish_with_the_callers_rollback(
    engine: Engine, tmp_path: Path
) -> None:
    store_declarations(engine, tmp_path, "D-1")
    before = counts(engine)
    with engine.connect() as conn:
        conn.begin()
        case = cases.open_case(conn, "D-1", {"random": True}, TARGETER)
        assert cases.get_case(conn, case.id).version == 1
        assert [e.action for e in audit.entries(conn, subject_type="case")] == ["case.open"]
        conn.rollback()
    assert counts(engine) == before
    assert audit.entries(engine, subject_type="case") == []
