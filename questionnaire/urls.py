from django.urls import path

from questionnaire import views

urlpatterns = [
    path("scoring/", views.scoring_explained, name="scoring_explained"),
    path("assessments/<uuid:assessment_id>/", views.assessment_resume, name="assessment"),
    path(
        "assessments/<uuid:assessment_id>/name/", views.assessment_rename, name="assessment_rename"
    ),
    path(
        "assessments/<uuid:assessment_id>/context/",
        views.assessment_context,
        name="assessment_context",
    ),
    path(
        "assessments/<uuid:assessment_id>/sections/<slug:slug>/",
        views.assessment_section,
        name="assessment_section",
    ),
    path(
        "assessments/<uuid:assessment_id>/review/",
        views.assessment_review,
        name="assessment_review",
    ),
]
