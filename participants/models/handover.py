"""A file handed over from one social worker to another, and a stand-in for a worker on leave.

A hand-over changes `Participant.social_worker`; each file handed over keeps a row here (who
from, who to, why, on which date, by whom), shown on the file's timeline. A stand-in gives a
social worker the absent colleague's files, to read and write, from one date until another:
`participants.selectors.files` reads it, so every page, the API and the exports follow.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from netwerk.validators import DateRange

from .participant import Participant

# A hand-over is recorded on the day it takes effect, or a little before or after that day.
HANDOVER_DATE = [DateRange(years_ahead=1)]
# A leave lasts at most two years; its stand-in ends at the latest then.
STAND_IN_DATE = [DateRange(years_ahead=2)]


class FileHandover(models.Model):
    """One file moved from one social worker to another. Rows of one act share `batch`."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="handovers")
    from_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("from"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    to_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("to"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300)
    handed_over_on = models.DateField(_("hand-over date"), validators=HANDOVER_DATE)
    batch = models.UUIDField(default=uuid.uuid4, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("file hand-over")
        verbose_name_plural = _("file hand-overs")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["participant", "-created_at"]),
            models.Index(fields=["batch"]),
        ]

    def __str__(self) -> str:
        return f"hand-over {self.pk}"


class StandInQuerySet(models.QuerySet):
    def current(self, today=None):
        """Stand-ins that hold today: started, not past their end date, not ended early."""
        today = today or timezone.localdate()
        return self.filter(starts_on__lte=today, ends_on__gte=today, ended_at__isnull=True)


class StandIn(models.Model):
    """`stand_in` works on `absent_worker`'s files from `starts_on` until `ends_on` included."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    absent_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("absent social worker"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    stand_in = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("stand-in"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    starts_on = models.DateField(_("from"), validators=STAND_IN_DATE)
    ends_on = models.DateField(_("until"), validators=STAND_IN_DATE)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    ended_at = models.DateTimeField(_("ended early"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = StandInQuerySet.as_manager()

    class Meta:
        verbose_name = _("stand-in")
        verbose_name_plural = _("stand-ins")
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["organisation", "stand_in", "ends_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="stand_in_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=~models.Q(stand_in=models.F("absent_worker")),
                name="stand_in_is_someone_else",
                violation_error_message=_("A social worker cannot stand in for themselves."),
            ),
        ]

    def __str__(self) -> str:
        return f"stand-in {self.pk}"

    def holds_on(self, day) -> bool:
        return self.ended_at is None and self.starts_on <= day <= self.ends_on
