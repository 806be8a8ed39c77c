from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts import membership_views, views
from accounts.forms import LoginForm

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("signup/", views.signup, name="signup"),
    path("signup/sent/", views.signup_sent, name="signup_sent"),
    path("signup/confirm/", views.signup_confirm, name="signup_confirm"),
    path("password_reset/", views.ThrottledPasswordResetView.as_view(), name="password_reset"),
    path("", views.account, name="account"),
    path("reminders/", views.reminder_settings, name="reminder_settings"),
    path("team/", membership_views.agency_team, name="agency_team"),
    path(
        "team/invitations/<int:member_invitation_id>/resend/",
        membership_views.member_invitation_resend_view,
        name="member_invitation_resend",
    ),
    path(
        "team/invitations/<int:member_invitation_id>/withdraw/",
        membership_views.member_invitation_withdraw_view,
        name="member_invitation_withdraw",
    ),
    path(
        "team/members/<int:member_id>/remove/",
        membership_views.member_remove_view,
        name="member_remove",
    ),
    path(
        "team/members/<int:member_id>/make-owner/",
        membership_views.member_make_owner_view,
        name="member_make_owner",
    ),
    path(
        "team/members/<int:member_id>/make-member/",
        membership_views.owner_make_member_view,
        name="owner_make_member",
    ),
    path("team/leave/", membership_views.agency_leave, name="agency_leave"),
    path("join/<slug:token>/", membership_views.member_join, name="member_join"),
    path("peer-sharing/", views.peer_sharing, name="peer_sharing"),
    path("", include("django.contrib.auth.urls")),
]
