from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BuddiesConfig(AppConfig):
    name = "buddies"
    verbose_name = _("Buddies")

    def ready(self) -> None:
        # The participant file shows the buddy through its generic card registry, so
        # participants never imports buddies (dependencies point one way).
        from participants.selectors.file_cards import register_file_card
        from participants.selectors.timeline import register_timeline_source

        from .selectors.timeline import TIMELINE_SOURCES
        from .views.file_card import buddy_file_card

        register_file_card(buddy_file_card)
        # Reminders naming a file the recipient is blocked from are never shown or sent.
        from notifications.rules import register_hidden
        from participants.selectors.access_blocks import hidden_through

        from .models import ContactLog, Match

        register_hidden("buddies.match", hidden_through(Match))
        register_hidden("buddies.contactlog", hidden_through(ContactLog, "match__participant_id"))
        for source in TIMELINE_SOURCES:
            register_timeline_source(source)
        # A volunteer who accepts an invitation gets the profile a coordinator made for them.
        from accounts.signals import invitation_accepted

        from . import rights  # noqa: F401  (registers the GDPR export section and erasure step)

        invitation_accepted.connect(_link_volunteer, dispatch_uid="buddies_link_volunteer")


def _link_volunteer(sender, invitation, membership, **kwargs) -> None:
    from .services import volunteer_link_invited

    volunteer_link_invited(invitation=invitation, membership=membership)
