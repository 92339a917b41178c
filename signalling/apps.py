from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignallingConfig(AppConfig):
    name = "signalling"
    verbose_name = _("Structural signals")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from accounts.models import Organisation
        from participants.selectors.file_cards import register_file_card

        from .file_card import signals_file_card
        from .services.themes import themes_for_new_organisation

        # The file page offers recording a signal through its extension point: participants
        # never imports signalling.
        register_file_card(signals_file_card)
        from . import rights  # noqa: F401  (registers the rights export section and erasure step)

        # Every new organisation starts with the default themes (its own data from then on).
        post_save.connect(
            themes_for_new_organisation,
            sender=Organisation,
            dispatch_uid="signalling_default_themes",
        )
