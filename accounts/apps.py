from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and organisations")

    def ready(self) -> None:
        from django.db.models.signals import post_init

        from . import audit, signals  # noqa: F401  (connects the audit receivers)

        # Every participant loaded while answering a request is a read of that file. By label:
        # accounts imports no case app.
        post_init.connect(
            audit.note_loaded_participant,
            sender="participants.Participant",
            dispatch_uid="audit_participant_reads",
        )
