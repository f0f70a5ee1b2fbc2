"""The generated parts of ``docs/rules.md``: the feature-view columns and the functions.

``python -m borderwatch.rules.docs docs/rules.md`` rewrites the generated blocks in place;
a test fails when the document and the catalogue drift apart.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from borderwatch.rules.catalogue import COLUMNS
from borderwatch.rules.validate import FUNCTIONS

START, END = "<!-- generated:{name}:start -->", "<!-- generated:{name}:end -->"


def columns_table() -> str:
    """Markdown table of every feature-view column: name, type, group, meaning."""
    lines = ["| column | type | group | meaning |", "|---|---|---|---|"]
    for c in COLUMNS:
        kind = "list of str" if c.type == "list" else c.type
        group = f"{c.group} (caller)" if c.caller else c.group
        lines.append(f"| `{c.name}` | {kind} | {group} | {c.meaning} |")
    return "\n".join(lines) + "\n"


def functions_table() -> str:
    """Markdown list of the allowed functions: name, signature, meaning."""
    lines = []
    for name in sorted(FUNCTIONS):
        signature, meaning = FUNCTIONS[name].split(": ", 1)
        lines.append(f"- `{name}`: `{signature}`, {meaning}\n")
    return "".join(lines)


BLOCKS = {"columns": columns_table, "functions": functions_table}


def render(text: str) -> str:
    """``text`` with each generated block replaced by its current content."""
    for name, make in BLOCKS.items():
        start, end = START.format(name=name), END.format(name=name)
        pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
        text = pattern.sub(lambda _m: f"{start}\n{make()}{end}", text)  # noqa: B023
    return text


def main(argv: list[str]) -> int:
    """Rewrite the generated blocks of the file named in ``argv``."""
    path = Path(argv[0])
    path.write_text(render(path.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
