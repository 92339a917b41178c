"""Referrals: a participant's file crosses to another organisation, with their consent.

A referral is written by the sending organisation and read by two sides: the sender's
worker (and their org admin), and the receiving organisation's intake roles. Each
organisation is its own controller (docs/architecture.md, "Referrals"):

- `shared` holds a copy of exactly what the participant agreed to share, taken when the
  referral was sent. The receiving side reads only that copy, never the sender's file.
- The receiver's own file (`received_participant`) is theirs; the sender never sees it, only
  the status steps (`ReferralStep`) and the receiver's short notes.
- The consent for the referral is recorded on the referral itself: how, when, by whom, to whom
  (the initiative and its organisation), what (`shared_items`) and for what purpose. A
  withdrawal stops further sharing and is shown to the receiver; what was already received
  stays with the receiving organisation.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from netwerk.validators import HAPPENED
from participants.models import Consent, Participant
from workmodels.models import Initiative, WorkModel


class SharedItem(models.TextChoices):
    """What the participant may choose to share. The first name and the reason always go."""

    FIRST_NAME = "first_name", _("First name")
    LAST_NAME = "last_name", _("Last name")
    BIRTH_YEAR = "birth_year", _("Birth year")
    CONTACT = "contact", _("Phone number and e-mail address")
    LANGUAGES = "languages", _("Languages spoken")
    MUNICIPALITY = "municipality", _("Municipality and postcode")
    REASON = "reason", _("The reason, in the participant's own words")
    WORK_MODEL = "work_model", _("The chosen work model")
    NETWORK_MAP = "network_map", _("The network map")
    GOAL = "goal", _("A goal")


ALWAYS_SHARED = frozenset({SharedItem.FIRST_NAME, SharedItem.REASON})


class ReferralQuerySet(models.QuerySet):
    def open(self) -> "ReferralQuerySet":
        """Still waiting for the receiver's answer."""
        return self.filter(status__in=Referral.WAITING)


class Referral(models.Model):
    class Status(models.TextChoices):
        SENT = "sent", _("Sent")
        RECEIVED = "received", _("Received")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        FIRST_CONTACT = "first_contact", _("First contact")
        ENDED = "ended", _("Ended")

    WAITING = (Status.SENT, Status.RECEIVED)

    # The sending side.
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("sending organisation"),
        on_delete=models.PROTECT,
        related_name="referrals_sent",
    )
    # The sender's file. Empty once the file was erased: the receiver keeps its copy.
    participant = models.ForeignKey(
        Participant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    # Where it goes: an initiative of the directory and the organisation running it, or no
    # organisation when that organisation is not on Netwerk (a letter and an e-mail).
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
    )
    initiative_name = models.CharField(_("initiative"), max_length=200)
    to_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("receiving organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals_received",
    )
    work_model = models.ForeignKey(
        WorkModel,
        verbose_name=_("work model"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    # What crosses the border: the items chosen with the participant, and a copy of their
    # values when the referral was sent (keys: the SharedItem values; "contact" holds
    # {"phone", "email"}, "network_map" a list of members, "goal" a text).
    shared_items = models.JSONField(_("what is shared"), default=list)
    shared = models.JSONField(default=dict, editable=False)

    # The participant's consent for this referral.
    consent_method = models.CharField(
        _("how the consent was given"), max_length=8, choices=Consent.Method.choices
    )
    consent_given_on = models.DateField(_("consent given on"), validators=HAPPENED)
    consent_purpose = models.CharField(_("for what purpose"), max_length=300)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    consent_withdrawn_on = models.DateField(
        _("consent withdrawn on"), null=True, blank=True, validators=HAPPENED
    )
    consent_withdrawal_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    # Only for a referral outside Netwerk: the e-mail to the initiative, if the participant
    # agreed to it.
    email_consented = models.BooleanField(_("may be e-mailed to the initiative"), default=False)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True, editable=False)

    # The status both sides follow, with the date of its latest step (history: ReferralStep).
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SENT
    )
    status_changed_at = models.DateTimeField(_("status changed"), auto_now_add=True)
    decline_reason = models.CharField(_("reason for declining"), max_length=300, blank=True)

    # The receiving side's own records, never shown to the sender.
    received_participant = models.ForeignKey(
        Participant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals_received",
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-sent_at", "-id"]
        indexes = [
            models.Index(fields=["to_organisation", "status", "-sent_at"]),
            models.Index(fields=["organisation", "-sent_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(consent_withdrawn_on__isnull=True)
                | models.Q(consent_withdrawn_on__gte=models.F("consent_given_on")),
                name="referral_consent_withdrawn_after_given",
                violation_error_message=_(
                    "A consent cannot be withdrawn before the date it was given."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"referral {self.pk}"

    @property
    def is_external(self) -> bool:
        return self.to_organisation_id is None

    @property
    def consent_withdrawn(self) -> bool:
        return self.consent_withdrawn_on is not None

    @property
    def is_waiting(self) -> bool:
        return self.status in self.WAITING


class ReferralStep(models.Model):
    """One status step, seen by both sides, with an optional short note from the receiver."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="steps")
    status = models.CharField(_("status"), max_length=16, choices=Referral.Status.choices)
    happened_on = models.DateField(_("date"), validators=HAPPENED)
    note = models.CharField(_("short note"), max_length=300, blank=True)
    by_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("referral step")
        verbose_name_plural = _("referral steps")
        ordering = ["happened_on", "recorded_at", "id"]

    def __str__(self) -> str:
        return f"referral {self.referral_id} {self.status}"


class ReferralMessage(models.Model):
    """A short question or answer between the two sides, about what was shared only."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="messages")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("message"), max_length=1000)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("referral message")
        verbose_name_plural = _("referral messages")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"referral message {self.pk}"
