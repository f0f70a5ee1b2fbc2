"""Container numbers, IMO numbers and name variants, against independent references."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from stdnum import imo, iso6346

from borderwatch.synth.names import VARIANTS, name_variant
from borderwatch.synth.transport import CARRIERS, LESSORS, build_fleet, container_numbers

OWNERS = [c[2] for c in CARRIERS] + list(LESSORS)


@given(st.lists(st.tuples(st.sampled_from(OWNERS), st.integers(0, 999_999)), min_size=1))
def test_container_check_digits_match_stdnum(boxes: list[tuple[str, int]]) -> None:
    owners = [o for o, _ in boxes]
    numbers = container_numbers(owners, np.array([s for _, s in boxes], np.int64))
    for (owner, serial), number in zip(boxes, numbers, strict=True):
        body = f"{owner}{serial:06d}"
        assert number == body + str(iso6346.calc_check_digit(body))
        assert iso6346.is_valid(number)


def test_fleet_imo_numbers_are_valid_and_unique() -> None:
    fleet = build_fleet(np.random.default_rng(0))
    assert all(imo.is_valid(n) for n in fleet.imo)
    assert len(set(fleet.imo)) == len(fleet.imo)


@given(
    st.text(st.characters(codec="utf-8", categories=["L", "N", "Zs"]), min_size=1),
    st.integers(0, 2**32 - 1),
)
def test_name_variants_always_differ(name: str, seed: int) -> None:
    name = name.strip() or "X"
    variant, kind = name_variant(np.random.default_rng(seed), name)
    assert variant and variant != name and kind in VARIANTS


def test_each_kind_of_variant_occurs() -> None:
    rng = np.random.default_rng(1)
    kinds = {name_variant(rng, "Mohammed Abdul Rahman Trading Co., Ltd")[1] for _ in range(200)}
    assert kinds == set(VARIANTS)


def test_the_kind_returned_is_the_change_made() -> None:
    rng = np.random.default_rng(2)
    for name in ("Haegumgang Trading Corporation", "ARZALLUS TAPIA, Eusebio", "HORSE"):
        for _ in range(100):
            variant, kind = name_variant(rng, name)
            plain, lower = variant.lower(), name.lower()
            if kind == "reorder":
                assert sorted(plain.replace(",", "").split()) == sorted(
                    lower.replace(",", "").split()
                )
            elif kind == "truncation":
                assert lower.startswith(plain) and len(plain) < len(lower)
            elif kind == "legal_form_dropped":
                assert plain == "haegumgang trading"
            elif kind == "typo":
                assert abs(len(plain) - len(lower)) <= 1
