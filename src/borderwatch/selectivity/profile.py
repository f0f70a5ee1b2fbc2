"""The risk profile: evidence and policy turned into a candidate lane with its reasons, before
capacity is applied. The same function serves the real-time and the batch paths.

Risk combines the model's calibrated probability ``p`` with the weights ``w`` (0-100) of the
score rules that fired: ``risk = 1 - (1 - p) * prod(1 - w / 100)``. Impact is the policy's
weight of the most severe hit; expected value is risk times impact (after AEO facilitation).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from borderwatch.model import Declaration, DeclarationType, PartyRole
from borderwatch.model.decisions import Basis, DecisionReason, Lane, ReasonKind
from borderwatch.model.rules import MinLane, RuleEffect
from borderwatch.selectivity.evidence import Evidence
from borderwatch.selectivity.policy import OfficePolicy, Policy

_FORCING = (Basis.HOLD, Basis.SANCTIONS, Basis.MANDATORY, Basis.FALLBACK)


@dataclass(slots=True)
class Candidate:
    """A declaration's lane before capacity: what risk asks for, what is forced (capacity
    cannot lower it) and why, the random draw, and every reason. It holds the few fields of
    the declaration that capacity needs, not the declaration, so it is cheap to pass
    between processes."""

    source_id: str
    office_code: str
    declaration_type: str
    lodged_at: dt.datetime
    office: OfficePolicy
    risk: float
    expected_value: float
    risk_lane: Lane
    forced: Lane | None
    forced_basis: Basis | None
    random: bool
    aeo: bool
    reasons: list[DecisionReason]
    failed: tuple[str, ...]

    @property
    def day_key(self) -> tuple[str, str]:
        """The (office, lodging date) whose capacity the declaration uses."""
        return self.office_code, self.lodged_at.date().isoformat()

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as plain values, its reasons as tuples of strings and numbers: a worker
        process sends thousands at once, and enum members and named tuples pickle slowly."""
        # ``_value_``: an enum's ``value`` is a property, read through Python code
        reasons = [(r.kind._value_, r.code, r.version, r.text, r.weight) for r in self.reasons]
        forced, basis = self.forced, self.forced_basis
        return _candidate, (
            self.source_id, self.office_code, self.declaration_type, self.lodged_at,
            self.office, self.risk, self.expected_value, self.risk_lane._value_,
            forced._value_ if forced is not None else None,
            basis._value_ if basis is not None else None,
            self.random, self.aeo, reasons, self.failed,
        )  # fmt: skip


def _candidate(
    source_id: str,
    office_code: str,
    declaration_type: str,
    lodged_at: dt.datetime,
    office: OfficePolicy,
    risk: float,
    value: float,
    risk_lane: str,
    forced: str | None,
    basis: str | None,
    random: bool,
    aeo: bool,
    reasons: list[tuple[str, str, str, str, float]],
    failed: tuple[str, ...],
) -> Candidate:
    """The :class:`Candidate` of :meth:`Candidate.__reduce__`'s values."""
    return Candidate(
        source_id, office_code, declaration_type, lodged_at, office, risk, value,
        _LANES[risk_lane], _LANES.get(forced), _BASES.get(basis), random, aeo,
        [DecisionReason(_KINDS[k], c, v, t, w) for k, c, v, t, w in reasons], failed,
    )  # fmt: skip


_LANES: dict[str | None, Lane] = {lane.value: lane for lane in Lane}
_BASES: dict[str | None, Basis] = {basis.value: basis for basis in Basis}
_KINDS = {kind.value: kind for kind in ReasonKind}


def _reasons(ev: Evidence) -> list[DecisionReason]:
    out = [
        DecisionReason(ReasonKind.COMPONENT, name, "-", f"{name} failed: {why}")
        for name, why in sorted(ev.failed.items())
    ]
    for role, match in ev.party_hits:
        text = f"{role} {match.query_name!r} matches {match.caption!r} on {match.list_name}"
        out.append(
            DecisionReason(
                ReasonKind.SCREENING, f"{match.list_name}:{match.entity_id}", match.list_version,
                f"{text} ({match.score:.2f}); {match.explain()}", match.score,
            )
        )  # fmt: skip
    for flag in ev.goods_flags:
        text = f"{flag.category}: {flag.entry} (on {flag.matched_on} {flag.evidence!r})"
        out.append(DecisionReason(ReasonKind.GOODS, flag.reference, "reference", text))
    for hit in ev.rule_hits:
        weight = 0.0 if hit.shadow else hit.weight
        out.append(
            DecisionReason(ReasonKind.RULE, hit.rule_id, str(hit.version), hit.explanation, weight)
        )
    if ev.score is not None:
        s, model = ev.score, ReasonKind.MODEL
        version = s.model_version
        text = f"model probability {s.probability:.4f}"
        out.append(DecisionReason(model, "probability", version, text))
        out += [DecisionReason(model, code, version, why, round(contribution, 6))
                for code, contribution, why in s.reasons]  # fmt: skip
    return out


