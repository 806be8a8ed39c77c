from django.urls import path

from perspectives import views

urlpatterns = [
    path(
        "assessments/<uuid:assessment_id>/invitations/",
        views.assessment_invitations,
        name="assessment_invitations",
    ),
    path(
        "assessments/<uuid:assessment_id>/invitations/<int:invitation_id>/withdraw/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "assessments/<uuid:assessment_id>/invitations/<int:invitation_id>/remind/",
        views.invitation_remind,
        name="invitation_remind",
    ),
    path(
        "assessments/<uuid:assessment_id>/invitations/<int:invitation_id>/qr.svg",
        views.invitation_qr,
        name="invitation_qr",
    ),
    path("respond/<slug:token>/", views.respond, name="respond"),
    path("respond/<slug:token>/thanks/", views.respond_thanks, name="respond_thanks"),
]
