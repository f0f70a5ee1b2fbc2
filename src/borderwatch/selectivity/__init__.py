"""Risk assessment and selectivity: screening, rules and model combined into explained lanes
within inspection capacity, in real time and in batch.

Public API:

- :func:`build_assessor` ``(engine=None, *, policy_path=None, model_dir=None, lists=None)``:
  an :class:`Assessor` over the installed lists, rules, model and policy.
- :meth:`Assessor.assess` ``(declaration) -> Decision`` (real time) and
  :meth:`Assessor.assess_batch` ``(declarations, capacity) -> BatchResult`` (batch).
- :func:`run_assessment` ``(engine, ...)``: assess stored declarations by date range or a
  JSON Lines file, and store the decisions (append-only).
- :func:`report` ``(engine, ...)``: inspection and hit rates, the detection-rate estimate from
  the random sample, planted threats selected, and a chart.
- :func:`override` ``(engine, source_id, lane, who, why)``: an officer's decision.
"""

from borderwatch.model.decisions import Basis, Decision, DecisionReason, Lane, ReasonKind, Versions
from borderwatch.selectivity.assessor import (
    Assessor,
    BatchResult,
    CapacityMode,
    Refusal,
    rules_fingerprint,
)
from borderwatch.selectivity.build import build_assessor
from borderwatch.selectivity.policy import OfficePolicy, Policy, load_policy, parse_policy
from borderwatch.selectivity.records import live_decisions, override, save_decisions
from borderwatch.selectivity.report import Report, report, wilson
from borderwatch.selectivity.run import RunSummary, run_assessment

__all__ = [
    "Assessor",
    "Basis",
    "BatchResult",
    "CapacityMode",
    "Decision",
    "DecisionReason",
    "Lane",
    "OfficePolicy",
    "Policy",
    "ReasonKind",
    "Refusal",
    "Report",
    "RunSummary",
    "Versions",
    "build_assessor",
    "live_decisions",
    "load_policy",
    "override",
    "parse_policy",
    "report",
    "rules_fingerprint",
    "run_assessment",
    "save_decisions",
    "wilson",
]
