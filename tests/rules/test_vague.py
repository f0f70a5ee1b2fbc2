"""What counts as a vague description: only generic words, naming no product."""

from __future__ import annotations

import pytest

from borderwatch.rules.groups import _is_vague


@pytest.mark.parametrize(
    "text",
    [
        "parts",
        "Spare Parts",
        "steel parts",
        "metal components",
        "HARDWARE",
        "machined parts",
        "said to contain: parts",
        "general cargo",
        "FAK",
        "misc",
    ],
)
def test_generic_descriptions_are_vague(text: str) -> None:
    assert _is_vague(text)


@pytest.mark.parametrize(
    "text",
    [
        "laptop computers",
        "spare parts for tractors",
        "ammonium nitrate fertiliser",
        "steel pipes, seamless",
        "swimwear of synthetic fibres",
    ],
)
def test_descriptions_naming_a_product_are_not(text: str) -> None:
    assert not _is_vague(text)
