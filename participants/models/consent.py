"""Consent per purpose, with its history: each giving is a row; withdrawing dates it, and a
consent may be given until a date (`expires_on`). Renewing is giving it again: the new row
takes over and the old one is dated `renewed_on`.

Whether a consent counts is decided in one place, `consent_in_force` (SQL) and
`Consent.in_force_on` (Python): given, not withdrawn, not renewed and not past its expiry date.
An expired consent stops counting the day after `expires_on`, with the same effect as a
withdrawal wherever its purpose is checked."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netwerk.validators import HAPPENED, PLANNED

from .participant import Participant

CURRENT = models.Q(withdrawn_on__isnull=True, renewed_on__isnull=True)


def consent_in_force(on: datetime.date | None = None) -> models.Q:
    """The condition for a consent (row) that counts on `on` (default: today)."""
    on = on or timezone.localdate()
    return CURRENT & (models.Q(expires_on__isnull=True) | models.Q(expires_on__gte=on))


class ConsentQuerySet(models.QuerySet):
    def current(self) -> "ConsentQuerySet":
        """Neither withdrawn nor renewed (expired ones too): what a withdrawal, a renewal or
        an expiry reminder acts on."""
        return self.filter(CURRENT)

    def in_force(self, on: datetime.date | None = None) -> "ConsentQuerySet":
        return self.filter(consent_in_force(on))


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
    given_on = models.DateField(_("given on"), validators=HAPPENED)
    method = models.CharField(_("how it was given"), max_length=8, choices=Method.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The last day the consent counts; empty: until it is withdrawn.
    expires_on = models.DateField(_("valid until"), null=True, blank=True, validators=PLANNED)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True, validators=HAPPENED)
    withdrawal_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The day a newer consent for the same purpose took over (renewal).
    renewed_on = models.DateField(_("renewed on"), null=True, blank=True, validators=HAPPENED)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "purpose"],
                condition=CURRENT,
                name="one_current_consent_per_purpose",
                violation_error_message=_("There is already a current consent for this purpose."),
            ),
            models.CheckConstraint(
                condition=models.Q(withdrawn_on__isnull=True)
                | models.Q(withdrawn_on__gte=models.F("given_on")),
                name="consent_withdrawn_after_given",
                violation_error_message=_(
                    "A consent cannot be withdrawn before the date it was given."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(expires_on__isnull=True)
                | models.Q(expires_on__gte=models.F("given_on")),
                name="consent_expires_after_given",
                violation_error_message=_("A consent cannot expire before the date it was given."),
            ),
            models.CheckConstraint(
                condition=models.Q(renewed_on__isnull=True)
                | models.Q(renewed_on__gte=models.F("given_on")),
                name="consent_renewed_after_given",
                violation_error_message=_(
                    "A consent cannot be renewed before the date it was given."
                ),
            ),
        ]
        indexes = [
            # The consent-expiring rules' sweep: current consents with an expiry date.
            models.Index(
                fields=["expires_on"],
                condition=CURRENT & models.Q(expires_on__isnull=False),
                name="consent_expiring_idx",
            )
        ]

    def __str__(self) -> str:
        return f"consent {self.pk} {self.purpose}"

    @property
    def is_current(self) -> bool:
        """Neither withdrawn nor renewed: the row a withdrawal or a renewal acts on."""
        return self.withdrawn_on is None and self.renewed_on is None

    def in_force_on(self, day: datetime.date) -> bool:
        """Python twin of `consent_in_force`, for consents already loaded."""
        return self.is_current and (self.expires_on is None or self.expires_on >= day)

    @property
    def is_active(self) -> bool:
        return self.in_force_on(timezone.localdate())

    @property
    def is_expired(self) -> bool:
        return self.is_current and not self.is_active
