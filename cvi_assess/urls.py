from django.contrib import admin
from django.urls import include, path

from cvi_assess import views

admin.site.site_header = "CVI Readiness Self-Assessment: administration"
admin.site.site_title = "CVI self-assessment admin"
admin.site.index_title = "Guidance and accounts"

handler400 = "cvi_assess.views.bad_request"
handler403 = "cvi_assess.views.permission_denied"
handler500 = "cvi_assess.views.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("guidance/", include("guidance.urls")),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    # Each app's pages, from the bottom layer up (docs/architecture.md).
    path("", include("questionnaire.urls")),
    path("", include("workshops.urls")),
    path("", include("perspectives.urls")),
    path("", include("plans.urls")),
    path("", include("partners.urls")),
    path("", include("reports.urls")),
    path("", include("program.urls")),
]
