"""Screening benchmark: recall per variant class, alert rate, throughput, latency, hard pairs.

Data: the full UN (1,003 entries) and OFAC 2024 (14,965 rows) lists from ../shared/data/lists.
Queries are generated from list names. Entities whose id hashes to the tuning half (and
non-listed names from a different seed) choose the operating threshold
(``python -m benchmarks.bench_screening tune``); only the held-out half is reported.
Non-listed names are synthesised from common given/family names and trade words, not from
any list; a generated name whose normalised tokens equal a listed alias's is dropped (it is
listed) and counted.
"""

from __future__ import annotations

import hashlib
import os
import random
import statistics
import time
import unicodedata
from collections.abc import Callable
from multiprocessing import get_context

from rapidfuzz import fuzz, process, utils

from borderwatch.screening import (
    OPERATING_THRESHOLD,
    Screener,
    ScreeningPool,
    compare_names,
    load_list,
)
from borderwatch.screening.normalise import name_tokens
from borderwatch.screening.types import PartyQuery, ScreeningList

LISTS = (
    __import__("pathlib").Path(__file__).resolve().parents[1].parent / "shared" / "data" / "lists"
)
GIVEN = [
    "james",
    "mary",
    "john",
    "patricia",
    "robert",
    "jennifer",
    "michael",
    "linda",
    "david",
    "elizabeth",
    "maria",
    "jose",
    "wei",
    "fang",
    "li",
    "na",
    "hans",
    "anna",
    "pieter",
    "sanne",
    "lukas",
    "emma",
    "olga",
    "ivan",
    "sergei",
    "yuki",
    "kenji",
    "carlos",
    "ana",
    "luis",
    "sofia",
    "pierre",
    "camille",
    "giulia",
    "marco",
    "priya",
    "rahul",
    "chen",
    "mei",
]
FAMILY = [
    "smith",
    "johnson",
    "williams",
    "brown",
    "jones",
    "garcia",
    "miller",
    "davis",
    "martinez",
    "lopez",
    "wilson",
    "anderson",
    "taylor",
    "thomas",
    "moore",
    "jackson",
    "martin",
    "lee",
    "thompson",
    "white",
    "harris",
    "clark",
    "mueller",
    "schmidt",
    "schneider",
    "fischer",
    "jansen",
    "devries",
    "bakker",
    "visser",
    "rossi",
    "russo",
    "ferrari",
    "dubois",
    "moreau",
    "laurent",
    "tanaka",
    "suzuki",
    "sato",
    "yamamoto",
    "kowalski",
    "nowak",
    "petrov",
    "ivanova",
    "sokolov",
    "novak",
    "silva",
    "santos",
    "oliveira",
    "pereira",
    "zhang",
    "wang",
    "liu",
    "patel",
    "sharma",
    "singh",
    "kumar",
    "nguyen",
    "tran",
    "pham",
    "kim",
    "park",
    "choi",
]
TRADE = [
    "global",
    "pacific",
    "atlantic",
    "northern",
    "united",
    "premier",
    "euro",
    "asia",
    "star",
    "golden",
    "royal",
    "green",
    "blue",
    "ocean",
    "river",
    "mountain",
    "valley",
    "city",
    "metro",
    "prime",
    "apex",
    "summit",
]
KIND = [
    "trading",
    "logistics",
    "shipping",
    "foods",
    "textiles",
    "electronics",
    "imports",
    "exports",
    "holdings",
]
FORMS = ["Ltd", "LLC", "GmbH", "B.V.", "S.A.", "Co., Ltd.", "Inc", "SRL", "Pty Ltd"]


def held_out(entity_id: str) -> bool:
    return hashlib.sha1(entity_id.encode()).digest()[0] % 2 == 1


def not_listed(n: int, rng: random.Random, middle: bool = False) -> list[tuple[str, str]]:
    out = []
    for i in range(n):
        if i % 2:
            given = rng.choice(GIVEN) + (f" {rng.choice(GIVEN)}" if middle else "")
            out.append((f"{given} {rng.choice(FAMILY)}".title(), "Person"))
        else:
            words = rng.sample(TRADE, 2) if rng.random() < 0.5 else [rng.choice(FAMILY)]
            name = " ".join([*words, rng.choice(KIND)]).title() + " " + rng.choice(FORMS)
            out.append((name, "Company"))
    return out


