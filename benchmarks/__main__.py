"""Run benchmarks and rewrite their sections of docs/benchmarks.md."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import platform
import re
import sys
import time
from pathlib import Path

import psutil

DOC = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
HERE = Path(__file__).resolve().parent
MARK = "<!-- bench:{name} -->"


def available() -> list[str]:
    return sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    mem = psutil.virtual_memory().total / 2**30
    return (
        f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}"
    )


def read_sections() -> dict[str, str]:
    if not DOC.exists():
        return {}
    text = DOC.read_text(encoding="utf-8")
    parts = re.split(r"<!-- bench:([a-z_]+) -->\n", text)
    return {parts[i]: parts[i + 1].rstrip() + "\n" for i in range(1, len(parts) - 1, 2)}


def write(sections: dict[str, str]) -> None:
    head = (
        "# Benchmarks\n\n"
        "Run with `make bench` (all) or `.venv/bin/python -m benchmarks NAME` (one). Figures are "
        "medians of several runs on a shared, noisy machine; each section names its command, "
        "its target and the baseline measured in the same run.\n\n"
        f"Last run: {dt.date.today().isoformat()} on {machine()}.\n\n"
    )
    body = "".join(MARK.format(name=n) + "\n" + sections[n] + "\n" for n in sorted(sections))
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(head + body, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="*", help=f"benchmarks to run (default all: {available()})")
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    parser.add_argument("--no-write", action="store_true", help="print, do not rewrite the doc")
    args = parser.parse_args()
    names = args.names or available()
    for name in names:
        if name not in available():
            parser.error(f"unknown benchmark {name!r}; known: {', '.join(available())}")
        module = importlib.import_module(f"benchmarks.bench_{name}")
        print(f"== {name}", file=sys.stderr, flush=True)
        started = time.perf_counter()
        section = module.run(quick=args.quick)
        print(section)
        print(f"   ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
        if not args.no_write:
            # Re-read just before writing: other benchmarks may have rewritten their sections.
            sections = read_sections()
            sections[name] = section
            write(sections)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
