from django.urls import path

from reports import guidelines, views

urlpatterns = [
    path("assessments/", views.assessment_list, name="assessment_list"),
    path(
        "assessments/export.xlsx",
        views.assessment_export,
        {"fmt": "xlsx"},
        name="assessment_export_xlsx",
    ),
    path(
        "assessments/export.zip",
        views.assessment_export,
        {"fmt": "zip"},
        name="assessment_export_zip",
    ),
    path(
        "assessments/export.json",
        views.assessment_export,
        {"fmt": "json"},
        name="assessment_export_json",
    ),
    path("assessments/progress/", views.assessment_progress, name="assessment_progress"),
    path(
        "assessments/<uuid:assessment_id>/results/",
        views.assessment_results_view,
        name="assessment_results",
    ),
    path(
        "assessments/<uuid:assessment_id>/plan.pdf",
        views.assessment_plan_pdf,
        name="assessment_plan_pdf",
    ),
    path(
        "assessments/<uuid:assessment_id>/brief.pdf",
        views.assessment_brief_pdf,
        name="assessment_brief_pdf",
    ),
    path(
        "partners/<int:partner_id>/guidelines.pdf",
        guidelines.partner_guidelines_pdf,
        name="partner_guidelines_pdf",
    ),
    path(
        "partner/<slug:token>/guidelines.pdf",
        guidelines.partner_page_pdf,
        name="partner_page_pdf",
    ),
]
