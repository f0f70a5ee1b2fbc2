"""Canonical declarations (:class:`borderwatch.model.Declaration`) in the flat schema.

A declaration with several goods items is scored on its highest-value item (HS6, origin,
duty rate) with the total value and net mass. Parties are keyed by EORI, then TIN, then
name. The label is ``outcome.finding != none or outcome.illicit`` for inspected
declarations, and the revenue is ``outcome.revenue_recovered``; without an inspection both
are unknown.
"""

from __future__ import annotations

from operator import attrgetter

from borderwatch.model import Declaration, DeclarationType, Finding, Party, PartyRole, TransportMode
from borderwatch.scoring.table import FlatRow

_SECONDS_PER_DAY = 86400.0


def _party_key(party: Party | None) -> str | None:
    if party is None:
        return None
    ids = party.identifiers
    return ids.eori or ids.tin or party.name


def _label(decl: Declaration) -> tuple[int | None, float | None]:
    out = decl.outcome
    if out is None or not out.inspected:
        return None, None
    found = out.finding != Finding.NONE or out.illicit
    return int(found), out.revenue_recovered


def flat_row(decl: Declaration) -> FlatRow:
    """The flat-schema row of one canonical declaration."""
    goods = decl.goods
    item = goods[0] if len(goods) == 1 else max(goods, key=_VALUE)
    party = decl.party
    importer = _party_key(party(PartyRole.CONSIGNEE) or party(PartyRole.BUYER))
    seller = _party_key(party(PartyRole.SELLER) or party(PartyRole.CONSIGNOR))
    route = decl.route
    departure = route.country_of_dispatch or (route.place_of_loading or "")[:2] or None
    label, revenue = _label(decl)
    net_mass, value = 0.0, 0.0
    for g in goods:
        net_mass += g.net_mass_kg or 0.0
        value += g.value
    return FlatRow(
        decl.source_id,
        decl.declared_at.timestamp() / _SECONDS_PER_DAY,
        importer or "unknown",
        _party_key(party(PartyRole.DECLARANT)) or importer or "unknown",
        seller,
        _party_key(party(PartyRole.CARRIER)),
        item.hs_code[:6],
        item.origin_country or departure or "unknown",
        departure,
        decl.office,
        _MODES[decl.mode_of_transport],
        None,
        _TYPES[decl.type],
        None,
        None,
        None,
        None,
        net_mass,
        value,
        item.duty_rate,
        label,
        revenue,
    )


_VALUE = attrgetter("value")
_MODES = {mode: str(mode.value) for mode in TransportMode}
_TYPES = {kind: kind.value for kind in DeclarationType}
