from django.urls import path

from questionnaire.views import assessments, invitations, perspectives, plan, progress, results

urlpatterns = [
    path("scoring/", results.scoring_explained, name="scoring_explained"),
    path("assessments/", assessments.assessment_list, name="assessment_list"),
    path(
        "assessments/export.csv",
        assessments.assessment_export,
        {"fmt": "csv"},
        name="assessment_export_csv",
    ),
    path(
        "assessments/export.json",
        assessments.assessment_export,
        {"fmt": "json"},
        name="assessment_export_json",
    ),
    path("assessments/progress/", progress.assessment_progress, name="assessment_progress"),
    path("assessments/<uuid:assessment_id>/", assessments.assessment_resume, name="assessment"),
    path(
        "assessments/<uuid:assessment_id>/name/",
        assessments.assessment_rename,
        name="assessment_rename",
    ),
    path(
        "assessments/<uuid:assessment_id>/context/",
        assessments.assessment_context,
        name="assessment_context",
    ),
    path(
        "assessments/<uuid:assessment_id>/sections/<slug:slug>/",
        assessments.assessment_section,
        name="assessment_section",
    ),
    path(
        "assessments/<uuid:assessment_id>/review/",
        assessments.assessment_review,
        name="assessment_review",
    ),
    path(
        "assessments/<uuid:assessment_id>/results/",
        results.assessment_results_view,
        name="assessment_results",
    ),
    path("assessments/<uuid:assessment_id>/plan/", plan.assessment_plan, name="assessment_plan"),
    path(
        "assessments/<uuid:assessment_id>/plan/add/",
        plan.assessment_plan_add,
        name="assessment_plan_add",
    ),
    path(
        "assessments/<uuid:assessment_id>/plan/gaps/",
        plan.assessment_plan_gaps,
        name="assessment_plan_gaps",
    ),
    path(
        "assessments/<uuid:assessment_id>/plan/worksheet/",
        plan.assessment_worksheet,
        name="assessment_worksheet",
    ),
    path(
        "assessments/<uuid:assessment_id>/plan/actions/<int:action_id>/",
        plan.assessment_action_edit,
        name="assessment_action_edit",
    ),
    path(
        "assessments/<uuid:assessment_id>/plan/actions/<int:action_id>/done/",
        plan.assessment_action_done,
        name="assessment_action_done",
    ),
    path(
        "assessments/<uuid:assessment_id>/plan/actions/<int:action_id>/move/",
        plan.assessment_action_move,
        name="assessment_action_move",
    ),
    path(
        "assessments/<uuid:assessment_id>/plan/actions/<int:action_id>/remove/",
        plan.assessment_action_delete,
        name="assessment_action_delete",
    ),
    path(
        "assessments/<uuid:assessment_id>/plan.pdf",
        plan.assessment_plan_pdf,
        name="assessment_plan_pdf",
    ),
    path(
        "assessments/<uuid:assessment_id>/brief.pdf",
        plan.assessment_brief_pdf,
        name="assessment_brief_pdf",
    ),
    path(
        "assessments/<uuid:assessment_id>/invitations/",
        invitations.assessment_invitations,
        name="assessment_invitations",
    ),
    path(
        "assessments/<uuid:assessment_id>/invitations/<int:invitation_id>/withdraw/",
        invitations.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "assessments/<uuid:assessment_id>/invitations/<int:invitation_id>/remind/",
        invitations.invitation_remind,
        name="invitation_remind",
    ),
    path(
        "assessments/<uuid:assessment_id>/invitations/<int:invitation_id>/qr.svg",
        invitations.invitation_qr,
        name="invitation_qr",
    ),
    path(
        "assessments/<uuid:assessment_id>/perception-gaps/<int:item_id>/add-to-plan/",
        perspectives.perception_gap_add,
        name="perception_gap_add",
    ),
    path("respond/<slug:token>/", invitations.respond, name="respond"),
    path("respond/<slug:token>/thanks/", invitations.respond_thanks, name="respond_thanks"),
]
