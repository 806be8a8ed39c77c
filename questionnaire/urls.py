from django.urls import include, path

from questionnaire.views import accounts, assessments, results

urlpatterns = [
    path("accounts/signup/", accounts.signup, name="signup"),
    path("accounts/", accounts.account, name="account"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("scoring/", results.scoring_explained, name="scoring_explained"),
    path("assessments/", assessments.assessment_list, name="assessment_list"),
    path("assessments/<uuid:assessment_id>/", assessments.assessment_resume, name="assessment"),
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
]