def _risk(ev: Evidence, mandatory: Collection[str]) -> tuple[float, Lane, bool]:
    """(risk, lane the rules force, whether a mandatory rule fired)."""
    keep = 1.0 - (ev.score.probability if ev.score is not None else 0.0)
    lane, forced = Lane.GREEN, False
    for hit in ev.rule_hits:
        if hit.shadow:
            continue
        if hit.effect is RuleEffect.SCORE:
            keep *= 1.0 - min(max(hit.weight, 0.0), 99.0) / 100.0
        if hit.min_lane is not None:
            lane = Lane.strongest(lane, Lane.RED if hit.min_lane is MinLane.RED else Lane.YELLOW)
            forced = True
        if hit.rule_id in mandatory:
            lane, forced = Lane.strongest(lane, Lane.RED), True
    return 1.0 - keep, lane, forced


def _impact(ev: Evidence, office: OfficePolicy) -> float:
    if not (ev.rule_hits or ev.party_hits or ev.goods_flags):
        return office.impact_of("none")
    levels = [hit.severity.value for hit in ev.rule_hits if not hit.shadow]
    levels += ["critical"] * len(ev.party_hits) + ["high"] * len(ev.goods_flags)
    return max((office.impact_of(level) for level in levels), default=office.impact_of("none"))


def _forced(
    decl: Declaration, ev: Evidence, office: OfficePolicy, rule_lane: Lane, mandatory: bool
) -> tuple[Lane | None, Basis | None]:
    pre_loading = decl.type is DeclarationType.ENTRY_SUMMARY
    hits, flags = ev.party_hits, ev.goods_flags
    confirmed = bool(hits) and any(hit.score >= office.confirmed_hit_score for _, hit in hits)
    prohibited = bool(flags) and any(f.category in office.prohibited_goods for f in flags)
    if pre_loading and (confirmed or prohibited):
        return Lane.HOLD, Basis.HOLD
    if confirmed or prohibited:
        return Lane.RED, Basis.SANCTIONS
    if mandatory:
        return rule_lane, Basis.MANDATORY
    if ev.failed:
        return office.safe_lane, Basis.FALLBACK
    return None, None


def _lane_for(risk: float, office: OfficePolicy) -> Lane:
    if risk >= office.thresholds.red:
        return Lane.RED
    return Lane.YELLOW if risk >= office.thresholds.yellow else Lane.GREEN


def _is_aeo(decl: Declaration) -> bool:
    return any(p.aeo is not None and p.role in _AEO_ROLES for p in decl.parties)


_AEO_ROLES = frozenset({PartyRole.CONSIGNEE, PartyRole.DECLARANT})


def profile(decl: Declaration, ev: Evidence, policy: Policy) -> Candidate:
    """The candidate lane of ``decl`` from its evidence under ``policy``."""
    office = policy.for_office(decl.office)
    reasons = _reasons(ev)
    risk, rule_lane, mandatory = _risk(ev, office.mandatory_rules)
    aeo = _is_aeo(decl)
    effective = risk * office.aeo_factor if aeo else risk
    if aeo:
        text = f"authorised economic operator: risk x {office.aeo_factor} for selection"
        reasons.append(DecisionReason(ReasonKind.AEO, "aeo", policy.version, text))
    forced, basis = _forced(decl, ev, office, rule_lane, mandatory)
    if ev.failed and forced is not None:
        forced = Lane.strongest(forced, office.safe_lane)
    risk_lane = Lane.strongest(_lane_for(effective, office), rule_lane, forced or Lane.GREEN)
    draw = policy.random_draw(decl.source_id)
    random = draw < office.random_rate
    if random:
        text = f"control sample: draw {draw:.6f} < random rate {office.random_rate}"
        reasons.append(DecisionReason(ReasonKind.RANDOM, "random", policy.version, text))
    value = effective * _impact(ev, office)
    return Candidate(
        decl.source_id, decl.office, decl.type.value, decl.declared_at, office, _round(risk),
        _round(value), risk_lane, forced, basis, random, aeo, reasons, tuple(sorted(ev.failed)),
    )  # fmt: skip


def _round(x: float) -> float:
    return 0.0 if math.isnan(x) else round(x, 6)


def is_forcing(basis: Basis) -> bool:
    """True for the bases whose lane capacity cannot lower."""
    return basis in _FORCING
