"""Closed sets of the case workflow, each member's meaning in its class docstring."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class CaseState(StrEnum):
    """Where a case stands.

    ``open``: opened from a declaration, nobody assigned yet; ``assigned``: an inspecting
    officer is assigned; ``inspecting``: at least one inspection recorded, results being
    drafted; ``review``: a final result was submitted and awaits a supervisor; ``decided``: the
    result is approved (it has become an outcome label); ``closed``: finished, or withdrawn
    before any inspection. A closed case takes no further changes except custody transfers.
    """

    OPEN = "open"
    ASSIGNED = "assigned"
    INSPECTING = "inspecting"
    REVIEW = "review"
    DECIDED = "decided"
    CLOSED = "closed"


class Role(StrEnum):
    """Who acts: ``targeting_officer`` (selects and opens cases, assigns them),
    ``inspecting_officer`` (inspects, records results, requests enforcement actions),
    ``supervisor`` (approves results and actions, reviews detentions, closes cases)."""

    TARGETING_OFFICER = "targeting_officer"
    INSPECTING_OFFICER = "inspecting_officer"
    SUPERVISOR = "supervisor"


class Event(StrEnum):
    """Everything that can happen to a case; each is one row of the case history."""

    OPEN = "open"
    ASSIGN = "assign"
    INSPECT = "inspect"
    RECORD_RESULT = "record_result"
    SUBMIT_RESULT = "submit_result"
    APPROVE_RESULT = "approve_result"
    REJECT_RESULT = "reject_result"
    REQUEST_ACTION = "request_action"
    APPROVE_ACTION = "approve_action"
    REFUSE_ACTION = "refuse_action"
    REVIEW_DETENTION = "review_detention"
    END_ACTION = "end_action"
    TRANSFER_CUSTODY = "transfer_custody"
    CLOSE = "close"
    WITHDRAW = "withdraw"


class InspectionType(StrEnum):
    """How goods were inspected: ``documentary`` (papers only), ``scan`` (non-intrusive
    X-ray or gamma scan), ``physical`` (container opened, goods examined), ``sample`` (a
    laboratory sample taken)."""

    DOCUMENTARY = "documentary"
    SCAN = "scan"
    PHYSICAL = "physical"
    SAMPLE = "sample"


class ResultStatus(StrEnum):
    """A result version: ``draft`` (being written, never feeds learning), ``submitted``
    (final, awaiting a supervisor), ``approved`` (final and approved: an outcome label),
    ``rejected`` (sent back by the supervisor; a new draft follows)."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"


class ActionType(StrEnum):
    """Enforcement actions: ``detention`` (goods held pending a decision, reviewed within a
    deadline), ``seizure`` (goods taken into custody), ``forfeiture`` (seized goods lost to
    the state), ``penalty`` (an administrative fine), ``referral`` (the case passed to a
    partner agency), ``release`` (goods released; ends detentions)."""

    DETENTION = "detention"
    SEIZURE = "seizure"
    FORFEITURE = "forfeiture"
    PENALTY = "penalty"
    REFERRAL = "referral"
    RELEASE = "release"


class ActionState(StrEnum):
    """An action's state: ``pending_approval`` (its legal power needs a supervisor),
    ``in_force`` (approved or needing no approval), ``refused`` (the supervisor said no),
    ``ended`` (a detention lifted by release or seizure, or ended explicitly)."""

    PENDING_APPROVAL = "pending_approval"
    IN_FORCE = "in_force"
    REFUSED = "refused"
    ENDED = "ended"


class Agency(StrEnum):
    """Partner agencies a case can be referred to."""

    POLICE = "police"
    INTELLIGENCE = "intelligence"
    EXPORT_CONTROL = "export_control"
    PROSECUTOR = "prosecutor"
    HEALTH = "health"


class Measure(StrEnum):
    """What a quantity measures: ``mass``, ``volume`` or a ``count`` of pieces."""

    MASS = "mass"
    VOLUME = "volume"
    COUNT = "count"


class Unit(StrEnum):
    """Units of seized and found quantities (a closed set; see :data:`UNIT_MEASURE`)."""

    KG = "kg"
    G = "g"
    T = "t"
    L = "l"
    ML = "ml"
    PIECES = "pieces"
    STICKS = "sticks"


UNIT_MEASURE: dict[Unit, Measure] = {
    Unit.KG: Measure.MASS,
    Unit.G: Measure.MASS,
    Unit.T: Measure.MASS,
    Unit.L: Measure.VOLUME,
    Unit.ML: Measure.VOLUME,
    Unit.PIECES: Measure.COUNT,
    Unit.STICKS: Measure.COUNT,
}


class Commodity(StrEnum):
    """Commodity groups of seizure reporting (after the WCO Customs Enforcement Network);
    each is measured one way or a few (see :data:`COMMODITY_MEASURES`)."""

    DRUGS = "drugs"
    PRECURSORS = "precursors"
    CIGARETTES = "cigarettes"
    TOBACCO = "tobacco"
    ALCOHOL = "alcohol"
    WEAPONS = "weapons"
    AMMUNITION = "ammunition"
    EXPLOSIVES = "explosives"
    COUNTERFEITS = "counterfeits"
    WILDLIFE = "wildlife"
    CURRENCY = "currency"
    DUAL_USE = "dual_use"
    OTHER = "other"


COMMODITY_MEASURES: dict[Commodity, frozenset[Measure]] = {
    Commodity.DRUGS: frozenset({Measure.MASS, Measure.VOLUME, Measure.COUNT}),
    Commodity.PRECURSORS: frozenset({Measure.MASS, Measure.VOLUME}),
    Commodity.CIGARETTES: frozenset({Measure.COUNT}),
    Commodity.TOBACCO: frozenset({Measure.MASS}),
    Commodity.ALCOHOL: frozenset({Measure.VOLUME}),
    Commodity.WEAPONS: frozenset({Measure.COUNT}),
    Commodity.AMMUNITION: frozenset({Measure.COUNT}),
    Commodity.EXPLOSIVES: frozenset({Measure.MASS}),
    Commodity.COUNTERFEITS: frozenset({Measure.COUNT}),
    Commodity.WILDLIFE: frozenset({Measure.COUNT, Measure.MASS}),
    Commodity.CURRENCY: frozenset({Measure.COUNT}),
    Commodity.DUAL_USE: frozenset({Measure.COUNT, Measure.MASS}),
    Commodity.OTHER: frozenset(Measure),
}


class Condition(StrEnum):
    """Condition of a seized item at a custody transfer: ``intact`` (seals unbroken),
    ``resealed`` (opened, e.g. for sampling, and sealed again under new numbers), ``damaged``
    (packaging or goods damaged), ``seal_broken`` (seal found broken: an incident)."""

    INTACT = "intact"
    RESEALED = "resealed"
    DAMAGED = "damaged"
    SEAL_BROKEN = "seal_broken"


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts and in which role. Identity comes from the caller (API session, CLI flag)."""

    user: str
    role: Role
