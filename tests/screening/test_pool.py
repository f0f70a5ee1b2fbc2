"""Screening on several processes gives the hits of one, each distinct party screened once."""

from __future__ import annotations

import gc

import pytest

from borderwatch.screening import PartyQuery, Screener, ScreeningList, ScreeningPool
from borderwatch.screening.pool import shares


def _stream(lists: list[ScreeningList]) -> list[PartyQuery]:
    listed = [PartyQuery(e.names[0], e.schema) for lst in lists for e in lst.entries.values()]
    other = [PartyQuery(f"Trader {i} Import Export Ltd", "Company") for i in range(40)]
    distinct = listed[:60] + other
    # repeats, and the same party written in other case (one key)
    return distinct + distinct[::3] + [PartyQuery(q.name.upper(), q.schema) for q in listed[:5]]


@pytest.fixture(scope="module")
def pool(lists: list[ScreeningList]):
    pool = ScreeningPool(Screener(lists), processes=2)
    yield pool
    pool.close()


def test_a_pool_gives_the_hits_of_one_process_in_order(
    pool: ScreeningPool, lists: list[ScreeningList]
) -> None:
    stream = _stream(lists)
    one = Screener(lists).screen_many(stream)
    got = pool.screen_many(stream)
    assert got == one
    assert sum(bool(h) for h in got) >= 60  # the listed names hit: the comparison means something


def test_each_distinct_party_is_screened_once_whichever_process_screened_it(
    pool: ScreeningPool, lists: list[ScreeningList]
) -> None:
    pool.clear_cache()
    before = pool.screened
    stream = _stream(lists)
    pool.screen_many(stream)
    assert pool.screened - before == len({q.key() for q in stream}) == 100
    pool.screen_many(stream[::-1])
    assert pool.screened - before == 100  # all known now: nothing sent again
    assert all(pool.screener.cached(q.key()) is not None for q in stream)


def test_shares_are_contiguous_and_even() -> None:
    items = [PartyQuery(str(i)) for i in range(11)]
    got = shares(items, 3)
    assert [len(s) for s in got] == [3, 4, 4]
    assert [q for s in got for q in s] == items
    assert shares(items[:1], 2) == [[], items[:1]]


def test_a_closed_pool_screens_on_its_own_process(lists: list[ScreeningList]) -> None:
    pool = ScreeningPool(Screener(lists), processes=2)
    pool.close()
    assert pool.processes == 1
    stream = _stream(lists)
    assert pool.screen_many(stream) == Screener(lists).screen_many(stream)


def test_a_worker_killed_leaves_its_share_to_the_pool_s_own_process(
    lists: list[ScreeningList],
) -> None:
    pool = ScreeningPool(Screener(lists), processes=2)
    try:
        workers = [p for ex in pool._pools for p in ex._processes.values()]
        assert len(workers) == 1
        workers[0].kill()
        workers[0].join()
        stream = _stream(lists)
        assert pool.screen_many(stream) == Screener(lists).screen_many(stream)
        assert pool.processes == 1  # the broken workers are gone
        pool.clear_cache()
        assert pool.screener.cached(stream[0].key()) is None
    finally:
        pool.close()


def test_a_pool_stops_its_workers_when_closed_by_with_or_collected(
    lists: list[ScreeningList],
) -> None:
    with ScreeningPool(Screener(lists), processes=2) as pool:
        workers = [p for ex in pool._pools for p in ex._processes.values()]
        assert pool.processes == 2 and all(w.is_alive() for w in workers)
    assert pool.processes == 1 and not any(w.is_alive() for w in workers)
    forgotten = ScreeningPool(Screener(lists), processes=2)
    workers = [p for ex in forgotten._pools for p in ex._processes.values()]
    del forgotten
    gc.collect()
    for w in workers:
        w.join(timeout=30)
    assert workers and not any(w.is_alive() for w in workers)


def test_a_pool_s_workers_run_one_thread_each(pool: ScreeningPool) -> None:
    import os

    from borderwatch.processes import THREADS

    assert pool._pools
    for name, value in THREADS.items():
        assert pool._pools[0].submit(os.getenv, name).result() == value