def _typo(name: str, rng: random.Random) -> str:
    i = rng.randrange(1, max(2, len(name) - 1))
    return name[:i] + rng.choice("aeiourtnsl") + name[i + 1 :]


RESPELL = [
    ("ou", "u"),
    ("ee", "i"),
    ("y", "i"),
    ("ph", "f"),
    ("kh", "h"),
    ("mm", "m"),
    ("ss", "s"),
    ("u", "o"),
    ("i", "ee"),
    ("c", "k"),
]


def _respell(name: str, rng: random.Random) -> str:
    low = name.lower()
    options = [(a, b) for a, b in RESPELL if a in low]
    a, b = rng.choice(options) if options else ("a", "e")
    return low.replace(a, b, 1)


FIELD_WIDTH = 35
"""Width of a party name field in UN/EDIFACT (NAD, C080 ``3036`` an..35): names longer than
this arrive cut at it. ``truncation_20`` cuts at 20 characters, a harsher test."""


def _person_parts(name: str) -> tuple[list[str], list[str]]:
    """(surname tokens, given tokens) of a list name written ``SURNAME, Given ...``; without
    a comma, ([], tokens), read as ``Given ... Surname``."""
    if "," in name:
        surname, _, given = name.partition(",")
        return surname.split(), given.split()
    return [], name.split()


def _initials(name: str) -> str | None:
    """The first given name cut to its initial (``SURNAME, J. Middle`` or ``J. Middle
    Surname``); None when there is nothing left to identify the person by."""
    surname, given = _person_parts(name)
    if not given or (not surname and len(given) < 2):
        return None
    given = [given[0][0] + ".", *given[1:]]
    return f"{' '.join(surname)}, {' '.join(given)}" if surname else " ".join(given)


def _dropped_middle(name: str) -> str | None:
    """The name without its middle name, the given name after the first (``SURNAME, First
    Middle More``: ``SURNAME, First More``; ``First Middle Last``: ``First Last``)."""
    surname, given = _person_parts(name)
    if surname:
        kept = [given[0], *given[2:]]
        return f"{' '.join(surname)}, {' '.join(kept)}" if len(given) >= 2 else None
    return " ".join([given[0], *given[2:]]) if len(given) >= 3 else None


EXTRA = {"truncation_20", "latin_marks"}
"""Classes reported beside the issue's, without its target: ``latin_marks`` are the list's
non-ASCII names in Latin script (accents, curly quotes, ``Kim Chin-So’k``), which are not
"original non-Latin script" but were counted in it before 2026-12-03."""


def other_script(name: str) -> bool:
    """Whether a name has a letter outside the Latin script (Arabic, Cyrillic, CJK, ...)."""
    return any(c.isalpha() and not unicodedata.name(c, "").startswith("LATIN") for c in name)


def variants(name: str, rng: random.Random, schema: str = "Person") -> dict[str, str]:
    """One query per variant class for list name ``name``. Initials and a dropped middle
    name are variations of person names (given names, not surnames or company words)."""
    toks = name.replace(",", " ").split()
    out = {"typo": _typo(name, rng), "respelling": _respell(name, rng)}
    if len(toks) >= 2:
        out["reordering"] = ", ".join([toks[-1], *toks[:-1]])
    if schema == "Person":
        if (initials := _initials(name)) is not None:
            out["initials"] = initials
        if (dropped := _dropped_middle(name)) is not None:
            out["dropped_middle"] = dropped
    out["particles"] = "al-" + name if rng.random() < 0.5 else f"Sheikh {name}"
    out["abbreviation"] = (
        name.replace("TRADING", "TRDG")
        .replace("INTERNATIONAL", "INTL")
        .replace("COMPANY", "CO")
        .replace("LIMITED", "LTD")
        + " Ltd"
    )
    if len(name) > FIELD_WIDTH:
        out["truncation"] = name[:FIELD_WIDTH]
    if len(name) > 22:
        out["truncation_20"] = name[:20]
    return out


