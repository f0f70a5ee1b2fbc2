"""Cases: inspections, results, enforcement actions with legal basis, chain of custody, and
feedback of approved results to targeting.

The workflow is an explicit state machine (:mod:`borderwatch.cases.machine`); every change is
one transaction that checks the role, the case version (optimistic locking) and the
transition, then appends to the case history. Nothing is updated in place or deleted.
"""

from borderwatch.cases.actions import (
    ActionView,
    actions_of,
    decide_action,
    end_detention,
    overdue,
    request_action,
    review_detention,
)
from borderwatch.cases.custody import ChainCheck, custody_report, items_of, transfer, verify
from borderwatch.cases.export import seizure_records, write_csv, write_json
from borderwatch.cases.feedback import HitRate, case_holds, rule_hit_statistics
from borderwatch.cases.inputs import ActionIn, ItemIn, ResultIn, TransferIn
from borderwatch.cases.ledger import CaseView
from borderwatch.cases.machine import TRANSITIONS, allowed_events
from borderwatch.cases.powers import Power, Powers, load_powers, parse_powers
from borderwatch.cases.queries import get_case, history, inspections, list_cases, results
from borderwatch.cases.types import (
    ActionState,
    ActionType,
    Actor,
    Agency,
    CaseState,
    Commodity,
    Condition,
    Event,
    InspectionType,
    ResultStatus,
    Role,
    Unit,
)
from borderwatch.cases.workflow import (
    approve_result,
    assign,
    close,
    inspect,
    open_case,
    record_result,
    reject_result,
    withdraw,
)

__all__ = [
    "TRANSITIONS",
    "ActionIn",
    "ActionState",
    "ActionType",
    "ActionView",
    "Actor",
    "Agency",
    "CaseState",
    "CaseView",
    "ChainCheck",
    "Commodity",
    "Condition",
    "Event",
    "HitRate",
    "InspectionType",
    "ItemIn",
    "Power",
    "Powers",
    "ResultIn",
    "ResultStatus",
    "Role",
    "TransferIn",
    "Unit",
    "actions_of",
    "allowed_events",
    "approve_result",
    "assign",
    "case_holds",
    "close",
    "custody_report",
    "decide_action",
    "end_detention",
    "get_case",
    "history",
    "inspect",
    "inspections",
    "items_of",
    "list_cases",
    "load_powers",
    "open_case",
    "overdue",
    "parse_powers",
    "record_result",
    "reject_result",
    "request_action",
    "results",
    "review_detention",
    "rule_hit_statistics",
    "seizure_records",
    "transfer",
    "verify",
    "withdraw",
    "write_csv",
    "write_json",
]
