from django.urls import path

from plans import promise_views, views

urlpatterns = [
    path("assessments/<uuid:assessment_id>/plan/", views.assessment_plan, name="assessment_plan"),
    path(
        "assessments/<uuid:assessment_id>/plan/add/",
        views.assessment_plan_add,
        name="assessment_plan_add",
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
]
