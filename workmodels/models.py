"""The seven work models of the Odisee study: reference data every case app links to."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class WorkModel(models.Model):
    """One of the seven ways organisations strengthen networks. None is better a priori."""

    class Code(models.TextChoices):
        COMPETENCE = "competence", _("Personal competence building")
        BUDDY = "buddy", _("Personal friend (buddy)")
        OWN_NETWORK = "own_network", _("Personal network")
        PEER = "peer", _("Peer networks")
        CONTEXT = "context", _("Context-oriented work")
        VOLUNTEERING = "volunteering", _("Volunteer work via an organisation")
        COMMUNITY = "community", _("Neighbourhood and community work")

    code = models.CharField(_("code"), max_length=32, unique=True, choices=Code.choices)
    order = models.PositiveSmallIntegerField(_("order"), unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    description_nl = models.TextField(_("description (Dutch)"))
    description_en = models.TextField(_("description (English)"))

    class Meta:
        verbose_name = _("work model")
        verbose_name_plural = _("work models")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "nl").startswith("en") else self.name_nl

    @property
    def description(self) -> str:
        return (
            self.description_en
            if (get_language() or "nl").startswith("en")
            else self.description_nl
        )
