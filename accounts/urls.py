from django.urls import include, path

from accounts import views

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("", views.account, name="account"),
    path("peer-sharing/", views.peer_sharing, name="peer_sharing"),
    path("", include("django.contrib.auth.urls")),
]
