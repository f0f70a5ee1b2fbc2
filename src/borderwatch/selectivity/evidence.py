"""Evidence about one declaration from the three engines: party and goods screening, rule hits
and the model score, with any component that failed named rather than hidden.

Each distinct party is screened once per assessor and set of list versions (a bounded cache
here, keyed on the party's fields, before any query is built; the screener's own cache keyed on
the normalised query behind it) and each distinct goods line once per assessor, in real time
and in batch alike. Repeat traders are the rule, so most parties cost one dictionary lookup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from borderwatch.model import Declaration, Party
from borderwatch.model.rules import RuleHit
from borderwatch.model.scores import RiskScore
from borderwatch.model.screening import GoodsFlag, ScreeningHit
from borderwatch.screening import PartyQuery, Screener, party, screen_goods

SCREENING = "screening"
GOODS_SCREENING = "goods_screening"
RULES = "rules"
MODEL = "model"
COMPONENTS = (SCREENING, GOODS_SCREENING, RULES, MODEL)
"""Components whose failure a decision can name."""

GOODS_GROUPS = {
    "explosives_precursor": "precursor",
    "chemical_weapons": "cwc",
    "arms": "arms",
    "explosives": "explosives",
    "radioactive": "radioactive",
}
"""Goods-flag categories of the screening engine as the rules' ``goods_flag_groups``."""

GOODS_CACHE_LIMIT = 200_000
PARTY_CACHE_LIMIT = 200_000


@dataclass(slots=True)
class Evidence:
    """What the engines said about one declaration, and which of them failed (with why)."""

    party_hits: list[tuple[str, ScreeningHit]] = field(default_factory=list)
    goods_flags: list[GoodsFlag] = field(default_factory=list)
    rule_hits: list[RuleHit] = field(default_factory=list)
    score: RiskScore | None = None
    failed: dict[str, str] = field(default_factory=dict)


def _identifiers(p: Party) -> list[tuple[str, str]]:
    ids = p.identifiers
    pairs = [("eori", ids.eori), ("tin", ids.tin), *ids.other.items()]
    return [(kind, value) for kind, value in pairs if value]


def _query(p: Party) -> PartyQuery:
    return party(p.name or "", p.schema_.value, p.country, None, _identifiers(p), p.role.value)


def _vessel(name: str, imo_number: str | None) -> PartyQuery:
    ids = [("imo", imo_number)] if imo_number else []
    return party(name, "Vessel", None, None, ids, "vessel")


def party_queries(decl: Declaration) -> list[PartyQuery]:
    """The parties of ``decl`` to screen: every named party and the named vessel."""
    out = [_query(p) for p in decl.parties if p.name]
    vessel = decl.conveyance
    if vessel is not None and vessel.vessel_name:
        out.append(_vessel(vessel.vessel_name, vessel.imo_number))
    return out


def _party_key(p: Party) -> tuple[object, ...]:
    ids = p.identifiers
    other = tuple(ids.other.items()) if ids.other else ()
    return (p.name, p.schema_, p.country, p.role, ids.eori, ids.tin, other)


class EvidenceSource:
    """Screening for an assessor: a screener (None when no list is loaded) and a goods cache."""

    def __init__(self, screener: Screener | None, problem: str | None = None) -> None:
        self.screener = screener
        self.problem = problem or ("no watchlist loaded" if screener is None else None)
        if screener is not None and not screener.lists:
            self.screener, self.problem = None, "the screener holds no list"
        self._goods: dict[tuple[str, str, str | None], list[GoodsFlag]] = {}
        self._parties: dict[tuple[object, ...], tuple[str, list[ScreeningHit]]] = {}

    @property
    def screened(self) -> int:
        """Distinct parties screened by this source so far (cache entries)."""
        return len(self._parties)

    @property
    def list_versions(self) -> dict[str, str]:
        """List name to version in force (empty without lists)."""
        return self.screener.versions if self.screener is not None else {}

    def parties(self, decls: list[Declaration], evidence: list[Evidence]) -> None:
        """Screen the parties of ``decls`` into ``evidence`` (one screen per distinct party)."""
        if self.screener is None:
            for ev in evidence:
                ev.failed[SCREENING] = self.problem or "no watchlist loaded"
            return
        try:
            for decl, ev in zip(decls, evidence, strict=True):
                for role, hits in self._screened(decl):
                    if hits:
                        ev.party_hits.extend((role, hit) for hit in hits)
        except Exception as exc:  # a failing component must be named, not fatal
            for ev in evidence:
                ev.party_hits.clear()
                ev.failed[SCREENING] = f"{type(exc).__name__}: {exc}"

    def _screened(self, decl: Declaration) -> list[tuple[str, list[ScreeningHit]]]:
        """(role, hits) of each named party and the named vessel of ``decl``."""
        out = []
        known = self._parties
        for p in decl.parties:
            if p.name:
                key = _party_key(p)
                out.append(known.get(key) or self._screen(key, _query(p)))
        vessel = decl.conveyance
        if vessel is not None and vessel.vessel_name:
            key = ("vessel", vessel.vessel_name, vessel.imo_number)
            found = self._parties.get(key)
            out.append(found or self._screen(key, _vessel(vessel.vessel_name, vessel.imo_number)))
        return out

    def _screen(self, key: tuple[object, ...], q: PartyQuery) -> tuple[str, list[ScreeningHit]]:
        assert self.screener is not None
        if len(self._parties) >= PARTY_CACHE_LIMIT:
            self._parties.clear()
        found = self._parties[key] = (q.role or "party", self.screener.screen_many([q])[0])
        return found

    def goods(self, decl: Declaration, ev: Evidence) -> None:
        """Controlled-goods flags of every item of ``decl`` into ``ev``."""
        try:
            for item in decl.goods:
                key = (item.hs_code, item.description, item.cas_number)
                flags = self._goods.get(key)
                if flags is None:
                    if len(self._goods) >= GOODS_CACHE_LIMIT:
                        self._goods.clear()
                    flags = self._goods[key] = screen_goods(*key)
                if flags:
                    ev.goods_flags.extend(flags)
        except Exception as exc:  # a failing component must be named, not fatal
            ev.failed[GOODS_SCREENING] = f"{type(exc).__name__}: {exc}"


def screening_columns(ev: Evidence) -> dict[str, Any]:
    """The screening columns of the rules' feature view, from ``ev`` (most declarations have
    no hit or flag: their columns are made without sorting empty sets)."""
    scores = [hit.score for _, hit in ev.party_hits]
    flags = ev.goods_flags
    return {
        "party_hits": len(scores),
        "party_hit_score": max(scores, default=0.0),
        "goods_flags": sorted({f.reference for f in flags}) if flags else [],
        "goods_flag_groups": (
            sorted({GOODS_GROUPS.get(f.category, f.category) for f in flags}) if flags else []
        ),
    }


def screening_batch(evidence: list[Evidence]) -> dict[str, list[Any]]:
    """The screening columns of the rules' feature view for a batch, column by column (the
    values of :func:`screening_columns`)."""
    rows = [screening_columns(ev) for ev in evidence]
    return {name: [row[name] for row in rows] for name in (rows[0] if rows else ())}
