"""The technical admin site, for platform staff. Daily work happens in the application's own
pages, which apply the organisation and role rules. Platform staff keep user accounts and
organisations here; memberships, invitations and the audit trail are read-only (roles change on
the organisation's own people page, through the service that audits it)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from netwerk.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import AuditEvent, Invitation, Membership, Organisation, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Profile", {"fields": ["full_name", "preferred_language"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    filter_horizontal: list[str] = []
    list_filter = ["is_active", "is_staff"]


class MembershipInline(ReadOnlyInline):
    model = Membership
    fields = ["user", "role", "created_at"]
    readonly_fields = fields


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "municipality", "require_mfa", "team_access"]
    inlines = [MembershipInline]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "role", "created_at", "expires_at", "accepted_at"]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """The audit trail has no change or delete path."""

    list_display = ["created_at", "actor", "organisation", "action", "object_type", "object_id"]
    list_filter = ["action", "object_type"]
    list_select_related = ["actor", "organisation"]
