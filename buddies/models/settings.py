"""Organisation-level rules for the buddy programme: screening validity, training, weights."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from netwerk.validators import between

from ..engine import DEFAULT_WEIGHTS

# A uint64 bitmask carries the interests into the engine: one bit per tag.
MAX_INTEREST_TAGS = 64


class BuddySettings(models.Model):
    """One row per organisation, created with defaults on first use."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="buddy_settings"
    )
    screening_valid_months = models.PositiveSmallIntegerField(
        _("months a criminal-record extract stays valid"),
        default=36,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    training_sessions_required = models.PositiveSmallIntegerField(
        _("training sessions required before matching"),
        default=1,
        validators=between(0, 50),
    )
    weight_interests = models.FloatField(
        _("weight: shared interests"),
        default=DEFAULT_WEIGHTS.interests,
        validators=[MinValueValidator(0.0), MaxValueValidator(10.0)],
    )
    weight_availability = models.FloatField(
        _("weight: shared availability"),
        default=DEFAULT_WEIGHTS.availability,
        validators=[MinValueValidator(0.0), MaxValueValidator(10.0)],
    )
    weight_distance = models.FloatField(
        _("weight: distance"),
        default=DEFAULT_WEIGHTS.distance,
        validators=[MinValueValidator(0.0), MaxValueValidator(10.0)],
    )
    weight_age = models.FloatField(
        _("weight: age wish"),
        default=DEFAULT_WEIGHTS.age,
        validators=[MinValueValidator(0.0), MaxValueValidator(10.0)],
    )
    weight_lived_experience = models.FloatField(
        _("weight: lived experience"),
        default=DEFAULT_WEIGHTS.lived_experience,
        validators=[MinValueValidator(0.0), MaxValueValidator(10.0)],
    )
    weight_waiting = models.FloatField(
        _("weight: waiting time"),
        default=DEFAULT_WEIGHTS.waiting,
        validators=[MinValueValidator(0.0), MaxValueValidator(10.0)],
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("buddy programme settings")
        verbose_name_plural = _("buddy programme settings")

    def __str__(self) -> str:
        return f"buddy settings {self.organisation_id}"


class InterestTag(models.Model):
    """An interest the organisation offers as a tag (walking, cooking, football, ...)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="buddy_interest_tags"
    )
    name = models.CharField(_("name"), max_length=60)

    class Meta:
        verbose_name = _("interest")
        verbose_name_plural = _("interests")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="one_interest_tag_name")
        ]

    def __str__(self) -> str:
        return self.name
