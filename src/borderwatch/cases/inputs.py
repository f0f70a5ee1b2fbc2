"""Validated inputs of the case workflow: results, enforcement actions, custody transfers.

Pydantic at the edge: :func:`parse` checks every field at once and raises
:class:`~borderwatch.errors.InvalidInput` naming each failing path and why.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from borderwatch.cases.types import (
    COMMODITY_MEASURES,
    UNIT_MEASURE,
    ActionType,
    Agency,
    Commodity,
    Condition,
    Unit,
)
from borderwatch.errors import FieldError, InvalidInput
from borderwatch.model import Finding
from borderwatch.model.codes import CurrencyCode, HsCode
from borderwatch.model.validation import field_errors

Text = Annotated[str, Field(min_length=1, max_length=512)]
Name = Annotated[str, Field(min_length=1, max_length=64)]
Seal = Annotated[str, Field(min_length=1, max_length=35)]
Quantity = Annotated[float, Field(gt=0, allow_inf_nan=False)]


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


UtcDatetime = Annotated[dt.datetime, AfterValidator(_utc)]


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    def problems(self, at: str = "") -> list[FieldError]:
        """Errors that need several fields at once; each names its path under ``at``."""
        return []


def _at(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name


class ItemIn(_Input):
    """Goods found or seized: commodity group, quantity in a unit that fits the commodity's
    measure (cigarettes in sticks or pieces, alcohol in litres), and how they were hidden."""

    commodity: Commodity
    description: Text
    quantity: Quantity
    unit: Unit
    hs_code: HsCode | None = None
    concealment: Text | None = None

    def problems(self, at: str = "") -> list[FieldError]:
        measure = UNIT_MEASURE[self.unit]
        allowed = COMMODITY_MEASURES[self.commodity]
        if measure in allowed:
            return []
        fits = ", ".join(sorted(u.value for u, m in UNIT_MEASURE.items() if m in allowed))
        reason = (
            f"{self.unit.value} measures {measure.value}, but {self.commodity.value} "
            f"is measured in {fits}"
        )
        return [FieldError(_at(at, "unit"), reason)]


def _item_problems(items: list[ItemIn], at: str) -> list[FieldError]:
    return [e for i, item in enumerate(items) for e in item.problems(f"{_at(at, 'items')}[{i}]")]


class ResultIn(_Input):
    """What an inspection found. ``none``: no items; ``seizure``: at least one item."""

    finding: Finding
    items: list[ItemIn] = Field(default_factory=list)
    revenue_recovered: Annotated[float, Field(ge=0, allow_inf_nan=False)] = 0.0
    notes: Annotated[str, Field(max_length=4096)] = ""

    def problems(self, at: str = "") -> list[FieldError]:
        out = _item_problems(self.items, at)
        if self.finding is Finding.NONE and self.items:
            out.append(FieldError(_at(at, "items"), "a result with finding none lists no items"))
        if self.finding is Finding.SEIZURE and not self.items:
            out.append(FieldError(_at(at, "items"), "a seizure result lists at least one item"))
        return out


class ActionIn(_Input):
    """An enforcement action and its legal basis (a power id from the catalogue).

    Seizures list the items seized and where they are held; referrals name the agency;
    penalties the amount and currency; forfeitures the seizure action they follow.
    """

    type: ActionType
    legal_basis: Name | None = None
    reason: Text
    items: list[ItemIn] = Field(default_factory=list)
    seals: list[Seal] = Field(default_factory=list)
    place: Text | None = None
    agency: Agency | None = None
    amount: Annotated[float, Field(gt=0, allow_inf_nan=False)] | None = None
    currency: CurrencyCode | None = None
    follows_action: Annotated[int, Field(ge=1)] | None = None

    def problems(self, at: str = "") -> list[FieldError]:
        out = _item_problems(self.items, at)
        kind = self.type
        checks = [
            (self.legal_basis is None, "legal_basis",
             "an enforcement action needs a legal basis from the catalogue of powers"),
            (kind is ActionType.SEIZURE and not self.items, "items",
             "a seizure lists the items seized"),
            (kind is ActionType.SEIZURE and not self.place, "place",
             "a seizure names where the goods are held"),
            (kind is not ActionType.SEIZURE and bool(self.items), "items",
             f"only a seizure lists items, not a {kind.value}"),
            (kind is ActionType.REFERRAL and self.agency is None, "agency",
             "a referral names the partner agency"),
            (kind is ActionType.PENALTY and self.amount is None, "amount",
             "a penalty needs an amount"),
            (kind is ActionType.PENALTY and self.currency is None, "currency",
             "a penalty needs a currency"),
            (kind is ActionType.FORFEITURE and self.follows_action is None, "follows_action",
             "a forfeiture names the seizure action it follows"),
        ]  # fmt: skip
        return out + [FieldError(_at(at, name), why) for bad, name, why in checks if bad]


class TransferIn(_Input):
    """One custody transfer of a seized item: who handed it to whom, when, where, under
    which seals, and its condition."""

    handed_by: Name
    received_by: Name
    at: UtcDatetime
    place: Text
    seals: list[Seal] = Field(default_factory=list)
    condition: Condition = Condition.INTACT
    note: Annotated[str, Field(max_length=2048)] = ""

    def problems(self, at: str = "") -> list[FieldError]:
        if self.handed_by != self.received_by:
            return []
        return [FieldError(_at(at, "received_by"), "a transfer is between two different people")]


M = TypeVar("M", bound=_Input)


def parse(model: type[M], data: Any, what: str) -> M:
    """``data`` validated as ``model``, or :class:`InvalidInput` listing every field error."""
    if isinstance(data, BaseModel):
        data = data.model_dump()
    try:
        parsed = model.model_validate(data)
    except ValidationError as exc:
        raise InvalidInput(f"{what} is invalid", field_errors(exc)) from None
    errors = parsed.problems()
    if errors:
        raise InvalidInput(f"{what} is invalid", errors)
    return parsed
