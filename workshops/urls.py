from django.urls import path

from workshops import views

urlpatterns = [
    path(
        "assessments/<uuid:assessment_id>/workshop/",
        views.assessment_workshop,
        name="assessment_workshop",
    ),
    path(
        "assessments/<uuid:assessment_id>/workshop/rate/<slug:slug>/",
        views.workshop_rate,
        name="workshop_rate",
    ),
    path(
        "assessments/<uuid:assessment_id>/workshop/finish/",
        views.workshop_finish,
        name="workshop_finish",
    ),
    path(
        "assessments/<uuid:assessment_id>/workshop/differences/",
        views.workshop_differences,
        name="workshop_differences",
    ),
    path(
        "assessments/<uuid:assessment_id>/workshop/meeting/<int:number>/",
        views.workshop_meeting,
        name="workshop_meeting",
    ),
]