Scores = dict[str, list[tuple[float, float]]]


def _median(fn: Callable[[], float], runs: int) -> float:
    return statistics.median(fn() for _ in range(runs))


def _true_score(hits: list[tuple[str, str, float]], list_name: str, eid: str) -> float:
    return max((s for n, e, s in hits if (n, e) == (list_name, eid)), default=0.0)


def _scored(screener: Screener, q: str, schema: str) -> list[tuple[str, str, float]]:
    return [
        (h.list_name, h.entity_id, h.score)
        for h in screener.screen_party(q, schema, threshold=FLOOR)
    ]


def _latin_only(lists: list[ScreeningList], ascii: bool = False) -> list[ScreeningList]:
    """The lists without their names in other scripts (``ascii``: without any non-ASCII
    name), each entry keeping at least its identifier as a name."""
    keep = (lambda n: n.isascii()) if ascii else (lambda n: not other_script(n))
    return [
        ScreeningList(
            lst.name,
            lst.version,
            lst.source,
            {
                k: e.__class__(
                    e.entity_id,
                    e.schema,
                    [n for n in e.names if keep(n)] or [e.entity_id],
                    e.countries,
                    e.birth_dates,
                    e.identifiers,
                )
                for k, e in lst.entries.items()
            },
        )
        for lst in lists
    ]


class Baseline:
    """Plain rapidfuzz full scan: token_sort_ratio >= 85 over every list name."""

    def __init__(self, lists: list[ScreeningList]) -> None:
        self.choices = [n for lst in lists for e in lst.entries.values() for n in e.names]
        self.owners = [
            f"{lst.name}:{e.entity_id}"
            for lst in lists
            for e in lst.entries.values()
            for _ in e.names
        ]

    def __call__(self, q: str) -> set[str]:
        found = process.extract(
            q,
            self.choices,
            scorer=fuzz.token_sort_ratio,
            score_cutoff=85,
            processor=utils.default_process,
            limit=None,
        )
        return {self.owners[i] for _, _, i in found}


def variant_scores(
    screener: Screener,
    lists: list[ScreeningList],
    n: int,
    rng: random.Random,
    held: bool,
    base: Baseline | None = None,
) -> tuple[Scores, dict[str, list[bool]]]:
    """Per variant class: (score of the true entity, 0 if missed) and the baseline's finds."""
    per: Scores = {}
    base_found: dict[str, list[bool]] = {}
    pool = [
        (lst.name, e)
        for lst in lists
        for e in lst.entries.values()
        if held_out(e.entity_id) == held
    ]
    for list_name, entry in rng.sample(pool, min(n, len(pool))):
        for cls, q in variants(entry.names[0], rng, entry.schema).items():
            hits = _scored(screener, q, entry.schema)
            per.setdefault(cls, []).append((_true_score(hits, list_name, entry.entity_id), 0.0))
            if base is not None:
                base_found.setdefault(cls, []).append(f"{list_name}:{entry.entity_id}" in base(q))
    for cls, ascii in (("original_script", False), ("latin_marks", True)):
        latin_lists = _latin_only(lists, ascii)
        script = Screener(latin_lists)
        latin_base = Baseline(latin_lists) if base is not None else None
        for lst in lists:
            for e in lst.entries.values():
                if held_out(e.entity_id) != held:
                    continue
                for name in e.names:
                    if name.isascii() or other_script(name) != (cls == "original_script"):
                        continue
                    hits = _scored(script, name, e.schema)
                    per.setdefault(cls, []).append((_true_score(hits, lst.name, e.entity_id), 0.0))
                    if latin_base is not None:
                        base_found.setdefault(cls, []).append(
                            f"{lst.name}:{e.entity_id}" in latin_base(name)
                        )
    return per, base_found


