"""A named colleague kept away from one file (a conflict of interest, a relative, a neighbour).

While a block holds (`ended_at` empty) the person reaches the file nowhere: not the file or
its sub-pages, not the caseload, search, team lists, exports, the API, group member and
attendance lists, the buddy card or match, nor reminders naming it. `participants.selectors.
access_blocks.blocked_for` is the one subquery every visibility rule excludes. Aggregated
figures still count the file: they name no one. Only org admins create, end and list blocks;
the blocked person is never told (the file's timeline does not show them).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation

from .participant import Participant


class AccessBlockQuerySet(models.QuerySet):
    def active(self):
        return self.filter(ended_at__isnull=True)


class AccessBlock(models.Model):
    class Reason(models.TextChoices):
        CONFLICT_OF_INTEREST = "conflict_of_interest", _("Conflict of interest")
        RELATIVE = "relative", _("A relative")
        NEIGHBOUR = "neighbour", _("A neighbour")
        OTHER = "other", _("Other reason")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="access_blocks"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("blocked person"),
        on_delete=models.PROTECT,
        related_name="access_blocks",
    )
    reason = models.CharField(_("reason"), max_length=24, choices=Reason.choices)
    note = models.CharField(_("note (optional)"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("blocked since"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = AccessBlockQuerySet.as_manager()

    class Meta:
        verbose_name = _("access block")
        verbose_name_plural = _("access blocks")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["user", "participant"],
                condition=models.Q(ended_at__isnull=True),
                name="access_block_active_user",
            ),
            models.Index(fields=["organisation", "-created_at"], name="access_block_org_created"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "user"],
                condition=models.Q(ended_at__isnull=True),
                name="one_active_access_block_per_person",
                violation_error_message=_("This person is already blocked from this file."),
            ),
            models.CheckConstraint(
                condition=~models.Q(user=models.F("created_by")),
                name="access_block_not_oneself",
                violation_error_message=_("You cannot block yourself from a file."),
            ),
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True)
                | models.Q(ended_at__gte=models.F("created_at")),
                name="access_block_ends_after_start",
                violation_error_message=_("A block cannot end before it began."),
            ),
        ]

    def __str__(self) -> str:
        return f"access block {self.pk}"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None
