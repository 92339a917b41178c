"""Trajectories (the work models a participant chose) and goals in their own words."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from netwerk.validators import HAPPENED, PLANNED
from workmodels.models import Initiative, WorkModel

from .participant import Participant


class Trajectory(models.Model):
    """A work model the participant takes part in, chosen by the participant."""

    class Status(models.TextChoices):
        CONSIDERING = "considering", _("Considering")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        ENDED = "ended", _("Ended")

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="trajectories"
    )
    work_model = models.ForeignKey(
        WorkModel, verbose_name=_("work model"), on_delete=models.PROTECT, related_name="+"
    )
    motivation = models.TextField(
        _("why the participant chose it (in their own words)"), blank=True
    )
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative from the directory"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Free text for an initiative that is not in the directory (kept when an entry is removed).
    initiative_name = models.CharField(_("initiative"), max_length=200, blank=True)
    started_on = models.DateField(_("start"), validators=HAPPENED)
    ended_on = models.DateField(_("end"), null=True, blank=True, validators=PLANNED)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("trajectory")
        verbose_name_plural = _("trajectories")
        ordering = ["-started_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="trajectory_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            )
        ]

    def __str__(self) -> str:
        return f"trajectory {self.pk}"


class Goal(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        REACHED = "reached", _("Reached")
        CHANGED = "changed", _("Changed")
        DROPPED = "dropped", _("Dropped")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="goals")
    work_model = models.ForeignKey(
        WorkModel, verbose_name=_("work model"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(_("goal (in the participant's own words)"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["status", "-created_at"]

    def __str__(self) -> str:
        return f"goal {self.pk}"


class GoalNote(models.Model):
    """Dated progress on a goal."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="notes")
    date = models.DateField(_("date"), validators=HAPPENED)
    text = models.TextField(_("progress"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("goal note")
        verbose_name_plural = _("goal notes")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"goal note {self.pk}"
