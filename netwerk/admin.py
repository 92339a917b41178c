"""What every technical admin page shares: case records are shown, never changed there.

The Django admin is for platform staff. A change to a case record (a match, a contact log, a
membership, ...) goes through its app's service, which checks the rules and writes the audit
trail, the history and the reminders; the admin would skip all of that. So case models are
registered read-only (`tests/test_admin_read_only.py` fails on a writable one).
"""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
