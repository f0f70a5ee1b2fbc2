"""Rule versions and their lifecycle in the store: draft, approved, active, retired.

Append-only throughout: saving a changed rule adds a version; every state change supersedes
the live state row of that version and inserts the new one with who, when and why. An author
cannot approve their own version (four-eyes); only an approved version can be activated, and
activating it retires the version that was active before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, select, update

from borderwatch.errors import Conflict, Forbidden, NotFound
from borderwatch.model.rules import RuleState
from borderwatch.rules.ruleset import RuleSet, compile_rule
from borderwatch.rules.spec import RuleSpec, parse_spec
from borderwatch.store.rules import rule_states, rule_versions


@dataclass(frozen=True, slots=True)
class RuleVersion:
    """One stored version of a rule with its live state."""

    spec: RuleSpec
    version: int
    state: RuleState
    shadow: bool
    created_by: str
    created_at: dt.datetime


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _latest(conn: Connection, rule_id: str) -> tuple[int, dict[str, Any]] | None:
    row = conn.execute(
        select(rule_versions.c.version, rule_versions.c.spec)
        .where(rule_versions.c.rule_id == rule_id)
        .order_by(rule_versions.c.version.desc())
        .limit(1)
    ).first()
    return (int(row.version), dict(row.spec)) if row else None


def _set_state(
    conn: Connection, rule_id: str, version: int, state: RuleState, shadow: bool, user: str,
    reason: str,
) -> None:  # fmt: skip
    now = _now()
    live = and_(
        rule_states.c.rule_id == rule_id,
        rule_states.c.version == version,
        rule_states.c.superseded_at.is_(None),
    )
    conn.execute(update(rule_states).where(live).values(superseded_at=now))
    conn.execute(
        rule_states.insert().values(
            rule_id=rule_id,
            version=version,
            state=state.value,
            shadow=shadow,
            changed_by=user,
            changed_at=now,
            reason=reason,
        )
    )


def save(engine: Engine, specs: Iterable[RuleSpec], user: str, reason: str) -> list[str]:
    """Store each spec as a new draft version if it differs from the latest; all or none.

    Every spec is validated and compiled before anything is written. Returns ``ID vN`` for
    each version created."""
    specs = list(specs)
    for spec in specs:
        compile_rule(parse_spec(spec.to_data()))
    created: list[str] = []
    with engine.begin() as conn:
        for spec in specs:
            latest = _latest(conn, spec.id)
            if latest is not None and latest[1] == spec.to_data():
                continue
            version = latest[0] + 1 if latest else 1
            conn.execute(
                rule_versions.insert().values(
                    rule_id=spec.id,
                    version=version,
                    title=spec.title,
                    expression=spec.expression,
                    spec=spec.to_data(),
                    created_by=user,
                    created_at=_now(),
                    reason=reason,
                )
            )
            _set_state(conn, spec.id, version, RuleState.DRAFT, False, user, reason)
            created.append(f"{spec.id} v{version}")
    return created


def _live_states(conn: Connection, rule_id: str | None = None) -> list[Any]:
    query = (
        select(rule_versions, rule_states.c.state, rule_states.c.shadow)
        .join(
            rule_states,
            and_(
                rule_states.c.rule_id == rule_versions.c.rule_id,
                rule_states.c.version == rule_versions.c.version,
                rule_states.c.superseded_at.is_(None),
            ),
        )
        .order_by(rule_versions.c.rule_id, rule_versions.c.version)
    )
    if rule_id is not None:
        query = query.where(rule_versions.c.rule_id == rule_id)
    return list(conn.execute(query))


def _record(row: Any) -> RuleVersion:
    return RuleVersion(
        RuleSpec.model_validate(row.spec), int(row.version), RuleState(row.state),
        bool(row.shadow), str(row.created_by), row.created_at,
    )  # fmt: skip


def versions(engine: Engine, rule_id: str) -> list[RuleVersion]:
    """Every version of ``rule_id`` with its live state, oldest first."""
    with engine.connect() as conn:
        rows = _live_states(conn, rule_id)
    if not rows:
        raise NotFound(f"no rule {rule_id!r}")
    return [_record(r) for r in rows]


def listing(engine: Engine) -> list[RuleVersion]:
    """The latest version of every rule, plus its active version where that is older."""
    with engine.connect() as conn:
        rows = [_record(r) for r in _live_states(conn)]
    latest: dict[str, int] = {}
    for r in rows:
        latest[r.spec.id] = max(latest.get(r.spec.id, 0), r.version)
    return [r for r in rows if r.version == latest[r.spec.id] or r.state is RuleState.ACTIVE]


def events(engine: Engine, rule_id: str) -> list[dict[str, Any]]:
    """Every lifecycle event of ``rule_id`` (superseded ones included), in order."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(rule_states).where(rule_states.c.rule_id == rule_id).order_by(rule_states.c.id)
        )
        return [dict(r._mapping) for r in rows]


