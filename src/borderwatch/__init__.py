"""Borderwatch: customs risk targeting and enforcement."""

__version__ = "0.1.0"
