from django.urls import path

from program import views

urlpatterns = [
    path("program/", views.program_view, name="program"),
    path("program/figures.csv", views.program_csv, name="program_csv"),
    path("welcome/", views.after_login, name="after_login"),
]
