"""The declaration model, aligned with the WCO Data Model and the EU ICS2 entry summary.

Pydantic at the edges: ``Declaration.model_validate`` checks every field at once and names
each failing path. Reference checks (HS edition in force, UN/LOCODE, ISO codes, check digits)
are part of the types in :mod:`borderwatch.model.codes`.

Oddities that real data holds and that are not errors are accepted on purpose: zero mass or
zero value (samples, rounding) and a party with identifiers but no name.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Annotated, Any, NoReturn

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from borderwatch.model.codes import (
    CasNumber,
    ContainerNumber,
    CountryCode,
    CurrencyCode,
    FlightNumber,
    HsCode,
    ImoNumber,
    LocodeCode,
)
from borderwatch.model.enums import (
    AeoStatus,
    DeclarationType,
    Finding,
    PartyRole,
    PartySchema,
    TransportMode,
)
from borderwatch.reference import hs_edition_for, hs_exists

Text = Annotated[str, Field(min_length=1, max_length=512)]
NonNegative = Annotated[float, Field(ge=0, allow_inf_nan=False)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Conveyance(_Model):
    """The means of transport: a vessel (IMO number) or a flight, truck or train."""

    imo_number: ImoNumber | None = None
    vessel_name: Text | None = None
    flight_number: FlightNumber | None = None
    registration: Text | None = None
    voyage: Text | None = None


class Equipment(_Model):
    """A container (ISO 6346 number) and its seals."""

    container_number: ContainerNumber
    seals: list[Annotated[str, Field(min_length=1, max_length=35)]] = Field(default_factory=list)


class Route(_Model):
    """Where the goods were loaded, moved through and discharged, and the countries involved."""

    place_of_loading: LocodeCode | None = None
    transshipment: list[LocodeCode] = Field(default_factory=list)
    place_of_discharge: LocodeCode | None = None
    country_of_dispatch: CountryCode | None = None
    country_of_destination: CountryCode | None = None
    countries_en_route: list[CountryCode] = Field(default_factory=list)


class Identifiers(_Model):
    """Party identifiers: EU EORI, national tax number, and others by scheme."""

    eori: Annotated[str, Field(min_length=3, max_length=17)] | None = None
    tin: Annotated[str, Field(min_length=1, max_length=35)] | None = None
    other: dict[str, str] = Field(default_factory=dict)


class _NoOthers(dict[str, str]):
    """The empty ``other`` identifiers of :data:`_NO_IDENTIFIERS`, which refuse changes: the
    model is frozen but a dict is not, and a change would show on every party without
    identifiers. Serialised, copied and pickled as the empty dict it is."""

    def _refuse(self, *args: object, **kwargs: object) -> NoReturn:
        raise TypeError("the identifiers shared by parties without any are read-only")

    __setitem__ = __delitem__ = __ior__ = _refuse
    update = pop = popitem = clear = setdefault = _refuse


_NO_IDENTIFIERS = Identifiers.model_construct(other=_NoOthers())
"""The identifiers of a party without any: one shared frozen instance (from a factory, as
pydantic would deep-copy a default instance) rather than a new model validated for most
parties of most declarations."""


class Party(_Model):
    """A party by role. A name may be missing where identifiers identify the party."""

    role: PartyRole
    name: Text | None = None
    schema_: PartySchema = Field(PartySchema.COMPANY, alias="schema")
    address: Annotated[str, Field(max_length=1024)] | None = None
    country: CountryCode | None = None
    identifiers: Identifiers = Field(default_factory=lambda: _NO_IDENTIFIERS)
    aeo: AeoStatus | None = None

    @model_validator(mode="after")
    def _named_or_identified(self) -> Party:
        ids = self.identifiers
        if not self.name and not (ids.eori or ids.tin or ids.other):
            raise ValueError("a party needs a name or at least one identifier")
        return self


class GoodsItem(_Model):
    """One goods item: classification, description, quantities and value."""

    item_number: Annotated[int, Field(ge=1, le=9999)] = 1
    hs_code: HsCode
    description: Annotated[str, Field(max_length=2048)] = ""
    cas_number: CasNumber | None = None
    quantity: NonNegative | None = None
    unit: Annotated[str, Field(min_length=1, max_length=8)] | None = None
    gross_mass_kg: NonNegative | None = None
    net_mass_kg: NonNegative | None = None
    value: NonNegative
    currency: CurrencyCode
    origin_country: CountryCode | None = None
    packages: Annotated[int, Field(ge=0)] | None = None
    duty_rate: NonNegative | None = None


class Document(_Model):
    """A document produced: type code (EU codes such as N935 invoice, X002 licence) and
    reference."""

    code: Annotated[str, Field(min_length=1, max_length=8)]
    reference: Annotated[str, Field(max_length=70)] = ""


class Outcome(_Model):
    """Ground truth of a declaration: inspected or not, what was found, revenue recovered.

    ``labels`` name planted risk patterns in generated data; real data leaves it empty.
    """

    inspected: bool = False
    finding: Finding = Finding.NONE
    illicit: bool = False
    revenue_recovered: NonNegative = 0.0
    labels: list[str] = Field(default_factory=list)


def _utc(value: dt.datetime) -> dt.datetime:
    """Naive timestamps are taken as UTC; aware ones are converted to UTC."""
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


UtcDatetime = Annotated[dt.datetime, AfterValidator(_utc)]


class Declaration(_Model):
    """A customs declaration or entry summary, identified by ``source_id`` across versions."""

    source_id: Annotated[str, Field(min_length=1, max_length=64)]
    type: DeclarationType
    declared_at: UtcDatetime
    office: Annotated[str, Field(min_length=1, max_length=17)]
    mode_of_transport: TransportMode
    conveyance: Conveyance | None = None
    equipment: list[Equipment] = Field(default_factory=list)
    route: Route = Field(default_factory=Route)
    parties: list[Party] = Field(default_factory=list)
    goods: Annotated[list[GoodsItem], Field(min_length=1, max_length=999)]
    documents: list[Document] = Field(default_factory=list)
    outcome: Outcome | None = None
    attributes: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _hs_edition_in_force(self) -> Declaration:
        edition = hs_edition_for(self.declared_at.date())
        for item in self.goods:
            if not hs_exists(item.hs_code, edition):
                raise ValueError(
                    f"goods item {item.item_number}: HS subheading {item.hs_code[:6]} is not in "
                    f"{edition.value}, the edition in force on {self.declared_at.date()}"
                )
        return self

    def party(self, role: PartyRole) -> Party | None:
        """The first party with ``role``, if any."""
        return self._first_by_role.get(role)

    @cached_property
    def _first_by_role(self) -> dict[PartyRole, Party]:
        """The first party of each role (the model is frozen, so it is built once)."""
        out: dict[PartyRole, Party] = {}
        for p in self.parties:
            out.setdefault(p.role, p)
        return out
