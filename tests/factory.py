"""Tiny factories for tests: one valid canonical declaration, overridable by keyword."""

from __future__ import annotations

import copy
from typing import Any

_BASE: dict[str, Any] = {
    "source_id": "DECL-1",
    "type": "import",
    "declared_at": "2024-03-01T10:00:00Z",
    "office": "NLRTM001",
    "mode_of_transport": 1,
    "conveyance": {"imo_number": "9074729", "vessel_name": "MAERSK TEST"},
    "equipment": [{"container_number": "CSQU3054383", "seals": ["SL123456"]}],
    "route": {
        "place_of_loading": "CNSHA",
        "transshipment": ["SGSIN"],
        "place_of_discharge": "NLRTM",
        "country_of_dispatch": "CN",
    },
    "parties": [
        {"role": "consignor", "name": "Shanghai Widget Trading Co Ltd", "country": "CN"},
        {
            "role": "consignee",
            "name": "Acme Imports BV",
            "country": "NL",
            "identifiers": {"eori": "NL123456789"},
        },
    ],
    "goods": [
        {
            "item_number": 1,
            "hs_code": "847130",
            "description": "laptop computers",
            "quantity": 100,
            "unit": "PCE",
            "gross_mass_kg": 250.0,
            "net_mass_kg": 200.0,
            "value": 45000.0,
            "currency": "EUR",
            "origin_country": "CN",
            "packages": 10,
        }
    ],
    "documents": [{"code": "N380", "reference": "INV-2024-001"}],
}


def decl(**overrides: Any) -> dict[str, Any]:
    """A valid declaration dict; keyword arguments replace top-level fields.

    ``hs=``, ``origin=``, ``value=`` and ``mass=`` are shortcuts for the first goods item.
    """
    data = copy.deepcopy(_BASE)
    item = data["goods"][0]
    for short, key in (
        ("hs", "hs_code"),
        ("origin", "origin_country"),
        ("value", "value"),
        ("mass", "net_mass_kg"),
    ):
        if short in overrides:
            item[key] = overrides.pop(short)
    data.update(overrides)
    return data
