"""Logging set-up shared by every package: one ``borderwatch`` logger tree."""

from __future__ import annotations

import logging as _logging


def get_logger(name: str) -> _logging.Logger:
    """A child of the ``borderwatch`` logger for module ``name``."""
    return _logging.getLogger(name if name.startswith("borderwatch") else f"borderwatch.{name}")


def configure(level: str = "INFO") -> None:
    """Send ``borderwatch`` logs to stderr at ``level`` (idempotent)."""
    root = _logging.getLogger("borderwatch")
    root.setLevel(level.upper())
    if not root.handlers:
        handler = _logging.StreamHandler()
        handler.setFormatter(_logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
