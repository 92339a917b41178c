"""A buddy request: a social worker asks a buddy for a participant who consented to it."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from netwerk.validators import HAPPENED, between
from participants.models import Participant

from ..engine.bits import ALL_SLOTS
from .location import locate_by_postcode
from .settings import InterestTag
from .volunteer import Gender


class BuddyRequest(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        MATCHED = "matched", _("Matched")
        CLOSED = "closed", _("Closed")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="buddy_requests"
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="buddy_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    gender_wish = models.CharField(
        _("gender of the buddy"), max_length=8, choices=Gender.choices, blank=True
    )
    min_age = models.PositiveSmallIntegerField(
        _("buddy at least (age)"), null=True, blank=True, validators=[MaxValueValidator(110)]
    )
    max_age = models.PositiveSmallIntegerField(
        _("buddy at most (age)"), null=True, blank=True, validators=[MaxValueValidator(110)]
    )
    interests = models.ManyToManyField(
        InterestTag, verbose_name=_("interests"), blank=True, related_name="requests"
    )
    availability = models.PositiveIntegerField(
        _("availability"), default=0, validators=between(0, ALL_SLOTS)
    )
    wants_lived_experience = models.BooleanField(
        _("would like someone with lived experience of poverty"), default=False
    )
    municipality = models.CharField(_("municipality"), max_length=120, blank=True)
    postcode = models.CharField(_("postcode"), max_length=8, blank=True)
    # Derived from the postcode on every save (netwerk.postcodes): nobody types coordinates.
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        editable=False,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        editable=False,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    note = models.TextField(_("note for the coordinator"), blank=True)
    waiting_since = models.DateField(
        _("waiting since"), default=timezone.localdate, validators=HAPPENED
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.WAITING
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("buddy request")
        verbose_name_plural = _("buddy requests")
        ordering = ["waiting_since", "id"]
        indexes = [models.Index(fields=["organisation", "status", "waiting_since"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(availability__lte=ALL_SLOTS),
                name="buddy_request_availability_21_slots",
                violation_error_message=_(
                    "Choose the availability from the 21 moments of the week."
                ),
            ),
            models.UniqueConstraint(
                fields=["participant"],
                condition=models.Q(status__in=["waiting", "matched"]),
                name="one_open_buddy_request_per_participant",
                violation_error_message=_("This participant already has an open buddy request."),
            ),
        ]

    def __str__(self) -> str:
        return f"buddy request {self.pk}"

    def save(self, *args, **kwargs):
        super().save(*args, **locate_by_postcode(self, kwargs))

    @property
    def waiting_days(self) -> int:
        return max((timezone.localdate() - self.waiting_since).days, 0)
