from django.urls import path

from partners import partner_views, views

urlpatterns = [
    # The agency's pages.
    path("partners/", views.partner_list, name="partner_list"),
    path("partners/add/", views.partner_add_view, name="partner_add"),
    path("partners/<int:partner_id>/", views.partner_detail, name="partner_detail"),
    path("partners/<int:partner_id>/edit/", views.partner_edit, name="partner_edit"),
    path("partners/<int:partner_id>/remove/", views.partner_remove_view, name="partner_remove"),
    path("partners/<int:partner_id>/link/", views.partner_link, name="partner_link"),
    path(
        "partners/<int:partner_id>/link/withdraw/",
        views.partner_link_withdraw_view,
        name="partner_link_withdraw",
    ),
    path(
        "partners/<int:partner_id>/invitations/",
        views.partner_invitations,
        name="partner_invitations",
    ),
    path(
        "partners/<int:partner_id>/guidelines/",
        views.partner_guidelines,
        name="partner_guidelines",
    ),
    path(
        "partners/<int:partner_id>/guidelines/agree/",
        views.partner_guidelines_agree,
        name="partner_guidelines_agree",
    ),
    path(
        "partners/<int:partner_id>/guidelines.docx",
        views.partner_guidelines_docx,
        name="partner_guidelines_docx",
    ),
    # The partner's page, through its personal link (a secret: cvi_assess/secret_links.py).
    path("partner/<slug:token>/", partner_views.partner_page, name="partner_page"),
    path(
        "partner/<slug:token>/actions/<int:action_id>/",
        partner_views.partner_page_action,
        name="partner_page_action",
    ),
    path(
        "partner/<slug:token>/guidelines/",
        partner_views.partner_page_guidelines,
        name="partner_page_guidelines",
    ),
    path(
        "partner/<slug:token>/guidelines/agree/",
        partner_views.partner_page_agree,
        name="partner_page_agree",
    ),
    path(
        "partner/<slug:token>/guidelines.docx",
        partner_views.partner_page_docx,
        name="partner_page_docx",
    ),
]
