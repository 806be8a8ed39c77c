from django.urls import path

from program import views

urlpatterns = [
    path("", views.program_view, name="program"),
    path("figures.csv", views.program_csv, name="program_csv"),
]
