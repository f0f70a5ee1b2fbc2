"""Rule files: YAML packs (built in, or an analyst's file) turned into validated specs."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from borderwatch.errors import FieldError, InvalidInput, NotFound, SourceUnreadable
from borderwatch.rules.spec import RuleSpec, parse_spec


def pack_names() -> list[str]:
    """Names of the built-in packs."""
    folder = resources.files("borderwatch.rules.packs")
    return sorted(
        p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml")
    )


def specs_from_data(data: Any, where: str) -> list[RuleSpec]:
    """Specs of a parsed YAML document (``{owner, rules: [...]}`` or a list of rules); every
    problem of every rule is collected before raising."""
    if isinstance(data, list):
        data = {"rules": data}
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise InvalidInput(f"{where} is not a rule file", [FieldError("rules", "a list is needed")])
    specs: list[RuleSpec] = []
    errors: list[FieldError] = []
    for i, raw in enumerate(data["rules"]):
        item = {"owner": data.get("owner"), **raw} if isinstance(raw, dict) else raw
        try:
            specs.append(parse_spec(item, f"rules[{i}]"))
        except InvalidInput as exc:
            errors.extend(exc.errors)
    ids = [s.id for s in specs]
    errors.extend(
        FieldError("rules", f"duplicate id {i}")
        for i in sorted({x for x in ids if ids.count(x) > 1})
    )
    if errors:
        raise InvalidInput(f"{where} has invalid rules", errors)
    return specs


def load_yaml(text: str, where: str = "rule file") -> list[RuleSpec]:
    """Specs from YAML text."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SourceUnreadable(f"{where} is not valid YAML: {exc}") from None
    return specs_from_data(data, where)


def load_file(path: Path) -> list[RuleSpec]:
    """Specs from a YAML file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SourceUnreadable(f"cannot read {path}: {exc.strerror}") from None
    return load_yaml(text, str(path))


def load_pack(name: str) -> list[RuleSpec]:
    """Specs of the built-in pack ``name``."""
    if name not in pack_names():
        raise NotFound(f"no rule pack {name!r}; built in: {', '.join(pack_names())}")
    text = (resources.files("borderwatch.rules.packs") / f"{name}.yaml").read_text("utf-8")
    return load_yaml(text, f"pack {name}")
