from django.contrib import admin
from django.urls import include, path

from cvi_assess import views

admin.site.site_header = "CVI Readiness Self-Assessment: administration"
admin.site.site_title = "CVI self-assessment admin"
admin.site.index_title = "Guidance and accounts"

handler403 = "cvi_assess.views.permission_denied"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("guidance/", include("guidance.urls")),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("program/", include("program.urls")),
    path("", include("questionnaire.urls")),
]
