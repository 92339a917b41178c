"""Technical admin for platform staff. Daily work goes through the pages and the services."""

from django.contrib import admin

from .models import (
    BuddyRequest,
    BuddySettings,
    CheckIn,
    ContactLog,
    InterestTag,
    Match,
    MatchEvent,
    Volunteer,
)


@admin.register(Volunteer)
class VolunteerAdmin(admin.ModelAdmin):
    list_display = ["id", "organisation", "status", "screening_valid_until", "capacity"]
    list_filter = ["status"]
    raw_id_fields = ["user", "organisation"]
    readonly_fields = ["screening_valid_until"]


@admin.register(BuddyRequest)
class BuddyRequestAdmin(admin.ModelAdmin):
    list_display = ["id", "organisation", "status", "waiting_since"]
    list_filter = ["status"]
    raw_id_fields = ["participant", "organisation", "requested_by"]


class MatchEventInline(admin.TabularInline):
    model = MatchEvent
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "actor", "note", "created_at"]


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    list_display = ["id", "organisation", "status", "proposed_at", "started_on", "closed_on"]
    list_filter = ["status"]
    raw_id_fields = [
        "request",
        "participant",
        "volunteer",
        "organisation",
        "proposed_by",
        "declined_by",
    ]
    inlines = [MatchEventInline]


admin.site.register(BuddySettings)
admin.site.register(InterestTag)
admin.site.register(ContactLog)
admin.site.register(CheckIn)
