"""The flat feature-table schema that both inputs (KCS CSV, canonical declarations) map into.

One row per declaration, in the order it was lodged. ``day`` is the lodging time in days
since 1970-01-01 (fractional for timestamps); ``label`` is 1 for a finding, 0 for none and
null when unknown; ``revenue`` the revenue recovered (or its proxy) when known.
"""

from __future__ import annotations

from typing import NamedTuple

import polars as pl


class FlatRow(NamedTuple):
    """One declaration in the flat schema (the one-declaration path's input)."""

    declaration_id: str
    day: float
    importer: str
    declarant: str
    seller: str | None
    courier: str | None
    hs6: str
    origin: str
    departure: str | None
    office: str
    mode: str
    process_type: str | None
    import_type: str | None
    import_use: str | None
    payment_type: str | None
    tax_type: str | None
    origin_indicator: str | None
    net_mass: float
    value: float
    tax_rate: float | None
    label: int | None
    revenue: float | None


_NUMBER = ("day", "net_mass", "value", "tax_rate", "revenue")

SCHEMA: dict[str, pl.DataType] = {
    name: (pl.Float64() if name in _NUMBER else pl.Int8() if name == "label" else pl.String())
    for name in FlatRow._fields
}

CATEGORICAL = (
    "office",
    "mode",
    "process_type",
    "import_type",
    "import_use",
    "payment_type",
    "tax_type",
    "origin_indicator",
    "origin",
    "departure",
)
"""Low-cardinality codes the model sees directly (as learned categories)."""


def empty_table() -> pl.DataFrame:
    """A table with the flat schema and no rows."""
    return pl.DataFrame(schema=SCHEMA)


def rows(table: pl.DataFrame) -> list[FlatRow]:
    """The table's rows as :class:`FlatRow` tuples, in table order."""
    ordered = table.select(list(FlatRow._fields))
    return [FlatRow._make(r) for r in ordered.iter_rows()]
