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
        register_hidden_reminders()
        register_membership_check(files_left_behind)


def register_hidden_reminders() -> None:
    """Reminders naming a file the recipient is blocked from are never shown or sent."""
    from notifications.rules import register_hidden

    from .models import Agreement, Consent, FamilyPlan, Intervention, Participant
    from .selectors.access_blocks import hidden_through

    register_hidden("participants.participant", hidden_through(Participant, "pk"))
    register_hidden("participants.intervention", hidden_through(Intervention))
    register_hidden("participants.consent", hidden_through(Consent))
    register_hidden("participants.familyplan", hidden_through(FamilyPlan))
    register_hidden("participants.agreement", hidden_through(Agreement, "plan__participant_id"))
