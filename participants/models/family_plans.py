"""Family group plans (work model `own_network`): what a network meeting or an Eigen
Kracht-conferentie agreed, who from the network carries it, by when, and how it went.

Plans are usually made; carrying them out is the weak point, so each agreement has a due date
and a status, and the plan an evaluation date. Those dates are plain columns the reminders
issue queries through `selectors.network.family_plan_follow_ups_due`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from netwerk.validators import HAPPENED, PLANNED

from .network import NetworkMember
from .participant import Participant


class FamilyPlan(models.Model):
    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("Eigen Kracht-conferentie (family group conference)")
        NETWORK_MEETING = "network_meeting", _("Network meeting")

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="family_plans"
    )
    kind = models.CharField(_("kind of meeting"), max_length=20, choices=Kind.choices)
    held_on = models.DateField(_("meeting date"), validators=HAPPENED)
    evaluation_on = models.DateField(
        _("evaluation date"), null=True, blank=True, validators=PLANNED
    )
    evaluated_on = models.DateField(_("evaluated on"), null=True, blank=True, validators=HAPPENED)
    fallback = models.TextField(
        _("fallback arrangement"),
        blank=True,
        help_text=_("What happens when an agreement is not kept."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("family group plan")
        verbose_name_plural = _("family group plans")
        ordering = ["-held_on", "-id"]
        indexes = [
            models.Index(
                fields=["evaluation_on"],
                condition=models.Q(evaluation_on__isnull=False, evaluated_on__isnull=True),
                name="plan_evaluation_due_idx",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(evaluation_on__isnull=True)
                | models.Q(evaluation_on__gte=models.F("held_on")),
                name="plan_evaluation_after_meeting",
                violation_error_message=_("The evaluation date cannot be before the meeting."),
            )
        ]

    def __str__(self) -> str:
        return f"family group plan {self.pk}"


class Agreement(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Not evaluated yet")
        DONE = "done", _("Done")
        PARTLY = "partly", _("Partly done")
        NOT_DONE = "not_done", _("Not done")

    plan = models.ForeignKey(FamilyPlan, on_delete=models.CASCADE, related_name="agreements")
    what = models.CharField(_("what"), max_length=300)
    member = models.ForeignKey(
        NetworkMember,
        verbose_name=_("carried by (network member)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
    )
    # Kept when the member is removed from the map, and for whoever is not on it (the
    # participant themselves, "the whole family").
    carried_by = models.CharField(_("carried by"), max_length=100, blank=True)
    due_on = models.DateField(_("by when"), null=True, blank=True, validators=PLANNED)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(
                fields=["due_on"],
                condition=models.Q(due_on__isnull=False, status__in=["open", "partly"]),
                name="agreement_follow_up_idx",
            )
        ]

    def __str__(self) -> str:
        return f"agreement {self.pk}"

    @property
    def who(self) -> str:
        return self.member.label if self.member_id else self.carried_by


class AgreementStatusChange(models.Model):
    """One step in an agreement's story: who set which status when. Written by the services
    whenever the status changes (and once when the agreement is made), never edited."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(
        _("from"), max_length=10, choices=Agreement.Status.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=10, choices=Agreement.Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed on"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change of an agreement")
        verbose_name_plural = _("status changes of agreements")
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"agreement status change {self.pk}"