def clean_names(
    lists: list[ScreeningList], n: int, rng: random.Random
) -> tuple[list[tuple[str, str]], int]:
    """Non-listed names, minus those whose normalised tokens equal a listed alias's."""
    listed = {
        frozenset(name_tokens(a)) for lst in lists for e in lst.entries.values() for a in e.names
    }
    names = not_listed(n, rng)
    kept = [(q, s) for q, s in names if frozenset(name_tokens(q)) not in listed]
    return kept, len(names) - len(kept)


def alert_scores(screener: Screener, names: list[tuple[str, str]]) -> list[float]:
    return [max((s for _, _, s in _scored(screener, q, sc)), default=0.0) for q, sc in names]


def middle_dropped_alerts(screener: Screener, names: list[tuple[str, str]], t: float) -> int:
    """How many names alert only on listed people whose name they are without a middle
    name (``Carlos Garcia`` and ``GARCIA, Carlos Alberto``): the shape of the
    dropped-middle-name queries, which only secondary evidence can tell apart."""
    count = 0
    for q, schema in names:
        hits = screener.screen_party(q, schema, threshold=t)
        tokens = set(name_tokens(q))
        if hits and all(
            h.schema == "Person" and len(tokens) >= 2 and tokens < set(name_tokens(h.matched_name))
            for h in hits
        ):
            count += 1
    return count


def hard_pairs(
    lists: list[ScreeningList], rng: random.Random, n: int, held: bool
) -> list[tuple[str, str, bool]]:
    entries = [e for lst in lists for e in lst.entries.values() if held_out(e.entity_id) == held]
    names = [e.names[0] for e in entries]
    pairs = []
    for e in rng.sample(entries, n):
        alias = next((a for a in e.names[1:] if fuzz.token_sort_ratio(a, e.names[0]) < 85), None)
        pairs.append((e.names[0], alias or variants(e.names[0], rng)["respelling"], True))
        best = process.extract(e.names[0], names, scorer=fuzz.token_sort_ratio, limit=3)
        other = next((m for m, s, _ in best if m != e.names[0] and s >= 70), None)
        if other:
            pairs.append((e.names[0], other, False))
    return pairs


def _prf(pred: list[bool], truth: list[bool]) -> tuple[float, float, float]:
    tp = sum(p and t for p, t in zip(pred, truth, strict=True))
    prec = tp / max(sum(pred), 1)
    rec = tp / max(sum(truth), 1)
    return prec, rec, 2 * prec * rec / max(prec + rec, 1e-9)


FLOOR = 0.7


def tune(quick: bool = False) -> None:
    """Print recall, alert rate and hard-pair F1 per threshold on the tuning half only."""
    lists, _ = _load()
    screener = Screener(lists)
    rng = random.Random(7)
    per, _ = variant_scores(screener, lists, 150 if quick else 600, rng, held=False)
    clean, _ = clean_names(lists, 4000 if quick else 20000, random.Random(8))
    alerts = alert_scores(screener, clean)
    pairs = hard_pairs(lists, rng, 300 if quick else 1000, held=False)
    pair_scores = [(compare_names(a, b), t) for a, b, t in pairs]
    for t in [x / 100 for x in range(78, 97)]:
        rec = {c: sum(s >= t for s, _ in v) / len(v) for c, v in per.items()}
        f1 = _prf([s >= t for s, _ in pair_scores], [x for _, x in pair_scores])[2]
        alert = sum(a >= t for a in alerts) / len(alerts)
        worst = min(rec, key=lambda c: rec[c])
        print(
            f"{t:.2f} alert {alert:.4%} f1 {f1:.3f} min recall {worst} {rec[worst]:.3f} "
            + " ".join(f"{c[:5]}={r:.3f}" for c, r in sorted(rec.items()))
        )


_WORKER: Screener | None = None


def _work(names: list[PartyQuery]) -> int:
    assert _WORKER is not None
    return sum(len(h) for h in _WORKER.screen_many(names))


def throughput(screener: Screener, names: list[tuple[str, str]]) -> float:
    """Parties per second over 2 forked processes, each screening half the stream in
    batches, starting from empty caches."""
    global _WORKER
    screener.clear_cache()
    _WORKER = screener
    queries = [PartyQuery(n, s) for n, s in names]
    halves = [queries[0::2], queries[1::2]]
    with get_context("fork").Pool(2) as pool:
        start = time.perf_counter()
        pool.map(_work, halves)
        return len(names) / (time.perf_counter() - start)


