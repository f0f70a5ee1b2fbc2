"""Borderwatch benchmarks: ``python -m benchmarks [NAME ...] [--quick]`` (``make bench``).

Each module ``benchmarks/bench_<name>.py`` defines ``run(quick: bool) -> str`` that measures
its figures (medians of several runs, with the baseline its issue names measured in the same
run) and returns a Markdown section. The runner writes the sections of the benchmarks it ran
into ``docs/benchmarks.md``, keeping the sections of the others, under a header naming the
machine.
"""
