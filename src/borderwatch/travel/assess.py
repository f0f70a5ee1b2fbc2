"""Assessing travellers: document checks, watchlist screening (birth date, nationality
and document number as evidence) and traveller rules, each result with its reasons.

Co-travellers are the other travellers of a booking: a listed person's co-travellers are
assessed with ``co_traveller_hits`` set, so a rule can flag them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from borderwatch.model.screening import ScreeningHit
from borderwatch.model.travel import TravellerAssessment
from borderwatch.screening import PartyQuery, Screener, party
from borderwatch.travel.checks import traveller_findings
from borderwatch.travel.features import traveller_row
from borderwatch.travel.rulebook import TravellerRules
from borderwatch.travel.types import Booking, Message, Traveller


def query(person: Traveller) -> PartyQuery:
    """The screening query of a traveller: name, birth date, nationality, documents."""
    ids = [("passport", d.number) for d in person.documents if d.doc_type.startswith("P")]
    born = person.birth_date.isoformat() if person.birth_date else None
    return party(person.full_name, "Person", person.nationality, born, ids, "traveller")


def screen_travellers(
    screener: Screener, people: Sequence[Traveller], cached: bool = True
) -> list[list[ScreeningHit]]:
    """Watchlist hits of each traveller (``cached``: each distinct person screened once)."""
    queries = [query(p) for p in people]
    if cached:
        return screener.screen_many(queries)
    return [screener.screen(q) for q in queries]


def _groups(msg: Message) -> Iterable[tuple[Booking | None, list[Traveller]]]:
    if msg.bookings:
        yield from ((b, b.travellers) for b in msg.bookings)
    else:
        yield None, msg.travellers


def assess_message(
    msg: Message, screener: Screener, rules: TravellerRules | None = None, cached: bool = True
) -> list[TravellerAssessment]:
    """One assessment per traveller of ``msg``, in the order of ``msg.travellers``."""
    assert msg.flight is not None
    out: list[TravellerAssessment] = []
    for booking, people in _groups(msg):
        hits = screen_travellers(screener, people, cached)
        for i, person in enumerate(people):
            others = sum(len(h) for j, h in enumerate(hits) if j != i) if booking else 0
            best = max((h.score for h in hits[i]), default=0.0)
            row = traveller_row(person, msg.flight, booking, 1, (len(hits[i]), best), others)
            departure = msg.flight.departure
            findings = traveller_findings(person, departure.date()) if departure else []
            rule_hits = rules.evaluate(row) if rules else []
            out.append(TravellerAssessment(None, person.person_key, findings, hits[i], rule_hits))
    return out
