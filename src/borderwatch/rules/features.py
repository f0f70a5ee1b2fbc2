"""The feature view: one flat row per declaration that rule expressions read.

:func:`feature_row` builds the row of one declaration (the real-time path);
:func:`feature_frame` builds a Polars frame for a batch in time order, each declaration
seeing only earlier ones as history, column by column and only the columns asked for (a rule
set reads a few of them). Both build a row with the group functions of
:mod:`borderwatch.rules.groups`, so they agree by construction. Screening results reach the
view as plain columns supplied by the caller (``party_hits``, ``goods_flags``, ...). The
columns are described in :mod:`borderwatch.rules.catalogue`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

import polars as pl
import pyarrow as pa

from borderwatch.errors import FieldError, InvalidInput
from borderwatch.model import Declaration
from borderwatch.rules.catalogue import BY_NAME, CALLER_DEFAULTS, COLUMNS, polars_schema
from borderwatch.rules.groups import GROUPS, Row
from borderwatch.rules.history import Facts, History, facts_of

ALWAYS = ("declaration_id", "declaration_type", "office", "mode_of_transport", "declared_date")
"""Columns every frame holds: the identifier and what rule scopes read."""


def _screening(values: Mapping[str, Any] | None) -> Row:
    row = {k: (list(v) if isinstance(v, list) else v) for k, v in CALLER_DEFAULTS.items()}
    _check_screening(values or {})
    row.update(values or {})
    return row


def _check_screening(names: Iterable[str]) -> None:
    unknown = sorted(set(names) - set(CALLER_DEFAULTS))
    if unknown:
        errors = [FieldError(k, "not a screening column of the feature view") for k in unknown]
        raise InvalidInput("unknown screening columns", errors)


def feature_row(
    decl: Declaration,
    history: History | None = None,
    screening: Mapping[str, Any] | None = None,
    facts: Facts | None = None,
) -> Row:
    """The feature-view row of one declaration, against ``history`` (empty if None);
    ``facts``: its :func:`~borderwatch.rules.history.facts_of`, when the caller has them."""
    hist = history if history is not None else History()
    found = facts if facts is not None else facts_of(decl)
    row: Row = {}
    for group in GROUPS.values():
        row.update(group(decl, found, hist))
    row.update(_screening(screening))
    return row


def _wanted(columns: Collection[str] | None) -> list[str]:
    """The catalogue columns a frame holds, in catalogue order."""
    if columns is None:
        return [c.name for c in COLUMNS]
    unknown = sorted(set(columns) - set(BY_NAME))
    if unknown:
        raise InvalidInput("unknown feature columns", [FieldError(c, "not in the catalogue")
                                                       for c in unknown])  # fmt: skip
    keep = set(columns) | set(ALWAYS)
    return [c.name for c in COLUMNS if c.name in keep]


def feature_frame(
    decls: Sequence[Declaration],
    history: History | None = None,
    screening: Mapping[str, Sequence[Any]] | None = None,
    columns: Collection[str] | None = None,
    facts: Sequence[Facts] | None = None,
) -> pl.DataFrame:
    """The feature view of ``decls`` in the order given (lodging order: each declaration is
    observed after its row is built), holding ``columns`` (all when None) and those of
    :data:`ALWAYS`. ``screening``: screening columns, one value per declaration; ``facts``:
    their :func:`~borderwatch.rules.history.facts_of`, when the caller has them."""
    hist = history if history is not None else History()
    known = facts if facts is not None else [facts_of(d) for d in decls]
    names = _wanted(columns)
    supplied = dict(screening or {})
    _check_screening(supplied)
    derived = [n for n in names if not BY_NAME[n].caller]
    data: dict[str, list[Any]] = {n: [] for n in derived}
    groups = [
        (fn, [(n, data[n].append) for n in derived if BY_NAME[n].group == g])
        for g, fn in GROUPS.items()
        if any(BY_NAME[n].group == g for n in derived)
    ]
    for decl, found in zip(decls, known, strict=True):
        for group, appends in groups:
            values = group(decl, found, hist)
            for name, append in appends:
                append(values[name])
        hist.observe_facts(found)
    for name in names:
        if BY_NAME[name].caller:
            data[name] = _supplied(supplied.get(name), CALLER_DEFAULTS[name], len(decls), name)
    return _frame({n: data[n] for n in names})


def _supplied(values: Sequence[Any] | None, default: Any, n: int, name: str) -> list[Any]:
    """A caller's screening column (its default on every row when not given)."""
    if values is None:
        return [default] * n
    if len(values) != n:
        reason = f"has {len(values)} values for {n} declarations"
        raise InvalidInput("screening column of the wrong length", [FieldError(name, reason)])
    return list(values)


def _frame(data: dict[str, list[Any]]) -> pl.DataFrame:
    """Columns as a Polars frame with the catalogue's types, built through Arrow."""
    schema = _arrow_schema()
    arrays = [pa.array(values, type=schema.field(n).type) for n, values in data.items()]
    frame = pl.from_arrow(pa.Table.from_arrays(arrays, names=list(data)))
    assert isinstance(frame, pl.DataFrame)
    return frame


def feature_rows(
    decls: Iterable[Declaration],
    history: History | None = None,
    screening: Mapping[str, Mapping[str, Any]] | None = None,
) -> list[Row]:
    """Rows of a batch in time order; each declaration is observed after its row is built."""
    hist = history if history is not None else History()
    rows: list[Row] = []
    for decl in sorted(decls, key=lambda d: d.declared_at):
        facts = facts_of(decl)
        rows.append(feature_row(decl, hist, (screening or {}).get(decl.source_id), facts))
        hist.observe_facts(facts)
    return rows


def to_frame(rows: list[Row]) -> pl.DataFrame:
    """Rows as a Polars frame with the catalogue's schema (a column a row lacks is NULL)."""
    if not rows:
        return pl.DataFrame(schema=polars_schema())
    return _frame({c.name: [r.get(c.name) for r in rows] for c in COLUMNS})


@lru_cache(maxsize=1)
def _arrow_schema() -> pa.Schema:
    return pl.DataFrame(schema=polars_schema()).to_arrow().schema


def feature_view(
    decls: Iterable[Declaration],
    history: History | None = None,
    screening: Mapping[str, Mapping[str, Any]] | None = None,
) -> pl.DataFrame:
    """The feature view of a batch of declarations, every column, in lodging order;
    ``screening``: screening columns by declaration id."""
    ordered = sorted(decls, key=lambda d: d.declared_at)
    given = [(screening or {}).get(d.source_id) or {} for d in ordered]
    _check_screening({k for values in given for k in values})
    columns = {
        name: [values.get(name, default) for values in given]
        for name, default in CALLER_DEFAULTS.items()
    }
    return feature_frame(ordered, history, columns)
