"""The configurable catalogue of legal powers that enforcement actions rest on.

The catalogue shipped in ``powers.yaml`` is an example to adapt; :func:`load_powers` reads
it or a file of the same shape. An action names a power by id; the power's statute, article
and description are copied onto the action so later edits of the catalogue never rewrite
the legal basis of an action already taken.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from borderwatch.cases.types import ActionType
from borderwatch.errors import FieldError, InvalidInput, SourceUnreadable
from borderwatch.model.validation import field_errors

Text = Annotated[str, Field(min_length=1, max_length=512)]


class Power(BaseModel):
    """One legal power: where it is written, which actions it covers, whether a supervisor
    must approve its use and, for detentions, within how many hours they must be reviewed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(min_length=1, max_length=64)]
    statute: Text
    article: Text
    description: Text
    actions: Annotated[list[ActionType], Field(min_length=1)]
    approval_required: bool = False
    review_hours: Annotated[int, Field(ge=1, le=24 * 366)] | None = None

    @property
    def citation(self) -> str:
        """``statute, article N``: how reports cite the power."""
        return f"{self.statute}, article {self.article}"


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")

    powers: Annotated[list[Power], Field(min_length=1)]


@dataclass(frozen=True, slots=True)
class Powers:
    """A loaded catalogue, looked up by power id."""

    by_id: dict[str, Power]

    def basis_for(self, power_id: str, action: ActionType) -> Power:
        """The power ``power_id``, which must cover ``action``; else :class:`InvalidInput`."""
        power = self.by_id.get(power_id)
        if power is None:
            known = ", ".join(sorted(self.by_id))
            reason = f"no power {power_id!r} in the catalogue (known: {known})"
            raise InvalidInput("unknown legal basis", [FieldError("legal_basis", reason)])
        if action not in power.actions:
            covers = ", ".join(a.value for a in power.actions)
            reason = f"{power_id} covers {covers}, not {action.value}"
            raise InvalidInput("legal basis does not cover the action", [
                FieldError("legal_basis", reason)
            ])  # fmt: skip
        return power


def parse_powers(text: str, where: str = "powers catalogue") -> Powers:
    """A catalogue from YAML text; every field error is reported at once."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SourceUnreadable(f"{where} is not valid YAML: {exc}") from None
    try:
        parsed = _File.model_validate(data)
    except ValidationError as exc:
        raise InvalidInput(f"{where} is invalid", field_errors(exc)) from None
    by_id: dict[str, Power] = {}
    for i, power in enumerate(parsed.powers):
        if power.id in by_id:
            reason = f"duplicate power id {power.id!r}"
            raise InvalidInput(f"{where} is invalid", [FieldError(f"powers[{i}].id", reason)])
        by_id[power.id] = power
    return Powers(by_id)


def load_powers(path: Path | None = None) -> Powers:
    """The catalogue at ``path``, or the example shipped with Borderwatch."""
    if path is None:
        text = (resources.files("borderwatch.cases") / "powers.yaml").read_text("utf-8")
        return parse_powers(text, "powers.yaml")
    try:
        return parse_powers(path.read_text("utf-8"), str(path))
    except OSError as exc:
        raise SourceUnreadable(f"cannot read {path}: {exc.strerror}") from None
