"""Canonical declarations (:class:`borderwatch.model.Declaration`) in the flat schema.

A declaration with several goods items is scored on its highest-value item (HS6, origin,
duty rate) with the total value and net mass. Parties are keyed by EORI, then TIN, then
name. The label is ``outcome.finding != none or outcome.illicit`` for inspected
declarations, and the revenue is ``outcome.revenue_recovered``; without an inspection both
are unknown.
"""

from __future__ import annotations

from borderwatch.model import Declaration, Finding, Party, PartyRole
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
    item = max(decl.goods, key=lambda g: g.value)
    importer = _party_key(decl.party(PartyRole.CONSIGNEE) or decl.party(PartyRole.BUYER))
    seller = _party_key(decl.party(PartyRole.SELLER) or decl.party(PartyRole.CONSIGNOR))
    route = decl.route
    departure = route.country_of_dispatch or (route.place_of_loading or "")[:2] or None
    label, revenue = _label(decl)
    return FlatRow(
        declaration_id=decl.source_id,
        day=decl.declared_at.timestamp() / _SECONDS_PER_DAY,
        importer=importer or "unknown",
        declarant=_party_key(decl.party(PartyRole.DECLARANT)) or importer or "unknown",
        seller=seller,
        courier=_party_key(decl.party(PartyRole.CARRIER)),
        hs6=item.hs_code[:6],
        origin=item.origin_country or departure or "unknown",
        departure=departure,
        office=decl.office,
        mode=str(decl.mode_of_transport.value),
        process_type=None,
        import_type=decl.type.value,
        import_use=None,
        payment_type=None,
        tax_type=None,
        origin_indicator=None,
        net_mass=sum(g.net_mass_kg or 0.0 for g in decl.goods),
        value=sum(g.value for g in decl.goods),
        tax_rate=item.duty_rate,
        label=label,
        revenue=revenue,
    )
