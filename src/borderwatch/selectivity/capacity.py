"""Inspection capacity: candidates turned into final lanes within each office's day.

Two ways to spend a day's capacity, documented in ``docs/selectivity.md``:

- :func:`allocate_running` (real time, and batch in ``budget`` mode): declarations take
  capacity in lodging order from a running per-day budget sized on the office's
  ``expected_daily`` volume;
- :func:`allocate_ranked` (batch in ``rank`` mode): each (office, day) is ranked by expected
  value (risk x impact) and the best candidates take the capacity of that day's actual volume.

In both, forced lanes (hold, confirmed sanctions, mandatory rules, component fallback) and the
random control sample always get their lane, even beyond capacity (counted as ``exceeded``);
risk-based candidates beyond capacity get a weaker lane and are flagged as overflow.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from borderwatch.model.decisions import Basis, Decision, DecisionReason, Lane, ReasonKind, Versions
from borderwatch.selectivity.policy import OfficePolicy
from borderwatch.selectivity.profile import Candidate

Clock = Callable[[], dt.datetime]


@dataclass(slots=True)
class DayBudget:
    """Controls left for one office and day: physical (red), documentary (yellow) and the
    risk-based selections the maximum rate allows."""

    physical: int
    documentary: int
    total: int
    overflow: int = 0
    exceeded: int = 0

    @classmethod
    def for_day(cls, office: OfficePolicy, volume: int) -> DayBudget:
        """The budget of a day of ``volume`` declarations at ``office``."""
        cap = office.capacity
        return cls(cap.physical, cap.documentary, math.ceil(office.max_rate * volume))

    def force(self, lane: Lane) -> None:
        """Spend capacity on a lane that capacity cannot refuse."""
        if lane is Lane.GREEN:
            return
        self.total -= 1
        if lane is Lane.YELLOW:
            self.documentary -= 1
            if self.documentary < 0:
                self.exceeded += 1
        else:
            self.physical -= 1
            if self.physical < 0:
                self.exceeded += 1

    def grant(self, wanted: Lane) -> Lane:
        """The lane a risk-based candidate gets: ``wanted``, weaker, or green."""
        if wanted is Lane.GREEN or self.total <= 0:
            return Lane.GREEN
        if wanted.rank >= Lane.RED.rank and self.physical > 0:
            self.physical -= 1
            self.total -= 1
            return Lane.RED
        if self.documentary > 0:
            self.documentary -= 1
            self.total -= 1
            return Lane.YELLOW
        return Lane.GREEN


@dataclass(slots=True)
class Ledger:
    """Day budgets by (office, date), and the declarations counted in each."""

    budgets: dict[tuple[str, str], DayBudget] = field(default_factory=dict)
    volume: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))

    def overflow(self) -> list[dict[str, object]]:
        """Per office and day: declarations, overflow and forced selections over capacity."""
        return [
            {"office": k[0], "day": k[1], "declarations": self.volume[k],
             "overflow": b.overflow, "exceeded": b.exceeded}
            for k, b in sorted(self.budgets.items())
            if b.overflow or b.exceeded
        ]  # fmt: skip


def _decide(c: Candidate, budget: DayBudget, versions: Versions, now: dt.datetime) -> Decision:
    reasons = list(c.reasons)
    overflow = False
    if c.forced is not None and c.forced_basis is not None:
        lane, basis = c.forced, c.forced_basis
        budget.force(lane)
    elif c.random:
        lane, basis = Lane.RED, Basis.RANDOM
        budget.force(lane)
    else:
        lane = budget.grant(c.risk_lane)
        basis = Basis.RISK if lane.selected else Basis.NONE
        if lane.rank < c.risk_lane.rank:
            overflow = True
            budget.overflow += 1
            text = f"risk asks for {c.risk_lane.value}; day capacity left {lane.value}"
            reasons.append(DecisionReason(ReasonKind.CAPACITY, "overflow", versions.policy, text))
    return Decision(
        c.source_id, c.office_code, c.declaration_type, c.lodged_at, lane, c.risk_lane, basis,
        c.risk, c.expected_value, c.random, overflow, c.aeo, tuple(reasons), versions, c.failed,
        now,
    )  # fmt: skip


def allocate_running(
    candidates: Iterable[Candidate], ledger: Ledger, versions: Versions, clock: Clock
) -> list[Decision]:
    """Final lanes in input (lodging) order against the running budgets of ``ledger``."""
    out = []
    for c in candidates:
        key = c.day_key
        budget = ledger.budgets.get(key)
        if budget is None:
            budget = ledger.budgets[key] = DayBudget.for_day(c.office, c.office.expected_daily)
        ledger.volume[key] += 1
        out.append(_decide(c, budget, versions, clock()))
    return out


def _priority(c: Candidate) -> tuple[int, float, str]:
    first = 0 if (c.forced is not None or c.random) else 1
    return first, -c.expected_value, c.source_id


def allocate_ranked(
    candidates: list[Candidate], ledger: Ledger, versions: Versions, clock: Clock
) -> list[Decision]:
    """Final lanes by expected value within each (office, day); returned in input order."""
    days: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, c in enumerate(candidates):
        days[c.day_key].append(i)
    out: list[Decision | None] = [None] * len(candidates)
    for key, members in days.items():
        budget = DayBudget.for_day(candidates[members[0]].office, len(members))
        ledger.budgets[key], ledger.volume[key] = budget, len(members)
        for i in sorted(members, key=lambda i: _priority(candidates[i])):
            out[i] = _decide(candidates[i], budget, versions, clock())
    return [d for d in out if d is not None]
