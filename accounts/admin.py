from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from accounts.forms import AdminLoginForm
from accounts.models import Agency, AgencyEvent, MemberInvitation, User

# The admin's log-in compares the canonical address, like the user's (accounts/forms.py).
admin.site.login_form = AdminLoginForm


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "full_name"]


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    ordering = ["email"]
    list_display = ["email", "full_name", "agency", "is_agency_owner", "is_staff", "is_active"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    list_select_related = ["agency"]
    search_fields = ["email", "full_name", "agency__name"]
    autocomplete_fields = ["agency"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["full_name", "agency", "is_agency_owner"]}),
        (
            "Access to the admin",
            {
                "fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"],
                "description": "To make someone a guidance editor, tick “Staff status” and add "
                "them to the “Guidance editors” group.",
            },
        ),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]}),
    ]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "agency_type", "state", "sworn_officers", "created_at",
                    "shares_in_peer_benchmarks", "is_demo"]  # fmt: skip
    list_filter = ["agency_type", "state", "sworn_officers", "shares_in_peer_benchmarks", "is_demo"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    # Only the agency's owner chooses to share (on the account page); demo agencies come from
    # `seed_demo`.
    readonly_fields = ["shares_in_peer_benchmarks", "peer_sharing_chosen_at", "is_demo"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records kept by the application itself: staff may read them, never edit them."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(MemberInvitation)
class MemberInvitationAdmin(ReadOnlyAdmin):
    list_display = ["email", "agency", "sent_at", "expires_at", "accepted_at", "withdrawn_at"]
    list_select_related = ["agency"]
    search_fields = ["email", "agency__name"]
    exclude = ["token_hash"]


@admin.register(AgencyEvent)
class AgencyEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "agency", "actor_name", "action", "subject"]
    list_filter = ["action"]
    list_select_related = ["agency"]
    search_fields = ["agency__name", "actor_name", "subject"]
    date_hierarchy = "created_at"
