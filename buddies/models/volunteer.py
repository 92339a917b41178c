"""The volunteer pool. Matching and match follow-up build on these profiles."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from netwerk.phones import PhoneNumberField
from netwerk.validators import HAPPENED, between

from ..engine.bits import ALL_SLOTS
from .location import locate_by_postcode
from .settings import InterestTag


class Gender(models.TextChoices):
    """Codes the engine compares; labels are what people see."""

    FEMALE = "female", _("Woman")
    MALE = "male", _("Man")
    X = "x", _("Non-binary or other")


# Engine codes: 0 is "unknown / no wish".
GENDER_CODES = {Gender.FEMALE: 1, Gender.MALE: 2, Gender.X: 3}


class Volunteer(models.Model):
    class Status(models.TextChoices):
        CANDIDATE = "candidate", _("Candidate")
        ACTIVE = "active", _("Active")
        PAUSING = "pausing", _("Pausing")
        STOPPED = "stopped", _("Stopped")

    class ScreeningKind(models.TextChoices):
        # Belgian extracts from the criminal record (uittreksel uit het strafregister).
        MODEL_1 = "model_1", _("Model 1 (general)")
        MODEL_2 = "model_2", _("Model 2 (work with minors)")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="volunteers"
    )
    # The volunteer's log-in, once they accepted an invitation. Many volunteers never use the
    # app: their name and contact details below are the record, the account is optional.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="volunteer_profiles",
    )
    first_name = models.CharField(_("first name"), max_length=80, blank=True)
    last_name = models.CharField(_("last name"), max_length=80, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    # The invitation to log in a coordinator sent; accepting it links the account.
    invitation = models.ForeignKey(
        "accounts.Invitation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
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
    max_km = models.PositiveSmallIntegerField(
        _("how far they travel (km)"), default=10, validators=[MaxValueValidator(200)]
    )
    # Weekly slots as a 21-bit mask (engine.bits.slot_bit): Monday morning is bit 0.
    availability = models.PositiveIntegerField(
        _("availability"), default=0, validators=between(0, ALL_SLOTS)
    )
    interests = models.ManyToManyField(
        InterestTag, verbose_name=_("interests"), blank=True, related_name="volunteers"
    )
    capacity = models.PositiveSmallIntegerField(
        _("participants they can take"), default=1, validators=[MaxValueValidator(10)]
    )
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    lived_experience = models.BooleanField(
        _("has lived experience of poverty (their own choice to say)"), default=False
    )
    phone = PhoneNumberField(_("phone"), max_length=32, blank=True)
    intake_on = models.DateField(_("intake"), null=True, blank=True, validators=HAPPENED)
    screening_kind = models.CharField(
        _("criminal-record extract"), max_length=16, choices=ScreeningKind.choices, blank=True
    )
    screening_issued_on = models.DateField(
        _("extract issued on"), null=True, blank=True, validators=HAPPENED
    )
    # Set by the services from the organisation's rule (BuddySettings.screening_valid_months).
    screening_valid_until = models.DateField(
        _("extract valid until"), null=True, blank=True, editable=False
    )
    training_sessions = models.PositiveSmallIntegerField(
        _("training sessions completed"),
        default=0,
        validators=between(0, 100),
    )
    agreement_signed_on = models.DateField(
        _("volunteer agreement signed on"),
        null=True,
        blank=True,
        validators=HAPPENED,
    )
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
            ),
            models.CheckConstraint(
                condition=models.Q(availability__lte=ALL_SLOTS),
                name="volunteer_availability_21_slots",
                violation_error_message=_(
                    "Choose the availability from the 21 moments of the week."
                ),
            ),
        ]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return f"volunteer {self.pk}"

    def save(self, *args, **kwargs):
        super().save(*args, **locate_by_postcode(self, kwargs))

    @property
    def screening_expired(self) -> bool:
        return (
            self.screening_valid_until is None or self.screening_valid_until < timezone.localdate()
        )

    @property
    def short_name(self) -> str:
        """The first name people see: the volunteer's own, else their account's."""
        if self.first_name:
            return self.first_name
        return self.user.get_short_name() if self.user_id else ""

    @property
    def full_name(self) -> str:
        own = f"{self.first_name} {self.last_name}".strip()
        if own:
            return own
        return self.user.get_full_name() if self.user_id else ""

    @property
    def contact_email(self) -> str:
        """Where to write to them: the address on the profile, else the account's."""
        if self.email:
            return self.email
        return self.user.email if self.user_id else ""

    @property
    def has_account(self) -> bool:
        return self.user_id is not None
