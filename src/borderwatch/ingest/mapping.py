"""Declarative CSV column mappings (YAML), so a national export loads without code.

A mapping names, for each CSV column, the path in the canonical declaration it fills, with
an optional type, value table, date format and separator for multi-valued cells. Paths use
dots for fields, ``[N]`` for the N-th item of a list and ``[role]`` for the party with that
role: ``goods[0].hs_code``, ``parties[consignee].identifiers.tin``, ``route.transshipment``.
See docs/formats.md.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from borderwatch.errors import FieldError, InvalidInput, SourceUnreadable
from borderwatch.model import Declaration
from borderwatch.model.validation import field_errors

_STEP = re.compile(r"^([a-z_]+)(?:\[([a-z_]+|\d+)\])?$")
_TRUE = {"1", "true", "t", "yes", "y"}
_FALSE = {"0", "false", "f", "no", "n"}
ROOTS = {name if f.alias is None else f.alias for name, f in Declaration.model_fields.items()}


def parse_path(path: str) -> list[tuple[str, str | None]]:
    """``goods[0].hs_code`` -> [("goods", "0"), ("hs_code", None)]."""
    steps = []
    for part in path.split("."):
        match = _STEP.match(part)
        if not match:
            raise ValueError(f"bad path segment {part!r} in {path!r}")
        steps.append((match.group(1), match.group(2)))
    if steps[0][0] not in ROOTS:
        raise ValueError(f"{path!r} does not start with a declaration field ({sorted(ROOTS)})")
    return steps


class ColumnRule(BaseModel):
    """How one CSV column fills the declaration."""

    model_config = ConfigDict(extra="forbid")

    to: str
    type: Literal["str", "int", "float", "bool", "date", "datetime"] = "str"
    format: str | None = Field(None, description="strptime format for date/datetime columns")
    split: str | None = Field(None, description="separator of a multi-valued cell")
    values: dict[str, Any] | None = Field(None, description="table from cell text to value")
    template: str | None = Field(None, description="e.g. 'KR{value}'")
    item_field: str | None = Field(
        None, description="each value of a split cell becomes an object with this one field"
    )

    @field_validator("to")
    @classmethod
    def _valid_path(cls, value: str) -> str:
        parse_path(value)
        return value

    @cached_property
    def steps(self) -> list[tuple[str, str | None]]:
        return parse_path(self.to)

    def convert(self, cell: str) -> Any:
        """The typed value of a non-empty cell; ValueError names what is wrong."""
        if self.split is None:
            return self._one(cell)
        values = [self._one(part.strip()) for part in cell.split(self.split) if part.strip()]
        if self.item_field is not None:
            return [{self.item_field: v} for v in values]
        return values

    def _one(self, cell: str) -> Any:
        if self.values is not None:
            if cell not in self.values:
                raise ValueError(f"{cell!r} is not one of {sorted(self.values)}")
            return self.values[cell]
        if self.template is not None:
            cell = self.template.format(value=cell)
        return _CONVERT[self.type](cell, self.format)


def _bool(cell: str, _fmt: str | None) -> bool:
    low = cell.lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise ValueError(f"{cell!r} is not a yes/no value")


def _number(kind: type[int] | type[float]) -> Any:
    def convert(cell: str, _fmt: str | None) -> int | float:
        try:
            return kind(float(cell)) if kind is int and "." in cell else kind(cell)
        except ValueError:
            raise ValueError(f"{cell!r} is not a number") from None

    return convert


def _date(cell: str, fmt: str | None) -> str:
    if fmt is None:
        return cell
    try:
        return dt.datetime.strptime(cell, fmt).isoformat()
    except ValueError:
        raise ValueError(f"{cell!r} does not match the date format {fmt!r}") from None


_CONVERT: dict[str, Any] = {
    "str": lambda cell, _fmt: cell,
    "int": _number(int),
    "float": _number(float),
    "bool": _bool,
    "date": _date,
    "datetime": _date,
}


class CsvMapping(BaseModel):
    """A CSV layout: delimiter, columns and the constants every record gets."""

    model_config = ConfigDict(extra="forbid")

    name: str = "csv"
    delimiter: str = Field(",", min_length=1, max_length=1)
    columns: dict[str, ColumnRule]
    constants: dict[str, Any] = Field(default_factory=dict)
    keep_unmapped: bool = Field(False, description="put unmapped columns into attributes")

    @field_validator("columns", mode="before")
    @classmethod
    def _short_form(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: {"to": v} if isinstance(v, str) else v for k, v in value.items()}
        return value

    @field_validator("constants")
    @classmethod
    def _constant_paths(cls, value: dict[str, Any]) -> dict[str, Any]:
        for path in value:
            parse_path(path)
        return value

    def build(self, row: dict[str, str]) -> tuple[dict[str, Any], list[FieldError]]:
        """The canonical dict for one CSV row, and every cell that could not be converted."""
        doc: dict[str, Any] = {}
        errors: list[FieldError] = []
        for path, value in self.constants.items():
            set_path(doc, parse_path(path), value)
        for column, rule in self.columns.items():
            cell = (row.get(column) or "").strip()
            if not cell:
                continue
            try:
                set_path(doc, rule.steps, rule.convert(cell))
            except ValueError as exc:
                errors.append(FieldError(f"{rule.to} (column {column!r})", str(exc)))
        if self.keep_unmapped:
            extra = {k: v for k, v in row.items() if k not in self.columns and v}
            doc.setdefault("attributes", {}).update(extra)
        return doc, errors


def set_path(doc: dict[str, Any], steps: list[tuple[str, str | None]], value: Any) -> None:
    """Set ``value`` at ``steps`` in ``doc``, creating dicts, list items and parties."""
    node: dict[str, Any] = doc
    for i, (key, index) in enumerate(steps):
        last = i == len(steps) - 1
        if index is None:
            if last:
                node[key] = value
            else:
                node = node.setdefault(key, {})
            continue
        items: list[dict[str, Any]] = node.setdefault(key, [])
        node = _item(items, index, key)
        if last:
            node.update(value if isinstance(value, dict) else {"value": value})


def _item(items: list[dict[str, Any]], index: str, key: str) -> dict[str, Any]:
    if index.isdigit():
        while len(items) <= int(index):
            items.append({"item_number": len(items) + 1} if key == "goods" else {})
        return items[int(index)]
    for item in items:
        if item.get("role") == index:
            return item
    items.append({"role": index})
    return items[-1]


def load_mapping(path: Path) -> CsvMapping:
    """Read and check a mapping file; every problem is named with its place in the file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SourceUnreadable(f"{path}: cannot read the mapping file ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        raise InvalidInput(f"{path}: the mapping is not valid YAML: {exc}") from None
    try:
        return CsvMapping.model_validate(data)
    except ValidationError as exc:
        raise InvalidInput(f"{path}: the mapping is invalid", field_errors(exc)) from None


def builtin_mapping(name: str) -> CsvMapping:
    """A mapping shipped with Borderwatch (``kcs``, ``example``)."""
    return load_mapping(Path(__file__).with_name("mappings") / f"{name}.yaml")
