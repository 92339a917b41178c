from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FindingsConfig(AppConfig):
    name = "findings"
    verbose_name = _("Findings")

    def ready(self) -> None:
        from workmodels import views as workmodel_views

        from .caching import connect_signals
        from .selectors import findings_by_model

        connect_signals()
        # The work model pages show findings; workmodels may not import findings, so
        # findings hands them its selector (dependencies keep pointing one way).
        workmodel_views.findings_provider = findings_by_model
