from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from accounts.forms import AdminLoginForm
from accounts.models import Agency, AgencyEvent, AllowedDomain, MemberInvitation, User
from accounts.verification import (
    agencies_approve,
    agencies_unverify,
    allowed_domain_verify_agencies,
)

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
                "description": "To make someone a guidance editor, check “Staff status” and add "
                "them to the “Guidance editors” group.",
            },
        ),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]}),
    ]


class VerifiedFilter(admin.SimpleListFilter):
    title = "verified"
    parameter_name = "verified"

    def lookups(self, request, model_admin):
        return [("yes", "Verified"), ("no", "Not verified")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(verified_at__isnull=self.value() == "no")
        return queryset


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "agency_type", "state", "sworn_officers", "created_at",
                    "shares_in_peer_benchmarks", "verification", "is_demo"]  # fmt: skip
    list_filter = [VerifiedFilter, "verification", "agency_type", "state", "sworn_officers",
                   "shares_in_peer_benchmarks", "is_demo"]  # fmt: skip
    search_fields = ["name", "slug", "members__email"]
    prepopulated_fields = {"slug": ["name"]}
    # Only the agency's owner chooses to share (on the account page); demo agencies come from
    # `seed_demo`; verification is given and withdrawn by the actions below.
    readonly_fields = ["shares_in_peer_benchmarks", "peer_sharing_chosen_at", "is_demo",
                       "verified_at", "verification"]  # fmt: skip
    actions = ["approve", "unverify"]

    @admin.action(description="Approve the selected agencies (they count in peer figures)")
    def approve(self, request, queryset):
        count = agencies_approve(agencies=queryset)
        self.message_user(request, f"{count} agencies approved; they now count in peer figures.")

    @admin.action(description="Withdraw the verification of the selected agencies")
    def unverify(self, request, queryset):
        count = agencies_unverify(agencies=queryset)
        self.message_user(request, f"{count} agencies no longer count in peer figures.")


@admin.register(AllowedDomain)
class AllowedDomainAdmin(admin.ModelAdmin):
    """Domains whose owners' agencies are verified without an administrator's approval."""

    list_display = ["domain", "note", "created_at"]
    search_fields = ["domain", "note"]
    fieldsets = [
        (
            None,
            {
                "fields": ["domain", "note"],
                "description": "An agency whose owner has an address on exactly this domain is "
                "verified: when it signs up, and, for agencies already signed up, when you "
                "save the domain. Removing a domain verifies nobody again and keeps the "
                "agencies it verified; withdraw theirs from the agencies list if needed.",
            },
        )
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        count = allowed_domain_verify_agencies(domain=obj)
        if count:
            self.message_user(request, f"{count} agencies on {obj.domain} are now verified.")


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
