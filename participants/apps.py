from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    name = "participants"
    verbose_name = _("Participants")

    def ready(self) -> None:
        from accounts.hooks import register_membership_check

        from . import sms_stop  # noqa: F401  (a STOP by SMS withdraws the contact consent)
        from .rights import cards  # noqa: F401  (registers the participant rights card)
        from .selectors.handover import files_left_behind, handover_entries
        from .selectors.timeline import register_timeline_source

        register_timeline_source(handover_entries)
        register_membership_check(files_left_behind)