def pool_throughput(
    pool: ScreeningPool, names: list[tuple[str, str]], warm: list[tuple[str, str]] | None = None
) -> float:
    """Parties per second through a :class:`ScreeningPool` (the product's path on several
    processes: each distinct party screened once, the distinct ones in even shares),
    starting from empty caches, or with ``warm`` from a process that has screened those
    other parties (its memos of words and names kept, its parties forgotten); the pool's
    start (a worker spawned with a copy of the screener) is not timed, as lists are loaded
    before screening."""
    pool.clear_cache()
    if warm is not None:
        pool.screen_many(PartyQuery(n, s) for n, s in warm)
        pool.clear_cache(words=False)
    queries = [PartyQuery(n, s) for n, s in names]
    start = time.perf_counter()
    pool.screen_many(queries)
    return len(names) / (time.perf_counter() - start)


def baseline_throughput(base: Baseline, names: list[str]) -> float:
    start = time.perf_counter()
    for n in names:
        process.extractOne(
            n,
            base.choices,
            scorer=fuzz.token_sort_ratio,
            score_cutoff=85,
            processor=utils.default_process,
        )
    return 2 * len(names) / (time.perf_counter() - start)  # one core measured; 2 cores scale


def _load() -> tuple[list[ScreeningList], float]:
    start = time.perf_counter()
    lists = [
        load_list(LISTS / "un_sc_consolidated_2026-02-27.xml", "un"),
        load_list(LISTS / "ofac_sdn_2024-05-03.csv", "ofac"),
    ]
    return lists, time.perf_counter() - start


def _latency(
    screener: Screener, names: list[tuple[str, str]], warm: list[tuple[str, str]] | None = None
) -> float:
    """p99 in ms of one screening of each of ``names``, from a cold process or one warmed on
    the parties ``warm`` (see :func:`pool_throughput`)."""
    screener.clear_cache()
    if warm is not None:
        screener.screen_many(PartyQuery(n, s) for n, s in warm)
        screener.clear_cache(words=False)
    lat = []
    for n, s in names:
        t0 = time.perf_counter()
        screener.screen_party(n, s)
        lat.append(time.perf_counter() - t0)
    return sorted(lat)[int(len(lat) * 0.99)] * 1000


