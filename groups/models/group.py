"""A group: a course, a peer group, a neighbourhood activity or another recurring group, run
by facilitators (staff or volunteers of the organisation), with participants as members."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from netwerk.languages import LANGUAGE_CHOICES
from netwerk.validators import HAPPENED, PLANNED, between
from participants.models import Participant
from workmodels.models import Initiative, WorkModel


class Group(models.Model):
    class Kind(models.TextChoices):
        COURSE = "course", _("Course or training")
        PEER_GROUP = "peer_group", _("Peer group")
        NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood activity")
        OTHER = "other", _("Other recurring group")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    work_model = models.ForeignKey(
        WorkModel, verbose_name=_("work model"), on_delete=models.PROTECT, related_name="+"
    )
    # The initiative in the directory that runs it; the name too, for one not listed there.
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative (directory)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    initiative_name = models.CharField(_("initiative"), max_length=200, blank=True)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitators"),
        related_name="facilitated_groups",
        blank=True,
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    online = models.BooleanField(_("on-line"), default=False)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES, default="nl")
    starts_on = models.DateField(_("start date"), validators=PLANNED)
    ends_on = models.DateField(_("end date"), null=True, blank=True, validators=PLANNED)
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), null=True, blank=True, validators=between(1, 1000)
    )
    completion_threshold = models.PositiveSmallIntegerField(
        _("sessions needed to complete"),
        null=True,
        blank=True,
        help_text=_("For a course: how many sessions a member attends to complete it."),
        validators=between(1, 500),
    )
    completion_percent = models.PositiveSmallIntegerField(
        _("share of the sessions needed to complete (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "Or, for a course: the share of its sessions a member attends to complete it, "
            "e.g. 75. Counted once the course has ended."
        ),
    )
    # Neighbourhood work reaches many people who will never have a file: a head-count.
    reached_without_file = models.PositiveIntegerField(
        _("people reached without a file"),
        default=0,
        validators=between(0, 100_000),
        help_text=_("Everyone the group reached who has no file, each person counted once."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["-starts_on", "name", "id"]
        indexes = [models.Index(fields=["organisation", "-starts_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="group_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class GroupMember(models.Model):
    """A participant in a group. Leaving dates the row: attendance history stays."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="members")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="group_memberships"
    )
    joined_on = models.DateField(_("joined on"), validators=HAPPENED)
    left_on = models.DateField(_("left on"), null=True, blank=True, validators=HAPPENED)
    certificate_on = models.DateField(
        _("certificate handed out on"), null=True, blank=True, validators=HAPPENED
    )
    # Completion follows the group's rule; a facilitator may decide otherwise (who, when).
    completion_override = models.BooleanField(
        _("completed (decided by hand)"), null=True, blank=True
    )
    completion_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    completion_set_at = models.DateTimeField(null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        ordering = ["participant__first_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["group", "participant"], name="group_member_once"),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True)
                | models.Q(left_on__gte=models.F("joined_on")),
                name="group_member_leaves_after_joining",
                violation_error_message=_(
                    "Someone cannot leave the group before the date they joined."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"group member {self.pk}"

    @property
    def is_current(self) -> bool:
        return self.left_on is None
