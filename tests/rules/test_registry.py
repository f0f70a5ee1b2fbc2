"""Rule versions and lifecycle in the store, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import Engine

from borderwatch.errors import Conflict, Forbidden
from borderwatch.model.rules import RuleState
from borderwatch.rules import feature_row, registry
from borderwatch.store.engine import alembic_config, migrate, table_names
from tests.rules.helpers import declaration, spec

RULES_TABLES = {"rule_versions", "rule_states", "rule_performance"}


def test_versions_are_appended_only_when_the_rule_changes(engine: Engine) -> None:
    assert registry.save(engine, [spec("has_licence", "R-ONE")], "alice", "new") == ["R-ONE v1"]
    assert registry.save(engine, [spec("has_licence", "R-ONE")], "alice", "again") == []
    assert registry.save(engine, [spec("NOT has_licence", "R-ONE")], "alice", "fix") == ["R-ONE v2"]
    found = registry.versions(engine, "R-ONE")
    assert [(v.version, v.state) for v in found] == [(1, RuleState.DRAFT), (2, RuleState.DRAFT)]
    assert found[0].spec.expression == "has_licence"


def test_four_eyes_and_activation(engine: Engine) -> None:
    registry.save(engine, [spec("arms_items > 0", "R-ARMS")], "alice", "new")
    with pytest.raises(Conflict):
        registry.activate(engine, "R-ARMS", "bob")
    with pytest.raises(Forbidden):
        registry.approve(engine, "R-ARMS", "alice")
    assert registry.approve(engine, "R-ARMS", "bob").state is RuleState.APPROVED
    assert registry.activate(engine, "R-ARMS", "bob").state is RuleState.ACTIVE
    rules = registry.active_ruleset(engine)
    assert [r.key for r in rules.rules] == ["R-ARMS@1"]


def test_new_active_version_retires_the_old_and_history_is_kept(engine: Engine) -> None:
    registry.save(engine, [spec("arms_items > 0", "R-V")], "alice", "new")
    registry.approve(engine, "R-V", "bob")
    registry.activate(engine, "R-V", "bob")
    registry.save(engine, [spec("arms_items > 1", "R-V")], "alice", "tighter")
    registry.approve(engine, "R-V", "carol", version=2)
    registry.activate(engine, "R-V", "carol", version=2)
    states = {v.version: v.state for v in registry.versions(engine, "R-V")}
    assert states == {1: RuleState.RETIRED, 2: RuleState.ACTIVE}
    events = registry.events(engine, "R-V")
    assert [e["state"] for e in events if e["version"] == 1] == [
        "draft", "approved", "active", "retired"
    ]  # fmt: skip
    assert sum(e["superseded_at"] is None for e in events) == 2
    assert [r.key for r in registry.active_ruleset(engine).rules] == ["R-V@2"]


def test_shadow_rule_is_evaluated_but_flagged(engine: Engine) -> None:
    registry.save(engine, [spec("radioactive_items > 0", "R-SH")], "alice", "new")
    registry.approve(engine, "R-SH", "bob")
    registry.activate(engine, "R-SH", "bob", shadow=True)
    hits = registry.active_ruleset(engine).evaluate_one(feature_row(declaration(hs="284410")))
    assert [(h.rule_id, h.version, h.shadow) for h in hits] == [("R-SH", 1, True)]
    registry.set_shadow(engine, "R-SH", False, "bob", "proven")
    hits = registry.active_ruleset(engine).evaluate_one(feature_row(declaration(hs="284410")))
    assert hits[0].shadow is False


def test_retired_rule_is_not_evaluated(engine: Engine) -> None:
    registry.save(engine, [spec("TRUE", "R-RET")], "alice", "new")
    registry.approve(engine, "R-RET", "bob")
    registry.activate(engine, "R-RET", "bob")
    registry.retire(engine, "R-RET", "bob", "no longer relevant")
    assert registry.active_ruleset(engine).rules == []
    with pytest.raises(Conflict):
        registry.retire(engine, "R-RET", "bob", "twice")


def test_migration_downgrades_and_upgrades(sqlite_engine: Engine) -> None:
    assert table_names(sqlite_engine) >= RULES_TABLES
    cfg = alembic_config()
    with sqlite_engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0020@0001")
    assert not RULES_TABLES & table_names(sqlite_engine)
    migrate(sqlite_engine)
    assert table_names(sqlite_engine) >= RULES_TABLES
