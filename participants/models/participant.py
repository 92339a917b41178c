"""The participant: the person in poverty, who owns their story. The file holds what the work
needs."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Organisation
from netwerk.phones import PhoneNumberField
from netwerk.validators import BIRTH_YEAR, HAPPENED

# Letters and digits that cannot be mistaken for one another when read aloud or written.
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

# GDPR art. 9 data: optional, shown only to the assigned social worker and org admins, and
# never to colleagues with team access, coordinators, volunteers or researchers.
SPECIAL_CATEGORY_FIELDS = ("migration_background", "health_remarks")


def short_name_expression(path: str = "") -> Coalesce:
    """`Participant.short_name` in the database, for annotating and ordering; `path` leads to
    the participant ("participant__", "match__participant__")."""
    return Coalesce(
        NullIf(f"{path}preferred_name", models.Value("")),
        f"{path}first_name",
        output_field=models.CharField(),
    )


def new_reference_code() -> str:
    """A reference that says nothing about the person, to use instead of their name."""
    return "P-" + "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))


class Participant(models.Model):
    class Status(models.TextChoices):
        INTAKE = "intake", _("Intake")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        CLOSED = "closed", _("Closed")

    class Channel(models.TextChoices):
        PHONE = "phone", _("Phone call")
        SMS = "sms", _("Text message")
        EMAIL = "email", _("E-mail")
        LETTER = "letter", _("Letter")
        IN_PERSON = "in_person", _("In person")
        VIA_WORKER = "via_worker", _("Through the social worker")

    class Household(models.TextChoices):
        ALONE = "alone", _("Lives alone")
        PARTNER = "partner", _("With partner")
        SINGLE_PARENT = "single_parent", _("Single parent")
        WITH_CHILDREN = "with_children", _("With partner and children")
        SHARED = "shared", _("Shared housing")
        HOMELESS_OTHER = "homeless_other", _("Homeless or other")

    class DigitalComfort(models.TextChoices):
        NOT = "not", _("Not comfortable")
        SOMEWHAT = "somewhat", _("Somewhat comfortable")
        COMFORTABLE = "comfortable", _("Comfortable")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="participants"
    )
    reference_code = models.CharField(
        _("reference"), max_length=16, unique=True, default=new_reference_code, editable=False
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    preferred_name = models.CharField(_("preferred name"), max_length=100, blank=True)

    phone = PhoneNumberField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    preferred_channel = models.CharField(
        _("preferred way to be reached"), max_length=16, choices=Channel.choices, blank=True
    )

    birth_year = models.PositiveSmallIntegerField(
        _("birth year"), null=True, blank=True, validators=BIRTH_YEAR
    )
    gender = models.CharField(_("gender (in their own words)"), max_length=60, blank=True)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    municipality = models.CharField(_("municipality"), max_length=120, blank=True)
    postcode = models.CharField(_("postcode"), max_length=8, blank=True)
    household = models.CharField(
        _("household"), max_length=16, choices=Household.choices, blank=True
    )

    # The digital divide affects social relations (an attention point of the study).
    has_smartphone = models.BooleanField(_("has a smartphone"), null=True, blank=True)
    internet_at_home = models.BooleanField(_("internet at home"), null=True, blank=True)
    digital_comfort = models.CharField(
        _("comfortable with digital tools"),
        max_length=16,
        choices=DigitalComfort.choices,
        blank=True,
    )

    migration_background = models.CharField(_("migration background"), max_length=200, blank=True)
    health_remarks = models.TextField(_("health remarks"), blank=True)

    social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("social worker"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="caseload",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.INTAKE
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True, validators=HAPPENED)
    closed_reason = models.CharField(_("reason for closing"), max_length=200, blank=True)
    # Set by `participants.rights.erasure`: names, contacts and free texts are gone for good.
    anonymised_on = models.DateField(_("anonymised on"), null=True, blank=True, editable=False)

    # Kept up to date by the intervention services, so the caseload sorts and filters on
    # them without aggregating millions of interventions.
    last_intervention_on = models.DateField(
        _("last intervention"), null=True, blank=True, editable=False
    )
    next_follow_up_on = models.DateField(_("next follow-up"), null=True, blank=True, editable=False)

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["last_intervention_on", "next_follow_up_on"])

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["first_name", "last_name", "id"]
        indexes = [
            models.Index(fields=["organisation", "social_worker", "status"]),
            # The caseload and the API list sort by name, the team view over every file.
            models.Index(
                fields=["organisation", "first_name", "last_name", "id"],
                name="participant_name_idx",
            ),
            models.Index(fields=["organisation", "next_follow_up_on"]),
            # "Last intervention, newest first" without sorting the whole organisation.
            models.Index(
                fields=["organisation", "-last_intervention_on", "first_name", "id"],
                name="participant_last_contact_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="closed") | models.Q(closed_on__isnull=True),
                name="participant_closed_on_only_when_closed",
                violation_error_message=_(
                    "A closing date can only be given when the file is closed."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.reference_code

    @property
    def short_name(self) -> str:
        """The name the person goes by: their preferred name, else their first name (in the
        database: `short_name_expression`)."""
        return self.preferred_name or self.first_name

    @property
    def display_name(self) -> str:
        return f"{self.short_name} {self.last_name}".strip()
