from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "messaging"
    verbose_name = _("Messages")

    def ready(self) -> None:
        # The file shows its messages through participants' extension point, so participants
        # never imports messaging (dependencies point one way).
        from participants.selectors.file_cards import register_file_card

        from .selectors import messages_file_card

        register_file_card(messages_file_card)
        from django.db.models.signals import post_save

        from accounts.models import Organisation

        from . import rights  # noqa: F401  (registers the GDPR export section and erasure step)
        from .services import organisation_created

        post_save.connect(
            organisation_created, sender=Organisation, dispatch_uid="messaging.default_templates"
        )
