"""Sessions of a group, who was there, and the signal that someone missed three in a row."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from netwerk.validators import HAPPENED, between
from participants.models import Participant

from .group import Group, GroupMember


class GroupSession(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("date"), validators=HAPPENED)
    starts_at = models.TimeField(_("start time"), null=True, blank=True)
    ends_at = models.TimeField(_("end time"), null=True, blank=True)
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    # People without a file who came: a number, never names.
    extra_attendees = models.PositiveSmallIntegerField(
        _("extra attendees without a file"),
        default=0,
        validators=between(0, 1000),
    )
    # Set when the attendance was taken: only then does an absence count as missed.
    attendance_taken_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["date", "starts_at", "id"]
        indexes = [models.Index(fields=["group", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(starts_at__isnull=True)
                | models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gt=models.F("starts_at")),
                name="group_session_ends_after_start",
                violation_error_message=_("The session must end after it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"session {self.pk}"

    @property
    def attendance_taken(self) -> bool:
        return self.attendance_taken_at is not None


class Attendance(models.Model):
    """A member was present at a session. No row for a taken session means absent."""

    session = models.ForeignKey(GroupSession, on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey(GroupMember, on_delete=models.CASCADE, related_name="attendances")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="attendance_once")
        ]
        indexes = [models.Index(fields=["member", "session"])]

    def __str__(self) -> str:
        return f"attendance {self.pk}"


class AttendanceSignal(models.Model):
    """A member missed three taken sessions in a row: the facilitator is asked to reach out.

    The reminders issue reads open signals (`resolved_on` empty); attending again or the
    facilitator marking it done resolves it.
    """

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="signals")
    member = models.ForeignKey(GroupMember, on_delete=models.CASCADE, related_name="signals")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    last_session = models.ForeignKey(
        GroupSession, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    detected_on = models.DateField(_("detected on"))
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("attendance signal")
        verbose_name_plural = _("attendance signals")
        ordering = ["-detected_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"],
                condition=models.Q(resolved_on__isnull=True),
                name="one_open_attendance_signal_per_member",
                violation_error_message=_(
                    "There is already an open attendance signal for this member."
                ),
            )
        ]
        indexes = [
            models.Index(
                fields=["detected_on"],
                condition=models.Q(resolved_on__isnull=True),
                name="attendance_signal_open_idx",
            )
        ]

    def __str__(self) -> str:
        return f"attendance signal {self.pk}"
