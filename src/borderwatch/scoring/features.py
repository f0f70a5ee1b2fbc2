"""The feature definitions: a declarative list in which each feature's description is its
public explanation and its sentence the reason shown to an analyst.

History features (counts, smoothed finding rates, ages, unit-price deviations) come from
:class:`~borderwatch.scoring.history.History` in the order of :data:`HISTORY`; declaration
features (tax rate, mass, value, codes) from :func:`declaration_features`. A test fails if
a feature lacks a description.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import polars as pl

from borderwatch.scoring.history import AGED, ENTITIES, PRICED, log_unit_price
from borderwatch.scoring.table import CATEGORICAL, FlatRow

Sentence = Callable[[float, FlatRow], str]


@dataclass(frozen=True, slots=True)
class Feature:
    """One model input: name, public description, and the reason sentence for a value."""

    name: str
    description: str
    sentence: Sentence
    categorical: bool = False


_LABEL = {
    "importer": "importer",
    "declarant": "declarant",
    "seller": "seller",
    "courier": "courier",
    "hs6": "HS code",
    "origin": "origin country",
    "route": "route (departure to origin)",
    "office": "customs office",
    "importer_hs6": "importer with this HS code",
    "importer_origin": "importer with this origin",
    "declarant_importer": "declarant for this importer",
    "seller_importer": "seller to this importer",
    "declarant_hs6": "declarant with this HS code",
    "hs6_origin": "HS code from this origin",
}


def _count(label: str) -> Sentence:
    def say(v: float, _row: FlatRow) -> str:
        return (
            f"first declaration by {label}" if v == 0 else f"{label}: {v:.0f} earlier declarations"
        )

    return say


def _rate(label: str) -> Sentence:
    return lambda v, _row: f"{label}: past finding rate {v:.0%} (smoothed)"


def _labelled(label: str) -> Sentence:
    return lambda v, _row: f"{label}: {v:.0f} earlier declarations with a known outcome"


def _age(label: str) -> Sentence:
    def say(v: float, _row: FlatRow) -> str:
        return (
            f"{label} never seen before"
            if math.isnan(v)
            else f"{label} first seen {v:.0f} days ago"
        )

    return say


def _price(name: str) -> Sentence:
    def say(v: float, row: FlatRow) -> str:
        where = f"HS {row.hs6}" + (f" for origin {row.origin}" if name == "hs6_origin" else "")
        if math.isnan(v):
            return f"no unit-value history for {where}"
        ratio = math.exp(abs(v))
        side = "below" if v < 0 else "above"
        return f"unit value {ratio:.1f}x {side} the typical value of {where}"

    return say


def _history_features() -> list[Feature]:
    out: list[Feature] = []
    for name, fields in ENTITIES:
        label, over = _LABEL[name], " and ".join(fields)
        out.append(
            Feature(f"{name}_count", f"Earlier declarations with the same {over}.", _count(label))
        )
        out.append(
            Feature(
                f"{name}_finding_rate",
                f"Share of earlier declarations with the same {over} that had a finding, "
                "smoothed towards the overall rate; only labels known before lodging count.",
                _rate(label),
            )
        )
        out.append(
            Feature(
                f"{name}_labelled",
                f"Earlier declarations with the same {over} whose outcome was known.",
                _labelled(label),
            )
        )
        if name in AGED:
            out.append(
                Feature(f"{name}_age_days", f"Days since the {label} first declared.", _age(label))
            )
        if name in PRICED:
            out.append(
                Feature(
                    f"{name}_unit_value_deviation",
                    f"Log unit value (value per kg) minus the mean log unit value of earlier "
                    f"declarations with the same {over}.",
                    _price(name),
                )
            )
    return out


def _code(column: str) -> Feature:
    def say(v: float, row: FlatRow) -> str:
        value = getattr(row, column)
        return f"{column.replace('_', ' ')} {value}" + (
            " (not seen in training)" if math.isnan(v) else ""
        )

    return Feature(
        column,
        f"The declared {column.replace('_', ' ')} code, as a learned category; a code not seen "
        "in training counts as missing.",
        say,
        categorical=True,
    )


HISTORY: list[Feature] = _history_features()
DECLARATION: list[Feature] = [
    Feature(
        "tax_rate", "The duty rate of the goods, in percent.", lambda v, _r: f"tax rate {v:g}%"
    ),
    Feature(
        "log_net_mass", "log of the net mass in kg.", lambda v, r: f"net mass {r.net_mass:g} kg"
    ),
    Feature(
        "log_value", "log of the declared value.", lambda v, r: f"declared value {r.value:,.0f}"
    ),
    Feature(
        "log_unit_value",
        "log of the value per kg.",
        lambda v, r: f"unit value {math.exp(v):,.2f} per kg",
    ),
    Feature("hs2", "The HS chapter (2 digits).", lambda v, r: f"HS chapter {r.hs6[:2]}"),
    Feature("hs4", "The HS heading (4 digits).", lambda v, r: f"HS heading {r.hs6[:4]}"),
    *(_code(c) for c in CATEGORICAL),
]
FEATURES: list[Feature] = HISTORY + DECLARATION
NAMES: list[str] = [f.name for f in FEATURES]
BY_NAME: dict[str, Feature] = {f.name: f for f in FEATURES}

Vocabulary = dict[str, dict[str, int]]


def build_vocabulary(rows: list[FlatRow]) -> Vocabulary:
    """Codes of each categorical column seen in training, numbered by first appearance."""
    vocab: Vocabulary = {c: {} for c in CATEGORICAL}
    for row in rows:
        for column in CATEGORICAL:
            value = getattr(row, column)
            if value is not None:
                vocab[column].setdefault(value, len(vocab[column]))
    return vocab


def declaration_features(row: FlatRow, vocab: Vocabulary) -> list[float]:
    """The declaration's own features, in :data:`DECLARATION` order."""
    hs = row.hs6
    out = [
        math.nan if row.tax_rate is None else row.tax_rate,
        math.log1p(row.net_mass),
        math.log1p(row.value),
        log_unit_price(row),
        float(hs[:2]) if hs[:2].isdigit() else math.nan,
        float(hs[:4]) if hs[:4].isdigit() else math.nan,
    ]
    for column in CATEGORICAL:
        code = vocab[column].get(getattr(row, column))
        out.append(math.nan if code is None else float(code))
    return out