def _pick(engine: Engine, rule_id: str, version: int | None, states: set[RuleState]) -> RuleVersion:
    found = versions(engine, rule_id)
    if version is not None:
        chosen = [v for v in found if v.version == version]
        if not chosen:
            raise NotFound(f"rule {rule_id} has no version {version}")
        candidate = chosen[0]
    else:
        matching = [v for v in found if v.state in states]
        candidate = matching[-1] if matching else found[-1]
    if candidate.state not in states:
        wanted = " or ".join(sorted(s.value for s in states))
        raise Conflict(
            f"rule {rule_id} v{candidate.version} is {candidate.state.value}, not {wanted}"
        )
    return candidate


def approve(engine: Engine, rule_id: str, user: str, version: int | None = None,
            reason: str = "approved") -> RuleVersion:  # fmt: skip
    """Approve a draft version; the approver must not be its author."""
    chosen = _pick(engine, rule_id, version, {RuleState.DRAFT})
    if chosen.created_by == user:
        raise Forbidden(f"{user} wrote {rule_id} v{chosen.version} and cannot approve it")
    with engine.begin() as conn:
        _set_state(conn, rule_id, chosen.version, RuleState.APPROVED, False, user, reason)
    return versions(engine, rule_id)[chosen.version - 1]


def activate(engine: Engine, rule_id: str, user: str, version: int | None = None,
             shadow: bool = False, reason: str = "activated") -> RuleVersion:  # fmt: skip
    """Activate an approved version (in shadow mode if asked), retiring the active one."""
    chosen = _pick(engine, rule_id, version, {RuleState.APPROVED})
    with engine.begin() as conn:
        for other in _live_states(conn, rule_id):
            if other.state == RuleState.ACTIVE.value:
                note = f"superseded by v{chosen.version}"
                _set_state(conn, rule_id, other.version, RuleState.RETIRED, False, user, note)
        _set_state(conn, rule_id, chosen.version, RuleState.ACTIVE, shadow, user, reason)
    return versions(engine, rule_id)[chosen.version - 1]


def set_shadow(engine: Engine, rule_id: str, shadow: bool, user: str, reason: str) -> RuleVersion:
    """Switch shadow mode of the active version on or off."""
    chosen = _pick(engine, rule_id, None, {RuleState.ACTIVE})
    with engine.begin() as conn:
        _set_state(conn, rule_id, chosen.version, RuleState.ACTIVE, shadow, user, reason)
    return versions(engine, rule_id)[chosen.version - 1]


def retire(engine: Engine, rule_id: str, user: str, reason: str) -> RuleVersion:
    """Retire the active (or else the latest not yet retired) version."""
    live = {RuleState.ACTIVE, RuleState.APPROVED, RuleState.DRAFT}
    chosen = _pick(engine, rule_id, None, live)
    with engine.begin() as conn:
        _set_state(conn, rule_id, chosen.version, RuleState.RETIRED, False, user, reason)
    return versions(engine, rule_id)[chosen.version - 1]


def active_ruleset(engine: Engine) -> RuleSet:
    """Every active version (shadow ones flagged), compiled."""
    with engine.connect() as conn:
        rows = [r for r in _live_states(conn) if r.state == RuleState.ACTIVE.value]
    return RuleSet(compile_rule(_record(r).spec, int(r.version), bool(r.shadow)) for r in rows)


def count_versions(engine: Engine) -> int:
    """Number of stored rule versions."""
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(rule_versions)).scalar_one())
