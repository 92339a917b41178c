"""A match between a volunteer and a participant, its history, contact logs and check-ins."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from netwerk.validators import HAPPENED, PLANNED
from participants.models import Participant

from .request import BuddyRequest
from .volunteer import Volunteer


class Match(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        INTRO_PLANNED = "intro_planned", _("Introduction planned")
        ACTIVE = "active", _("Active")
        CLOSING = "closing", _("Closing")
        CLOSED = "closed", _("Closed")
        DECLINED = "declined", _("Declined")

    class Side(models.TextChoices):
        VOLUNTEER = "volunteer", _("The volunteer")
        PARTICIPANT = "participant", _("The participant")
        COORDINATOR = "coordinator", _("The coordinator")

    class CloseReason(models.TextChoices):
        COMPLETED = "completed", _("Goals reached, ended as planned")
        PARTICIPANT_STOPPED = "participant_stopped", _("The participant stopped")
        VOLUNTEER_STOPPED = "volunteer_stopped", _("The volunteer stopped")
        NO_CLICK = "no_click", _("It did not click")
        MOVED = "moved", _("Moved away")
        CONFLICT = "conflict", _("Conflict or incident")
        OTHER = "other", _("Other")

    # Matches that take one of the volunteer's places and keep the request off the waiting list.
    OPEN = (Status.PROPOSED, Status.INTRO_PLANNED, Status.ACTIVE, Status.CLOSING)

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    request = models.ForeignKey(BuddyRequest, on_delete=models.CASCADE, related_name="matches")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="buddy_matches"
    )
    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="matches")
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PROPOSED
    )
    score = models.FloatField(_("score"), null=True, blank=True)
    # The engine's structured facts at the time of the proposal, rendered in the reader's language.
    explanation = models.JSONField(default=dict, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    intro_at = models.DateTimeField(_("introduction"), null=True, blank=True, validators=PLANNED)
    intro_place = models.CharField(_("place of the introduction"), max_length=200, blank=True)
    agreements = models.TextField(_("practical agreements"), blank=True)
    next_meeting_on = models.DateField(_("next meeting"), null=True, blank=True, validators=PLANNED)
    started_on = models.DateField(_("started on"), null=True, blank=True, validators=HAPPENED)
    closed_on = models.DateField(_("closed on"), null=True, blank=True, validators=HAPPENED)
    close_reason = models.CharField(
        _("reason for closing"), max_length=24, choices=CloseReason.choices, blank=True
    )
    ended_badly = models.BooleanField(
        _("ended badly: never propose this pair again"), default=False
    )
    evaluation_volunteer = models.TextField(_("evaluation by the volunteer"), blank=True)
    evaluation_participant = models.TextField(
        _("evaluation by the participant (through the social worker)"), blank=True
    )
    declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    declined_side = models.CharField(
        _("declined by"), max_length=16, choices=Side.choices, blank=True
    )
    decline_reason = models.TextField(_("why"), blank=True)

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["-proposed_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["volunteer", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["request"],
                condition=models.Q(status__in=["proposed", "intro_planned", "active", "closing"]),
                name="one_open_match_per_request",
                violation_error_message=_("This request already has an open match."),
            ),
        ]

    def __str__(self) -> str:
        return f"match {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def duration_days(self) -> int | None:
        if self.started_on and self.closed_on:
            return (self.closed_on - self.started_on).days
        return None


class MatchEvent(models.Model):
    """One step in a match's history: who moved it from which status to which, when."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=16, choices=Match.Status.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=Match.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("match event")
        verbose_name_plural = _("match events")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"match {self.match_id}: {self.from_status} → {self.to_status}"


class HowItWent(models.TextChoices):
    GOOD = "good", _("Good")
    OK = "ok", _("Okay")
    DIFFICULT = "difficult", _("Difficult")


class ContactLog(models.Model):
    """A meeting or call the volunteer logs (the coordinator, for a volunteer without a log-in).
    The worry note is for the coordinator and the participant's social worker."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="contact_logs")
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(_("date"), validators=HAPPENED)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        default=60,
        validators=[MinValueValidator(5), MaxValueValidator(720)],
    )
    what_we_did = models.CharField(_("what we did"), max_length=200, blank=True)
    how_it_went = models.CharField(
        _("how it went"), max_length=16, choices=HowItWent.choices, default=HowItWent.GOOD
    )
    worried = models.BooleanField(_("I am worried"), default=False)
    worry_note = models.TextField(
        _("what worries you (the coordinator and the social worker read this)"), blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Made by the volunteer's phone when the log is entered (also offline): sending it again
    # finds this row instead of making a second one. Empty for logs made before.
    client_id = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["match", "-date"])]
        constraints = [
            models.UniqueConstraint(
                fields=["client_id"],
                condition=models.Q(client_id__isnull=False),
                name="contact_log_client_id_once",
                violation_error_message=_("This contact was already sent."),
            )
        ]

    def __str__(self) -> str:
        return f"contact {self.pk}"


class CheckIn(models.Model):
    """The coordinator asks both sides how the match goes."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="check_ins")
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(_("date"), validators=HAPPENED)
    volunteer_side = models.CharField(
        _("how it goes for the volunteer"), max_length=16, choices=HowItWent.choices
    )
    participant_side = models.CharField(
        _("how it goes for the participant"), max_length=16, choices=HowItWent.choices
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"check-in {self.pk}"
