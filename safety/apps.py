from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyConfig(AppConfig):
    name = "safety"
    verbose_name = _("Safety")

    def ready(self) -> None:
        # The file shows flags in its timeline through participants' registry, so participants
        # never imports safety (dependencies point one way: safety -> participants, buddies).
        from django.db.models.signals import post_save

        from accounts.models import Organisation
        from netwerk.flags import register_flag_provider
        from participants.selectors.timeline import register_timeline_source

        from . import rights  # noqa: F401  (registers the GDPR export section and erasure step)
        from .selectors import flag_summaries, flag_timeline_entries
        from .services import kinds_create_defaults_receiver

        register_timeline_source(flag_timeline_entries)
        register_flag_provider(flag_summaries)
        post_save.connect(
            kinds_create_defaults_receiver, sender=Organisation, dispatch_uid="safety_kinds"
        )
