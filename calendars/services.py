"""Writes for calendar feeds: make a new link (revoking the old one), revoke a link, note that
a calendar read it. Each change is audited (ids only)."""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import audit_record
from accounts.models import AuditEvent, Membership

from .models import CalendarFeed
from .selectors import FEED_ROLES, hash_token

# A calendar reads its feed every few minutes to hours: "last used" is written at most this often.
LAST_USED_GRANULARITY = datetime.timedelta(minutes=15)


def _require_feed_role(membership: Membership) -> None:
    if membership.role not in FEED_ROLES:
        raise ValidationError(_("Your role has no calendar to share."))


@transaction.atomic
def feed_create(*, membership: Membership) -> tuple[CalendarFeed, str]:
    """A new secret link for this person in this organisation; an open one is revoked first.
    Returns the feed and its token: shown once, never stored."""
    _require_feed_role(membership)
    now = timezone.now()
    for old in CalendarFeed.objects.select_for_update().filter(
        membership=membership, revoked_at__isnull=True
    ):
        _revoke(membership, old, now)
    token = secrets.token_urlsafe(32)
    feed = CalendarFeed(membership=membership, token_hash=hash_token(token))
    feed.full_clean()
    feed.save()
    audit_record(
        actor=membership.user,
        organisation=membership.organisation,
        action=AuditEvent.Action.CREATE,
        obj=feed,
    )
    return feed, token


def _revoke(membership: Membership, feed: CalendarFeed, now) -> None:
    feed.revoked_at = now
    feed.save(update_fields=["revoked_at"])
    audit_record(
        actor=membership.user,
        organisation=membership.organisation,
        action=AuditEvent.Action.REVOKE,
        obj=feed,
    )


@transaction.atomic
def feed_revoke(*, membership: Membership, feed: CalendarFeed) -> CalendarFeed:
    """Revoke one's own link: calendars that read it get nothing more. Revoking twice is
    harmless."""
    if feed.membership_id != membership.pk:
        raise ValidationError(_("This is not your calendar link."))
    feed = CalendarFeed.objects.select_for_update().get(pk=feed.pk)
    if feed.revoked_at is None:
        _revoke(membership, feed, timezone.now())
    return feed


def feed_used(*, feed: CalendarFeed, now=None) -> None:
    """Note when a calendar last read the link (one update, skipped within 15 minutes)."""
    now = now or timezone.now()
    if feed.last_used_at is None or now - feed.last_used_at >= LAST_USED_GRANULARITY:
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
        feed.last_used_at = now
