from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "groups"
    verbose_name = _("Group work")

    def ready(self) -> None:
        # The participant file shows group work through its generic extension points, so
        # participants never imports groups (dependencies point one way).
        from participants.selectors.file_cards import register_file_card
        from participants.selectors.timeline import register_timeline_source

        from .selectors import file

        for source in file.TIMELINE_SOURCES:
            register_timeline_source(source)
        register_file_card(file.groups_file_card)
        # Reminders naming a member the recipient is blocked from are never shown or sent.
        from notifications.rules import register_hidden
        from participants.selectors.access_blocks import hidden_through

        from .models import AttendanceSignal

        register_hidden("groups.attendancesignal", hidden_through(AttendanceSignal))
        from participants.services.handover import files_handed_over

        from .handover import follow_handover

        files_handed_over.connect(follow_handover, dispatch_uid="groups.follow_handover")
        from . import rights  # noqa: F401  (registers the GDPR export section and erasure step)
