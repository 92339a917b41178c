"""Consent per purpose, with its history: each giving is a row; withdrawing dates it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .participant import Participant


class Consent(models.Model):
    class Purpose(models.TextChoices):
        FILE = "file", _("Keeping a file")
        BUDDY_SHARING = "buddy_sharing", _("Sharing contact details with a buddy")
        RESEARCH = "research", _("Use in pseudonymised research")
        CONTACT = "contact", _("Contact by e-mail or text message")

    class Method(models.TextChoices):
        ORAL = "oral", _("Oral")
        WRITTEN = "written", _("Written")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=16, choices=Purpose.choices)
    given_on = models.DateField(_("given on"))
    method = models.CharField(_("how it was given"), max_length=8, choices=Method.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "purpose"],
                condition=models.Q(withdrawn_on__isnull=True),
                name="one_active_consent_per_purpose",
            ),
            models.CheckConstraint(
                condition=models.Q(withdrawn_on__isnull=True)
                | models.Q(withdrawn_on__gte=models.F("given_on")),
                name="consent_withdrawn_after_given",
            ),
        ]

    def __str__(self) -> str:
        return f"consent {self.pk} {self.purpose}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None
