"""The traveller feature view: one flat row per traveller (with its booking and flight),
declared as :class:`~borderwatch.rules.Column` s like the declaration view, and the
validator of traveller rules (the rule language of :mod:`borderwatch.rules`, over these
columns)."""

from __future__ import annotations

import difflib

import sqlglot
from sqlglot import exp

from borderwatch.errors import FieldError, InvalidInput
from borderwatch.rules import COLUMNS as DECLARATION_COLUMNS
from borderwatch.rules import Checked, Column
from borderwatch.rules.typing import infer
from borderwatch.rules.validate import ExpressionError, position

_T, _B, _R, _S = "traveller", "booking", "route", "screening"

COLUMNS: tuple[Column, ...] = (
    Column("traveller_kind", "str", _T, "`passenger`, `crew` or `infant`."),
    Column("nationality", "str", _T, "ISO alpha-2 nationality."),
    Column("age", "int", _T, "Age in whole years on the day of departure (NULL if unknown)."),
    Column("gender", "str", _T, "`M`, `F`, `U` or NULL as reported."),
    Column("document_types", "list", _T, "ICAO 9303 types of the documents (`P`, `I`, `V`)."),
    Column("document_findings", "list", _T, "Codes of document findings (`expired`, ...)."),
    Column("document_expired", "bool", _T, "A document expired before departure."),
    Column("bag_count", "int", _T, "Bags checked by the traveller or the booking."),
    Column("booked", "bool", _B, "The traveller has a PNR (booking)."),
    Column("one_way", "bool", _B, "The itinerary does not return to its first origin."),
    Column("payment_types", "list", _B, "Forms of payment (`CA` cash, `CC` card, ...)."),
    Column("paid_cash", "bool", _B, "A form of payment is cash (`CA`)."),
    Column("hours_booked_before_departure", "float", _B, "Hours from booking to departure."),
    Column("co_travellers", "int", _B, "Other travellers on the same booking."),
    Column("agency", "str", _B, "Booking agency (`owner/id`)."),
    Column("booking_versions", "int", _B, "How many pushes of the booking were stored."),
    Column("origin", "str", _R, "IATA code of the first departure airport."),
    Column("destination", "str", _R, "IATA code of the last arrival airport."),
    Column("route_airports", "list", _R, "IATA codes of every airport of the itinerary."),
    Column("route_countries", "list", _R, "Countries of the itinerary's airports (UN/LOCODE)."),
    Column(
        "route_fatf_call_for_action",
        "bool",
        _R,
        "A route country is on the FATF call-for-action list.",
    ),
    Column("codeshare", "bool", _R, "A leg is sold under another carrier's designator."),
    Column("watchlist_hits", "int", _S, "Watchlist hits of the traveller.", True),
    Column("watchlist_score", "float", _S, "Best watchlist score, 0-1 (0 without hits).", True),
    Column("co_traveller_hits", "int", _S, "Watchlist hits of co-travellers on the booking.", True),
)
BY_NAME: dict[str, Column] = {c.name: c for c in COLUMNS}

# A declaration-view column of each type stands in for a traveller column of that type.
_STAND_IN = {
    kind: next(c.name for c in DECLARATION_COLUMNS if c.type == kind and not c.caller)
    for kind in ("str", "int", "float", "bool", "list")
}


def _suggest(name: str) -> str:
    close = difflib.get_close_matches(name.lower(), list(BY_NAME), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _parse(text: str) -> exp.Expression:
    try:
        trees = [t for t in sqlglot.parse(text) if t is not None]
    except (sqlglot.ParseError, sqlglot.TokenError) as exc:
        raise ExpressionError(None, f"syntax error: {str(exc)[:200]}") from None
    if len(trees) != 1 or not isinstance(trees[0], exp.Expression):
        raise ExpressionError(None, "one expression only: statements and ';' are not allowed")
    return trees[0]


def _typed_copy(tree: exp.Expression) -> exp.Expression:
    """``tree`` with each traveller column replaced by a literal of its type, so the rule
    engine's type checker (which knows the declaration columns) checks it."""
    for col in tree.find_all(exp.Column):
        if col.table:
            raise ExpressionError(col, f"qualified column {col.sql()!r} is not allowed")
        if col.name not in BY_NAME:
            raise ExpressionError(col, f"unknown column {col.name!r}{_suggest(col.name)}")

    def swap(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Column):
            return exp.column(_STAND_IN[BY_NAME[node.name].type])
        return node

    return tree.copy().transform(swap)


def check_traveller(text: str, field: str = "expression") -> Checked:
    """A validated boolean traveller rule, or :class:`InvalidInput` naming the reason."""
    if not text.strip():
        raise InvalidInput("invalid rule expression", [FieldError(field, "expression is empty")])
    try:
        tree = _parse(text)
        kind = infer(_typed_copy(tree))
        if kind != "bool":
            raise ExpressionError(tree, f"a rule must be a boolean condition, not {kind}")
    except ExpressionError as exc:
        where = position(exc.node) if exc.node is not None else ""
        reason = f"{where}: {exc.reason}" if where else exc.reason
        raise InvalidInput("invalid rule expression", [FieldError(field, reason)]) from None
    columns = tuple(dict.fromkeys(c.name for c in tree.find_all(exp.Column)))
    return Checked(text, tree, columns)
