"""Analyst-authored risk rules: SQL boolean expressions over a documented feature view.

Pipeline: :func:`feature_frame` / :func:`feature_row` turn declarations (plus history and
caller-supplied screening columns) into flat rows; :func:`check` validates an expression;
:class:`RuleSet` compiles rules once and evaluates a batch (sparse hits, Polars) or one row
(closures).
Lifecycle, versions, backtests and performance live in the store-backed modules.
"""

from borderwatch.rules.catalogue import COLUMNS, Column
from borderwatch.rules.features import (
    feature_frame,
    feature_row,
    feature_rows,
    feature_view,
    to_frame,
)
from borderwatch.rules.history import Facts, History, facts_of
from borderwatch.rules.loader import load_file, load_pack, load_yaml, pack_names
from borderwatch.rules.ruleset import Compiled, RuleSet, compile_rule
from borderwatch.rules.spec import RuleScope, RuleSpec, parse_spec
from borderwatch.rules.validate import FUNCTIONS, Checked, check

__all__ = [
    "COLUMNS",
    "FUNCTIONS",
    "Checked",
    "Column",
    "Compiled",
    "Facts",
    "History",
    "RuleScope",
    "RuleSet",
    "RuleSpec",
    "check",
    "compile_rule",
    "facts_of",
    "feature_frame",
    "feature_row",
    "feature_rows",
    "feature_view",
    "load_file",
    "load_pack",
    "load_yaml",
    "pack_names",
    "parse_spec",
    "to_frame",
]
