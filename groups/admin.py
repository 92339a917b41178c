"""Technical admin: read-only views for platform staff. Daily work goes through the pages,
whose services check the rules and write the audit trail."""

from django.contrib import admin

from netwerk.admin import ReadOnlyAdmin

from .models import Group, GroupSession, VolunteerPlacement


@admin.register(Group)
class GroupAdmin(ReadOnlyAdmin):
    list_display = ("id", "organisation", "kind", "work_model", "starts_on", "ends_on")
    list_filter = ("kind", "work_model")


@admin.register(GroupSession)
class GroupSessionAdmin(ReadOnlyAdmin):
    list_display = ("id", "group", "date", "extra_attendees", "attendance_taken_at")


@admin.register(VolunteerPlacement)
class VolunteerPlacementAdmin(ReadOnlyAdmin):
    list_display = ("id", "organisation", "status", "since", "ended_on")
    list_filter = ("status",)
