"""A volunteer placement (work model `volunteering`): a participant volunteers somewhere
through the organisation."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from netwerk.validators import HAPPENED, PLANNED, between
from participants.models import Participant

# Volunteering is never more than a full-time week (groups/services/placements.py says so in
# words, with the month's equivalent); the field's own bound (350) only stops absurd numbers.
MAX_HOURS_A_WEEK = 40


class VolunteerPlacement(models.Model):
    class Per(models.TextChoices):
        WEEK = "week", _("per week")
        MONTH = "month", _("per month")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        ENDED = "ended", _("Ended")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="volunteer_placements"
    )
    where = models.CharField(_("where"), max_length=200)
    what = models.CharField(_("what they do"), max_length=300)
    since = models.DateField(_("since"), validators=HAPPENED)
    ended_on = models.DateField(_("ended on"), null=True, blank=True, validators=PLANNED)
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=1,
        validators=between(Decimal("0.5"), Decimal("350")),
    )
    per = models.CharField(_("per"), max_length=8, choices=Per.choices, default=Per.WEEK)
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("volunteer placement")
        verbose_name_plural = _("volunteer placements")
        ordering = ["-since", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours__gt=0),
                name="placement_has_hours",
                violation_error_message=_("Give the number of hours (more than 0)."),
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("since")),
                name="placement_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return f"volunteer placement {self.pk}"

    def clean(self) -> None:
        super().clean()
        if self.per == self.Per.WEEK and self.hours is not None and self.hours > MAX_HOURS_A_WEEK:
            raise ValidationError(
                {"hours": _("At most %(hours)s hours a week.") % {"hours": MAX_HOURS_A_WEEK}}
            )

    @property
    def hours_per_month(self) -> float:
        """Comparable hours: a week counted as 52/12 of a month."""
        hours = float(self.hours)
        return round(hours * 52 / 12, 1) if self.per == self.Per.WEEK else hours