def run(quick: bool) -> str:
    load_start = os.getloadavg()[0]
    rng = random.Random(20261125)
    lists, load_s = _load()
    start = time.perf_counter()
    screener = Screener(lists)
    index_s = time.perf_counter() - start
    base = Baseline(lists)
    t = OPERATING_THRESHOLD
    per, base_found = variant_scores(screener, lists, 60 if quick else 400, rng, True, base)
    clean, dropped = clean_names(lists, 2000 if quick else 20000, rng)
    alerts = sum(a >= t for a in alert_scores(screener, clean)) / len(clean)
    middle = middle_dropped_alerts(screener, clean, t)
    sample = clean[: 300 if quick else 2000]
    b_alerts = sum(bool(base(n)) for n, _ in sample) / len(sample)
    distinct = list(dict.fromkeys(not_listed(60000, random.Random(9), middle=True)))[:20000]
    # other parties a running service would have screened: the same kind of names, another draw
    seen = set(distinct) | set(clean)
    other = [q for q in dict.fromkeys(not_listed(60000, random.Random(13), True)) if q not in seen]
    other = other[:20000]
    tp_stream = _median(lambda: throughput(screener, clean), 3)
    tp_distinct = _median(lambda: throughput(screener, distinct), 3)
    pool = ScreeningPool(screener, 2)
    try:
        pool_stream = _median(lambda: pool_throughput(pool, clean), 3)
        pool_distinct = _median(lambda: pool_throughput(pool, distinct), 3)
        warm_stream = _median(lambda: pool_throughput(pool, clean, other), 3)
        warm_distinct = _median(lambda: pool_throughput(pool, distinct, other), 3)
    finally:
        pool.close()
    b_tp = baseline_throughput(base, [n for n, _ in clean[:200]])
    p99 = _median(lambda: _latency(screener, distinct[:5000]), 3)
    warm_p99 = _median(lambda: _latency(screener, distinct[:5000], other), 3)
    pairs = hard_pairs(lists, rng, 200 if quick else 1000, held=True)
    truth = [x for _, _, x in pairs]
    ours = _prf([compare_names(a, b) >= t for a, b, _ in pairs], truth)
    theirs = _prf(
        [fuzz.token_sort_ratio(a, b, processor=utils.default_process) >= 85 for a, b, _ in pairs],
        truth,
    )
    rows = [
        f"| recall, {c} (n={len(v)}) | {sum(s >= t for s, _ in v) / len(v):.1%} | "
        f"{sum(base_found[c]) / len(base_found[c]):.1%} | {'-' if c in EXTRA else '>= 99.5%'} |"
        for c, v in sorted(per.items())
    ]
    n_names = len(base.choices)
    return "\n".join(
        [
            "### Screening",
            "",
            f"Command: `.venv/bin/python -m benchmarks screening{' --quick' if quick else ''}`. "
            f"Lists: UN consolidated 2026-02-27 + OFAC SDN 2024-05-03 ({n_names:,} names). "
            f"Operating threshold {t} (tuned on the tuning half with "
            "`python -m benchmarks.bench_screening tune`; figures below are the held-out half). "
            "Baseline: rapidfuzz `token_sort_ratio >= 85` full scan over every name, same "
            "queries, same run (for original script: over the Latin names only, like ours). "
            f"Non-listed names: {len(clean):,} synthesised ({dropped} generated names dropped "
            "as actually listed). The machine may be shared with other jobs (1-minute load "
            f"average {load_start:.1f} at the start, {os.getloadavg()[0]:.1f} at the end, on "
            f"{os.cpu_count()} cores): timings noisy.",
            "",
            "| figure | Borderwatch | baseline | target |",
            "|---|---|---|---|",
            *rows,
            f"| alert rate on {len(clean):,} non-listed names | {alerts:.3%} | {b_alerts:.3%} "
            f"(first {len(sample)}) | <= 0.05% |",
            f"| of which on a listed person's name without a middle name ({middle} names) "
            f"| {middle / len(clean):.3%} | | |",
            f"| screenings/s, `ScreeningPool` of 2 processes, realistic stream with repeats "
            f"(median of 3), cold processes | {pool_stream:,.0f} | {b_tp:,.0f} | >= 20,000 |",
            f"| screenings/s, `ScreeningPool` of 2 processes, {len(distinct):,} distinct names "
            f"(median of 3), cold processes | {pool_distinct:,.0f} | {b_tp:,.0f} | >= 20,000 |",
            f"| same, warm processes (having screened {len(other):,} other names): stream / "
            f"distinct | {warm_stream:,.0f} / {warm_distinct:,.0f} | | |",
            f"| screenings/s, 2 forked processes, each half the stream (alternate names) "
            f"and its own cache: stream / distinct | {tp_stream:,.0f} / {tp_distinct:,.0f} | | |",
            f"| p99 latency of one screening, distinct names, cold process (median of 3) "
            f"| {p99:.2f} ms | - | <= 2 ms |",
            f"| same, warm process (having screened {len(other):,} other names) "
            f"| {warm_p99:.2f} ms | - | |",
            f"| hard pairs ({len(pairs)}): precision / recall / F1 | "
            f"{ours[0]:.2f} / {ours[1]:.2f} / "
            f"{ours[2]:.2f} | {theirs[0]:.2f} / {theirs[1]:.2f} / {theirs[2]:.2f} | F1 >= 0.85 |",
            f"| load both lists / build index | {load_s:.2f} s / {index_s:.2f} s | - "
            "| < 5 s total |",
            "",
        ]
    )


if __name__ == "__main__":
    import sys

    tune(quick="--quick" in sys.argv)
