"""Point-in-time history context for derived features.

:class:`History` answers, for a declaration at time *t*, questions about declarations seen
before *t* only: when a party first appeared, how many declarations it lodged, and the median
value per kg for an HS subheading and origin. Feed declarations in time order with
:meth:`History.observe` after building each one's features.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict

from borderwatch.model import Declaration, Party, PartyRole

MAX_PRICE_SAMPLES = 501


def party_key(party: Party) -> str:
    """Identity of a party across declarations: its EORI, else TIN, else normalised name."""
    ids = party.identifiers
    if ids.eori:
        return f"eori:{ids.eori}"
    if ids.tin:
        return f"tin:{ids.tin}"
    return "name:" + " ".join((party.name or "").lower().split())


def unit_value_per_kg(value: float, net_mass_kg: float | None) -> float | None:
    """Value per kg of net mass, or None without a positive mass."""
    if not net_mass_kg or net_mass_kg <= 0:
        return None
    return value / net_mass_kg


Facts = tuple[dt.datetime, str | None, str | None, list[tuple[tuple[str, str], float]]]
"""What the history records of a declaration: lodging time, consignee and consignor keys, and
the price samples of its goods, keyed by HS subheading and origin."""


def facts_of(decl: Declaration) -> Facts:
    """The :data:`Facts` of ``decl``."""
    consignee, consignor = decl.party(PartyRole.CONSIGNEE), decl.party(PartyRole.CONSIGNOR)
    prices = [
        ((item.hs_code[:6], item.origin_country or ""), price)
        for item in decl.goods
        if (price := unit_value_per_kg(item.value, item.net_mass_kg)) is not None
    ]
    return (
        decl.declared_at,
        party_key(consignee) if consignee is not None else None,
        party_key(consignor) if consignor is not None else None,
        prices,
    )


class History:
    """First-seen dates, declaration counts and price samples of earlier declarations."""

    def __init__(self) -> None:
        self.first_seen: dict[str, dt.datetime] = {}
        self.declarations: dict[str, int] = defaultdict(int)
        self.prices: dict[tuple[str, str], list[float]] = defaultdict(list)

    def days_since_first_seen(self, party: Party | None, at: dt.datetime) -> int | None:
        """Whole days since ``party`` first appeared before ``at``; 0 when it is new."""
        return self.days_since_key(party_key(party) if party is not None else None, at)

    def days_since_key(self, key: str | None, at: dt.datetime) -> int | None:
        """:meth:`days_since_first_seen` of the party whose :func:`party_key` is ``key``."""
        if key is None:
            return None
        first = self.first_seen.get(key)
        return max((at - first).days, 0) if first is not None else 0

    def prior_declarations(self, party: Party | None) -> int:
        """Declarations of ``party`` observed so far."""
        return self.prior_declarations_of(party_key(party) if party is not None else None)

    def prior_declarations_of(self, key: str | None) -> int:
        """:meth:`prior_declarations` of the party whose :func:`party_key` is ``key``."""
        return self.declarations.get(key, 0) if key is not None else 0

    def median_price(self, hs6: str, origin: str | None) -> float | None:
        """Median value per kg for ``hs6`` and ``origin`` so far, None without samples."""
        samples = self.prices.get((hs6, origin or ""))
        if not samples:
            return None
        mid = len(samples) // 2
        if len(samples) % 2:
            return samples[mid]
        return (samples[mid - 1] + samples[mid]) / 2

    def observe(self, decl: Declaration) -> None:
        """Record ``decl`` so that later declarations see it as history."""
        self.observe_facts(facts_of(decl))

    def observe_facts(self, facts: Facts) -> None:
        """Record a declaration from its :func:`facts_of` (what a worker process sends)."""
        at, consignee, consignor, prices = facts
        for key, counted in ((consignee, True), (consignor, False)):
            if key is not None:
                seen = self.first_seen.get(key)
                if seen is None or at < seen:
                    self.first_seen[key] = at
                if counted:
                    self.declarations[key] += 1
        for sample_key, price in prices:
            self._add_price(sample_key, price)

    def _add_price(self, key: tuple[str, str], price: float) -> None:
        samples = self.prices[key]
        bisect.insort(samples, price)
        if len(samples) > MAX_PRICE_SAMPLES:
            # Keep the sample bounded by trimming both tails equally.
            del samples[0]
            del samples[-1]
