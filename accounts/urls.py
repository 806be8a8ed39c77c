from django.urls import include, path

from accounts import views

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("signup/sent/", views.signup_sent, name="signup_sent"),
    path("signup/confirm/", views.signup_confirm, name="signup_confirm"),
    path("password_reset/", views.ThrottledPasswordResetView.as_view(), name="password_reset"),
    path("", views.account, name="account"),
    path("reminders/", views.reminder_settings, name="reminder_settings"),
    path("", include("django.contrib.auth.urls")),
]
