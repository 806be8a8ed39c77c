from django.urls import include, path

from accounts import views

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("", views.account, name="account"),
    path("reminders/", views.reminder_settings, name="reminder_settings"),
    path("", include("django.contrib.auth.urls")),
]
