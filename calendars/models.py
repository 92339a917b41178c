"""A person's secret calendar feed: a link their calendar app (Google, Apple, Outlook) reads
without logging in. Only a hash of the link's token is stored, so a copy of the database holds
no working link; a new link revokes the old one."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership


class CalendarFeed(models.Model):
    # Per membership: the feed shows what the person does in that organisation, in their role.
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("made"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last read by a calendar"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_open_calendar_feed_per_membership",
                violation_error_message=_("You already have a calendar link."),
            )
        ]

    def __str__(self) -> str:
        return f"calendar feed {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.revoked_at is None
