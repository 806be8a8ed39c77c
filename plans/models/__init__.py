"""An assessment's action plan: its actions, their history and reminders, the
information-sharing worksheet, what the plan needs; the agency's partner organizations and its
promises to the community. One module per part, all of them Django models of the plans app."""

from plans.models.actions import (
    NEED_MAX_LENGTH,
    NEEDS_MAX,
    ActionItem,
    ActionItemQuerySet,
    ActionStatusChange,
    InformationSharingWorksheet,
    PartnerOrganization,
    PlanNeed,
)
from plans.models.follow_up import (
    EVIDENCE_TYPES,
    CalendarFeed,
    Evidence,
    PlanDigest,
    PlanReminder,
    evidence_path,
)
from plans.models.promises import Promise, PromiseList

__all__ = [
    "EVIDENCE_TYPES",
    "NEED_MAX_LENGTH",
    "NEEDS_MAX",
    "ActionItem",
    "ActionItemQuerySet",
    "ActionStatusChange",
    "CalendarFeed",
    "Evidence",
    "InformationSharingWorksheet",
    "PartnerOrganization",
    "PlanDigest",
    "PlanNeed",
    "PlanReminder",
    "Promise",
    "PromiseList",
    "evidence_path",
]
