from django.urls import path

from plans import evidence_views, my_actions_views, promise_views, views

urlpatterns = [
    path("assessments/<uuid:assessment_id>/plan/", views.assessment_plan, name="assessment_plan"),
    path(
        "assessments/<uuid:assessment_id>/plan/add/",
        views.assessment_plan_add,
        name="assessment_plan_add",
    ),
    path(
        "assessments/<uuid:assessment_id>/plan/assign/",
        views.assessment_plan_assign,
        name="assessment_plan_assign",
    ),
    path(
        "assessments/<uuid:assessment_id>/plan/gaps/",
        views.assessment_plan_gaps,
        name="assessment_plan_gaps",
    ),
    path(
        "assessments/<uuid:assessment_id>/plan/worksheet/",
        views.assessment_worksheet,
        name="assessment_worksheet",
    ),
    path(
        "assessments/<uuid:assessment_id>/plan/needs/",
        views.assessment_plan_needs,
        name="assessment_plan_needs",
    ),
    path(
        "assessments/<uuid:assessment_id>/plan/actions/<int:action_id>/",
        views.assessment_action_edit,
        name="assessment_action_edit",
    ),
    path(
        "assessments/<uuid:assessment_id>/plan/actions/<int:action_id>/done/",
        views.assessment_action_done,
        name="assessment_action_done",
    ),
    path(
        "assessments/<uuid:assessment_id>/plan/actions/<int:action_id>/move/",
        views.assessment_action_move,
        name="assessment_action_move",
    ),
    path(
        "assessments/<uuid:assessment_id>/plan/actions/<int:action_id>/remove/",
        views.assessment_action_delete,
        name="assessment_action_delete",
    ),
    path(
        "assessments/<uuid:assessment_id>/perception-gaps/<int:item_id>/add-to-plan/",
        views.perception_gap_add,
        name="perception_gap_add",
    ),
    path("promises/", promise_views.promises, name="promises"),
    path("promises/publish/", promise_views.promises_publish, name="promises_publish"),
    path("promises/<int:promise_id>/", promise_views.promise_edit, name="promise_edit"),
    path(
        "promises/<int:promise_id>/remove/", promise_views.promise_remove, name="promise_remove"
    ),
    # Public once an owner publishes it: residents and partners read it without an account.
    path(
        "agencies/<slug:agency_slug>/promises/",
        promise_views.public_promises,
        name="public_promises",
    ),
    path(
        "assessments/<uuid:assessment_id>/plan/actions/<int:action_id>/calendar.ics",
        my_actions_views.action_calendar,
        name="action_calendar",
    ),
    path(
        "assessments/<uuid:assessment_id>/plan/actions/<int:action_id>/evidence/",
        evidence_views.action_evidence_add,
        name="action_evidence_add",
    ),
    path(
        "assessments/<uuid:assessment_id>/statements/<int:item_id>/evidence/",
        evidence_views.statement_evidence,
        name="statement_evidence",
    ),
    path(
        "assessments/<uuid:assessment_id>/evidence/<int:evidence_id>/",
        evidence_views.evidence_download,
        name="evidence_download",
    ),
    path(
        "assessments/<uuid:assessment_id>/evidence/<int:evidence_id>/remove/",
        evidence_views.evidence_remove,
        name="evidence_remove",
    ),
    path("my-actions/", my_actions_views.my_actions, name="my_actions"),
    path(
        "my-actions/<int:action_id>/status/",
        my_actions_views.my_action_status,
        name="my_action_status",
    ),
    path(
        "my-actions/calendar/",
        my_actions_views.calendar_feed_manage,
        name="calendar_feed_manage",
    ),
    path("calendar/<slug:token>.ics", my_actions_views.calendar_feed, name="calendar_feed"),
]
