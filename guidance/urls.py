from django.urls import path

from guidance import views

urlpatterns = [
    path("", views.library, name="guidance_library"),
]
