"""What the screening modules' functions remember in the process (``functools.lru_cache``
memos of normalisation, readings, the similarity of two words, keys), and forgetting it, so
that a measurement can start from a process as cold as one just started."""

from __future__ import annotations

import sys


def clear_matcher_caches() -> None:
    """Empty the memos (``functools.lru_cache``) of the screening modules' functions:
    normalisation, readings, similarity of two words, keys. They live in the process, not in a
    screener, and hold every word and name read since the process started."""
    prefix = f"{__package__}."
    for name, module in list(sys.modules.items()):
        if name.startswith(prefix):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()