def log_unit_price_expr() -> pl.Expr:
    """log of value per kg as in :func:`~borderwatch.scoring.history.log_unit_price`."""
    ratio = pl.col("value").clip(lower_bound=0.01) / pl.col("net_mass").clip(lower_bound=0.001)
    return ratio.log().fill_null(math.nan)


def declaration_matrix(table: pl.DataFrame, vocab: Vocabulary) -> np.ndarray:
    """:func:`declaration_features` of every row of a flat table, vectorised (same values)."""
    col, nan = pl.col, math.nan
    exprs = [
        col("tax_rate").fill_null(nan),
        col("net_mass").log1p(),
        col("value").log1p(),
        log_unit_price_expr(),
    ]
    for width in (2, 4):
        head = col("hs6").str.slice(0, width)
        number = head.cast(pl.Float64, strict=False)
        exprs.append(pl.when(head.str.contains(r"^[0-9]+$")).then(number).otherwise(nan))
    for column in CATEGORICAL:
        codes = vocab[column]
        if not codes:
            exprs.append(pl.lit(nan))
            continue
        mapped = col(column).replace_strict(
            list(codes), [float(v) for v in codes.values()], default=None, return_dtype=pl.Float64
        )
        exprs.append(mapped.fill_null(nan))
    names = [f"_{i}" for i in range(len(exprs))]
    frame = table.select(e.alias(n) for e, n in zip(exprs, names, strict=True))
    return frame.to_numpy().astype(np.float64, copy=False)


def unseen_codes(row: FlatRow, vocab: Vocabulary) -> tuple[str, ...]:
    """Warnings for the row's categorical codes never seen in training (scored as missing)."""
    out = []
    for column in CATEGORICAL:
        value = getattr(row, column)
        if value is not None and value not in vocab[column]:
            out.append(f"{column} {value!r} not seen in training: scored as missing")
    return tuple(out)


def unseen_table(table: pl.DataFrame, vocab: Vocabulary) -> pl.DataFrame:
    """``declaration_id, column, value`` of every categorical code never seen in training."""
    parts = [
        table.filter(pl.col(c).is_not_null() & ~pl.col(c).is_in(list(vocab[c]))).select(
            "declaration_id", column=pl.lit(c), value=pl.col(c)
        )
        for c in CATEGORICAL
    ]
    return pl.concat(parts)
