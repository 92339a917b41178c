"""Technical admin: read-only views for platform staff. Daily work goes through the pages and
the services, which keep the audit trail, the match history and the reminders."""

from django.contrib import admin

from netwerk.admin import ReadOnlyAdmin, ReadOnlyInline

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
class VolunteerAdmin(ReadOnlyAdmin):
    list_display = ["id", "organisation", "status", "screening_valid_until", "capacity"]
    list_filter = ["status"]


@admin.register(BuddyRequest)
class BuddyRequestAdmin(ReadOnlyAdmin):
    list_display = ["id", "organisation", "status", "waiting_since"]
    list_filter = ["status"]


class MatchEventInline(ReadOnlyInline):
    model = MatchEvent
    fields = ["from_status", "to_status", "actor", "note", "created_at"]
    readonly_fields = fields


@admin.register(Match)
class MatchAdmin(ReadOnlyAdmin):
    list_display = ["id", "organisation", "status", "proposed_at", "started_on", "closed_on"]
    list_filter = ["status"]
    inlines = [MatchEventInline]


@admin.register(BuddySettings)
class BuddySettingsAdmin(ReadOnlyAdmin):
    list_display = ["id", "organisation"]


@admin.register(InterestTag)
class InterestTagAdmin(ReadOnlyAdmin):
    list_display = ["id", "organisation"]


@admin.register(ContactLog)
class ContactLogAdmin(ReadOnlyAdmin):
    list_display = ["id", "match"]


@admin.register(CheckIn)
class CheckInAdmin(ReadOnlyAdmin):
    list_display = ["id", "match"]
