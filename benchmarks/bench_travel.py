"""Travel benchmark: parse and screen a generated corpus of API (PAXLST) and PNR (PNRGOV)
messages.

Corpus: :func:`borderwatch.travel.corpus.corpus` (seed 7), about 150 passengers a flight,
one PAXLST and one PNRGOV file per flight plus re-pushes and duplicates, with the persons of
the shipped lookout list planted. Figures: parse throughput (pydifact, envelope checks and
model building), screening throughput with the screener's per-person cache (the production
path) and, as the baseline in the same run, screening every passenger without any cache.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time

from borderwatch.screening import Screener, default_lists
from borderwatch.travel import Message, parse_bytes
from borderwatch.travel.assess import screen_travellers
from borderwatch.travel.corpus import Planted, corpus
from borderwatch.travel.types import Traveller

RUNS = 3


def _planted() -> list[Planted]:
    lookout = next(lst for lst in default_lists() if lst.name == "lookout")
    out = []
    for entry in lookout.entries.values():
        if entry.schema == "Person" and entry.birth_dates and entry.countries:
            *given, surname = entry.caption.upper().split()
            born = dt.date.fromisoformat(sorted(entry.birth_dates)[0][:10])
            out.append(Planted(surname, " ".join(given), born, sorted(entry.countries)[0]))
    return out


def _parse(files: list[tuple[str, bytes]]) -> tuple[float, int, list[Traveller]]:
    started = time.perf_counter()
    messages, people = 0, []
    for name, data in files:
        for item in parse_bytes(data, name):
            if isinstance(item, Message):
                messages += 1
                people.extend(item.travellers)
    return time.perf_counter() - started, messages, people


def _screen(screener: Screener, people: list[Traveller], cached: bool) -> float:
    screener.clear_cache()
    started = time.perf_counter()
    screen_travellers(screener, people, cached)
    return time.perf_counter() - started


def run(quick: bool) -> str:
    size = 10_000 if quick else 100_000
    baseline_size = 2_000 if quick else 5_000
    planted = _planted()
    files = list(corpus(7, size, planted))
    megabytes = sum(len(d) for _, d in files) / 1e6
    parses = [_parse(files) for _ in range(RUNS)]
    seconds = statistics.median(p[0] for p in parses)
    _, messages, people = parses[0]
    screener = Screener(default_lists())
    cached = statistics.median(_screen(screener, people, True) for _ in range(RUNS))
    sample = people[:baseline_size]
    uncached = statistics.median(_screen(screener, sample, False) for _ in range(RUNS))
    hits = screen_travellers(screener, people)
    flagged = sum(1 for h in hits if h)
    planted_keys = {(p.surname, p.birth_date) for p in planted}
    on_board = [i for i, t in enumerate(people) if (t.surname, t.birth_date) in planted_keys]
    found = sum(1 for i in on_board if hits[i])
    command = ".venv/bin/python -m benchmarks travel" + (" --quick" if quick else "")
    return "\n".join(
        [
            "## Travel: parse and screen API/PNR messages",
            "",
            f"Command: `{command}`. Corpus: {len(files):,} files ({megabytes:.1f} MB), "
            f"{messages:,} messages, {len(people):,} travellers (PAXLST and PNR copies of each "
            f"passenger), {len(planted)} lookout persons planted. Medians of {RUNS} runs.",
            "",
            "| measure | time (s) | throughput |",
            "|---|---:|---:|",
            f"| parse (pydifact + envelope checks + model) | {seconds:.1f} | "
            f"{messages / seconds:,.0f} messages/s, {len(people) / seconds:,.0f} travellers/s |",
            f"| screen, per-person cache (production path) | {cached:.1f} | "
            f"{len(people) / cached:,.0f} travellers/s |",
            f"| baseline: screen each traveller, no cache ({len(sample):,} travellers) | "
            f"{uncached:.1f} | {len(sample) / uncached:,.0f} travellers/s |",
            "",
            f"Travellers with a watchlist hit: {flagged:,}; planted travellers found: "
            f"{found} of {len(on_board)}. The cache pays because the PNR copy of a passenger and "
            "re-pushed bookings screen as the same person; on a corpus of distinct people it "
            "would save little. Parsing is the bottleneck (pydifact tokenises character by "
            "character in Python).",
            "",
        ]
    )
