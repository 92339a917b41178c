from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        # Each case app describes its rules in its own `reminders.py`, found here the way the
        # admin finds `admin.py`: this app never names a case app (dependencies point one way).
        autodiscover_modules("reminders")
