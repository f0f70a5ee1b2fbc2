"""The collector pause around batch work: paused inside, restored after, even on error."""

from __future__ import annotations

import gc
import weakref

import pytest

from borderwatch.memory import paused_gc, settle


def test_pause_restores_the_collector_even_when_the_block_fails() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause still holds
    assert gc.isenabled()
    with pytest.raises(ValueError), paused_gc():
        raise ValueError("boom")
    assert gc.isenabled()


def test_pause_leaves_a_disabled_collector_disabled() -> None:
    gc.disable()
    try:
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_settle_collects_cycles_then_freezes_what_is_alive() -> None:
    class Node:
        pass

    cycle = Node()
    cycle.me = cycle  # type: ignore[attr-defined]
    gone = weakref.ref(cycle)
    kept = Node()
    del cycle
    before = gc.get_freeze_count()
    try:
        settle()
        assert gone() is None  # the collection ran first: garbage is not frozen
        assert gc.get_freeze_count() > before
        assert isinstance(kept, Node)  # what is referenced stays usable
    finally:
        gc.unfreeze()
