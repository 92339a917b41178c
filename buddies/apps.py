from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BuddiesConfig(AppConfig):
    name = "buddies"
    verbose_name = _("Buddies")

    def ready(self) -> None:
        # The participant file shows the buddy through its generic card registry, so
        # participants never imports buddies (dependencies point one way).
        from participants.selectors.file_cards import register_file_card

        from .views.file_card import buddy_file_card

        register_file_card(buddy_file_card)
        from . import rights  # noqa: F401  (registers the GDPR export section and erasure step)
