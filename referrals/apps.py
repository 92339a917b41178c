from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "referrals"
    verbose_name = _("Referrals")

    def ready(self) -> None:
        # The participant file shows referrals through its extension points, so participants
        # never imports referrals (dependencies point one way).
        from participants.selectors.file_cards import register_file_card
        from participants.selectors.timeline import register_timeline_source

        from .views.sender_file import referral_entries, referrals_file_card

        register_file_card(referrals_file_card)
        register_timeline_source(referral_entries)
        from . import rights  # noqa: F401  (registers the GDPR export section and erasure step)
