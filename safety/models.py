"""Safety flags: what someone must know before a home visit or a meeting, on a participant's
file or on a buddy match. Kinds are organisation data with four defaults."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from buddies.models import ContactLog, Match
from participants.models import Participant

TEXT_MAX_LENGTH = 500
REASON_MAX_LENGTH = 500


class FlagKind(models.Model):
    """A kind of flag an organisation uses. The four defaults carry a `code` (their name is
    translated); an organisation may rename them or add kinds of its own."""

    class Code(models.TextChoices):
        NO_CONTACT = "no_contact", _("A person not to be contacted")
        FAMILY_VIOLENCE = "family_violence", _("Violence in the family")
        AGGRESSION = "aggression", _("Aggression towards staff")
        MEDICAL = "medical", _("A medical matter to know in an emergency")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="flag_kinds"
    )
    code = models.CharField(_("code"), max_length=32, choices=Code.choices, blank=True)
    name = models.CharField(_("name"), max_length=80, blank=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("kind of flag")
        verbose_name_plural = _("kinds of flag")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"],
                condition=~models.Q(code=""),
                name="one_default_flag_kind_per_org",
                violation_error_message=_("This organisation already has this kind of flag."),
            ),
            models.CheckConstraint(
                condition=~models.Q(code="", name=""),
                name="flag_kind_has_a_name",
                violation_error_message=_("Give the kind of flag a name."),
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.name:
            return self.name
        return str(self.Code(self.code).label) if self.code else ""


class FlagQuerySet(models.QuerySet):
    def in_force(self) -> "FlagQuerySet":
        """Flags still shown: not ended, or ending asked but not confirmed yet."""
        return self.filter(ended_at__isnull=True)


class Flag(models.Model):
    """A flag on one file or one match (exactly one), with a short text. Ending it takes two
    people: one asks, a different staff member confirms; until then it stays shown."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, null=True, blank=True, related_name="flags"
    )
    match = models.ForeignKey(
        Match, on_delete=models.CASCADE, null=True, blank=True, related_name="flags"
    )
    kind = models.ForeignKey(FlagKind, on_delete=models.PROTECT, related_name="flags")
    text = models.TextField(_("what to know"), validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField(_("raised"), auto_now_add=True)
    source_worry = models.ForeignKey(
        ContactLog, on_delete=models.SET_NULL, null=True, blank=True, related_name="flags"
    )
    pass_on_to_volunteer = models.BooleanField(_("pass on to the volunteer"), default=False)
    volunteer_text = models.TextField(
        _("what the volunteer reads"),
        blank=True,
        validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
    )
    ending_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ending_requested_at = models.DateTimeField(_("ending asked"), null=True, blank=True)
    ending_reason = models.TextField(
        _("why it can end"), blank=True, validators=[MaxLengthValidator(REASON_MAX_LENGTH)]
    )
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)

    objects = FlagQuerySet.as_manager()

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        ordering = ["-raised_at", "-id"]
        indexes = [
            models.Index(
                fields=["participant"],
                condition=models.Q(ended_at__isnull=True),
                name="flag_in_force_participant",
            ),
            models.Index(
                fields=["match"],
                condition=models.Q(ended_at__isnull=True),
                name="flag_in_force_match",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(participant__isnull=False, match__isnull=True)
                    | models.Q(participant__isnull=True, match__isnull=False)
                ),
                name="flag_on_a_file_or_a_match",
                violation_error_message=_("A flag is on a file or on a match, not both."),
            ),
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True)
                | models.Q(ending_requested_at__isnull=False),
                name="flag_ended_after_asking",
                violation_error_message=_("A flag ends only after someone asked to end it."),
            ),
            models.CheckConstraint(
                condition=models.Q(ended_by__isnull=True)
                | ~models.Q(ended_by=models.F("ending_requested_by")),
                name="flag_ended_by_a_second_person",
                violation_error_message=_(
                    "A second staff member confirms the end, not the one who asked."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"flag {self.pk}"

    @property
    def ending_requested(self) -> bool:
        return self.ending_requested_at is not None and self.ended_at is None

    @property
    def is_ended(self) -> bool:
        return self.ended_at is not None
