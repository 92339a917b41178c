from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkmodelsConfig(AppConfig):
    name = "workmodels"
    verbose_name = _("Work models")
