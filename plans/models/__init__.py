"""An assessment's action plan: its actions, their history and reminders, the
information-sharing worksheet; the agency's partner organizations and its promises to the
community. One module per part, all of them Django models of the plans app."""

from plans.models.actions import (
    ActionItem,
    ActionItemQuerySet,
    ActionStatusChange,
    InformationSharingWorksheet,
    PartnerOrganization,
)
from plans.models.follow_up import (
    EVIDENCE_EXTENSIONS,
    CalendarFeed,
    Evidence,
    PlanDigest,
    PlanReminder,
    evidence_path,
)
from plans.models.promises import Promise, PromiseList

__all__ = [
    "EVIDENCE_EXTENSIONS",
    "ActionItem",
    "ActionItemQuerySet",
    "ActionStatusChange",
    "CalendarFeed",
    "Evidence",
    "InformationSharingWorksheet",
    "PartnerOrganization",
    "PlanDigest",
    "PlanReminder",
    "Promise",
    "PromiseList",
    "evidence_path",
]
