"""The selection policy: capacities, rates, thresholds, mandatory rules and the safe lane, per
office, versioned, plus the policy's own selection rules (rule specs in the rule language,
evaluated with the analyst rules). The random control sample is a keyed hash of the policy's
seed and version and the declaration id, so it is reproducible and independent of risk."""

from __future__ import annotations

import hashlib
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, model_validator

from borderwatch.errors import FieldError, InvalidInput, SourceUnreadable
from borderwatch.model.decisions import Lane
from borderwatch.model.validation import field_errors
from borderwatch.rules import RuleSpec, parse_spec

Rate = Annotated[float, Field(ge=0.0, le=1.0)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Capacity(_Strict):
    """Controls an office can carry out per day: physical (red) and documentary (yellow)."""

    physical: Annotated[int, Field(ge=0)]
    documentary: Annotated[int, Field(ge=0)]


class Thresholds(_Strict):
    """Risk (0-1) at or above which a declaration is a red or yellow candidate."""

    red: Rate
    yellow: Rate

    @model_validator(mode="after")
    def _ordered(self) -> Thresholds:
        if self.yellow > self.red:
            raise ValueError("the yellow threshold must not exceed the red threshold")
        return self


class OfficePolicy(_Strict):
    """The policy in force at one office (see ``policies.yaml`` for each field)."""

    capacity: Capacity
    expected_daily: Annotated[int, Field(ge=1)]
    target_rate: Rate
    max_rate: Rate
    random_rate: Rate
    aeo_factor: Annotated[float, Field(gt=0.0, le=1.0)]
    safe_lane: Lane
    thresholds: Thresholds
    confirmed_hit_score: Rate
    prohibited_goods: list[str] = Field(default_factory=list)
    mandatory_rules: list[str] = Field(default_factory=list)
    impact: dict[str, Annotated[float, Field(ge=0.0)]]

    @model_validator(mode="after")
    def _consistent(self) -> OfficePolicy:
        if self.safe_lane is Lane.GREEN:
            raise ValueError("safe_lane must not be green: a failed component never releases")
        if not self.random_rate <= self.target_rate <= self.max_rate:
            raise ValueError("rates must satisfy random_rate <= target_rate <= max_rate")
        return self

    def impact_of(self, severity: str) -> float:
        """Impact weight of a severity (``none`` when unknown)."""
        return self.impact.get(severity, self.impact.get("none", 1.0))


class Policy(_Strict):
    """A versioned selection policy: a default and per-office overrides."""

    version: Annotated[str, Field(min_length=1, max_length=64)]
    seed: Annotated[int, Field(ge=0)]
    default: OfficePolicy
    offices: dict[str, dict[str, Any]] = Field(default_factory=dict)
    rules: list[dict[str, Any]] = Field(default_factory=list)
    _rule_specs: tuple[RuleSpec, ...] | None = PrivateAttr(default=None)
    """The parsed rule specs, kept on the instance: policies of one version and seed hash
    alike, so a cache keyed on the policy would compare whole policies field by field (and
    keep every policy alive)."""

    @model_validator(mode="after")
    def _offices_valid(self) -> Policy:
        for office in self.offices:
            self.for_office(office)
        self.rule_specs()
        return self

    def rule_specs(self) -> tuple[RuleSpec, ...]:
        """The policy's own selection rules (version 1 each, versioned with the policy)."""
        if self._rule_specs is None:
            self._rule_specs = _specs(self)
        return self._rule_specs

    def for_office(self, office: str) -> OfficePolicy:
        """The policy of ``office``: its own entry, else its UN/LOCODE's, else the default."""
        merged = self._merged_offices.get(office)
        if merged is None:
            merged = self._merged_offices[office] = _merged(self, office)
        return merged

    @cached_property
    def _merged_offices(self) -> dict[str, OfficePolicy]:
        """Each office's merged policy, made on first use (an instance attribute, read on
        every assessment: a pydantic private attribute is read through ``__getattr__``)."""
        return {}

    @cached_property
    def _draw_key(self) -> bytes:
        return f"{self.seed}:{self.version}".encode()[:64]

    def random_draw(self, source_id: str) -> float:
        """A number in [0, 1) fixed by the seed, the policy version and the declaration id."""
        digest = hashlib.blake2b(source_id.encode(), key=self._draw_key, digest_size=8).digest()
        return int.from_bytes(digest, "big") / 2**64

    def __hash__(self) -> int:
        return hash((self.version, self.seed))


def _specs(policy: Policy) -> tuple[RuleSpec, ...]:
    errors: list[FieldError] = []
    specs: list[RuleSpec] = []
    for i, data in enumerate(policy.rules):
        try:
            specs.append(parse_spec(data, f"rules[{i}]"))
        except InvalidInput as exc:
            errors.extend(exc.errors)
    if errors:
        raise InvalidInput("policy rules are invalid", errors)
    return tuple(specs)


def _merged(policy: Policy, office: str) -> OfficePolicy:
    override = policy.offices.get(office) or policy.offices.get(office[:5]) or {}
    if not override:
        return policy.default
    base = policy.default.model_dump(mode="json")
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            base[key] = {**base[key], **value}
        else:
            base[key] = value
    try:
        return OfficePolicy.model_validate(base)
    except ValidationError as exc:
        errors = [FieldError(f"offices.{office}.{e.path}", e.reason) for e in field_errors(exc)]
        raise InvalidInput(f"policy office {office!r} is invalid", errors) from None


def parse_policy(data: Any, where: str = "policy") -> Policy:
    """A :class:`Policy` from parsed YAML, or :class:`InvalidInput` naming every bad field."""
    try:
        return Policy.model_validate(data)
    except ValidationError as exc:
        raise InvalidInput(f"{where} is invalid", field_errors(exc)) from None


def load_policy(path: Path | None = None) -> Policy:
    """The policy in ``path``, or the default shipped in ``selectivity/policies.yaml``."""
    if path is None:
        text = (resources.files("borderwatch.selectivity") / "policies.yaml").read_text("utf-8")
        where = "default policy"
    else:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise SourceUnreadable(f"cannot read policy {path}: {exc.strerror}") from None
        where = str(path)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SourceUnreadable(f"{where} is not valid YAML: {exc}") from None
    return parse_policy(data, where)
