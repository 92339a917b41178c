"""The volunteer pool. Matching and match follow-up build on these profiles."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation


class Volunteer(models.Model):
    class Status(models.TextChoices):
        CANDIDATE = "candidate", _("Candidate")
        ACTIVE = "active", _("Active")
        PAUSING = "pausing", _("Pausing")
        STOPPED = "stopped", _("Stopped")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="volunteers"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="volunteer_profiles"
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    municipality = models.CharField(_("municipality"), max_length=120, blank=True)
    postcode = models.CharField(_("postcode"), max_length=8, blank=True)
    capacity = models.PositiveSmallIntegerField(_("participants they can take"), default=1)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.CANDIDATE
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="one_volunteer_profile_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"volunteer {self.pk}"
