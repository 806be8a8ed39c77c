from django.urls import path

from plans import views

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
]
