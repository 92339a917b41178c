"""Interventions: what was done with and for the participant, the worker's daily log."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from netwerk.validators import HAPPENED, PLANNED, between
from workmodels.models import WorkModel

from .participant import Participant
from .trajectory import Goal


class Intervention(models.Model):
    class Kind(models.TextChoices):
        CONVERSATION = "conversation", _("Individual conversation")
        HOME_VISIT = "home_visit", _("Home visit")
        NETWORK_MEETING = "network_meeting", _("Network meeting")
        GROUP_SESSION = "group_session", _("Group session")
        REFERRAL = "referral", _("Referral")
        ACCOMPANIMENT = "accompaniment", _("Accompaniment to a service")
        REMOTE = "remote", _("Phone or digital contact")
        OTHER = "other", _("Other")

    class TookPart(models.TextChoices):
        PARTICIPANT = "participant", _("The participant")
        NETWORK = "network", _("People from their network")
        PROFESSIONALS = "professionals", _("Professionals")

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="interventions"
    )
    date = models.DateField(_("date"), validators=HAPPENED)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), validators=between(1, 1440)
    )
    work_model = models.ForeignKey(
        WorkModel, verbose_name=_("work model"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    took_part = models.JSONField(_("who took part"), default=list, blank=True)
    # Names as the network map showed them that day: kept when someone leaves the map later.
    network_people = models.JSONField(_("who from the network took part"), default=list, blank=True)
    summary = models.TextField(_("summary (confidential)"), blank=True)
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("goal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interventions",
    )
    follow_up_on = models.DateField(_("follow-up date"), null=True, blank=True, validators=PLANNED)
    follow_up_done_on = models.DateField(
        _("follow-up done on"), null=True, blank=True, validators=HAPPENED
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["participant", "-date", "-id"]),
            models.Index(
                fields=["participant", "follow_up_on"],
                condition=models.Q(follow_up_on__isnull=False, follow_up_done_on__isnull=True),
                name="open_follow_up_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gt=0),
                name="intervention_has_duration",
                violation_error_message=_("Give the duration in minutes (more than 0)."),
            )
        ]

    def __str__(self) -> str:
        return f"intervention {self.pk}"

    def took_part_labels(self) -> list[str]:
        names = dict(self.TookPart.choices)
        return [str(names.get(code, code)) for code in self.took_part or []]
