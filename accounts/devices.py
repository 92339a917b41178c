""" "Remember this phone": a volunteer's own phone keeps its session up to 30 days.

The session stays bound to the phone: it holds the device's id, and every request must show
the device cookie whose hash the device row stores, the device neither revoked nor expired
(`accounts.middleware.RememberedDeviceMiddleware`). Only volunteers: a person with any staff
membership keeps the 30 idle minutes and the 12-hour limit. On a remembered phone, anything
beyond the volunteer's own contacts asks for the password again.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from netwerk.middleware import SESSION_DEVICE_UNTIL_KEY

from .audit import audit_record
from .models import AuditEvent, Membership, RememberedDevice, Role, User

DEVICE_COOKIE = "netwerk_device"
SESSION_DEVICE_KEY = "netwerk_device_id"
LAST_SEEN_EVERY = timedelta(hours=1)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def device_label(user_agent: str) -> str:
    """A short, recognisable name from the browser's user agent, without version numbers."""
    agent = user_agent.lower()
    system = next(
        (
            name
            for key, name in (
                ("iphone", "iPhone"),
                ("ipad", "iPad"),
                ("android", "Android"),
                ("windows", "Windows"),
                ("mac os", "Mac"),
                ("linux", "Linux"),
            )
            if key in agent
        ),
        "",
    )
    browser = next(
        (
            name
            for key, name in (
                ("edg/", "Edge"),
                ("firefox", "Firefox"),
                ("chrome", "Chrome"),
                ("safari", "Safari"),
            )
            if key in agent
        ),
        "",
    )
    return " · ".join(part for part in (system, browser) if part)[:80]


def may_remember(user: User) -> Membership | None:
    """The volunteer membership a remembered phone belongs to; None for anyone with a staff
    (or researcher) membership: they keep today's limits."""
    memberships = list(Membership.objects.filter(user=user, is_active=True))
    if not memberships or any(m.role != Role.VOLUNTEER for m in memberships):
        return None
    return memberships[0]


@transaction.atomic
def device_remember(
    *, request: HttpRequest, membership: Membership, response: HttpResponse
) -> RememberedDevice:
    """Remember this phone: a device row, its cookie on `response`, the session bound to it."""
    token = secrets.token_urlsafe(32)
    expires_at = timezone.now() + timedelta(seconds=settings.NETWERK_REMEMBERED_DEVICE_SECONDS)
    device = RememberedDevice.objects.create(
        user=membership.user,
        organisation=membership.organisation,
        token_hash=token_hash(token),
        label=device_label(request.headers.get("User-Agent", "")),
        expires_at=expires_at,
    )
    request.session[SESSION_DEVICE_KEY] = device.pk
    request.session[SESSION_DEVICE_UNTIL_KEY] = int(expires_at.timestamp())
    request.session.set_expiry(expires_at)
    response.set_cookie(
        DEVICE_COOKIE,
        token,
        expires=expires_at,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    audit_record(
        actor=membership.user,
        organisation=membership.organisation,
        action=AuditEvent.Action.CREATE,
        obj=device,
    )
    return device


def session_device(request: HttpRequest) -> RememberedDevice | None:
    """The valid remembered device this session is bound to, or None when it is bound to
    none. Raises LookupError when it is bound to one the request cannot prove (no cookie, a
    wrong cookie, revoked, expired)."""
    device_id = request.session.get(SESSION_DEVICE_KEY)
    if device_id is None:
        return None
    device = RememberedDevice.objects.filter(pk=device_id, user_id=request.user.pk).first()
    token = request.COOKIES.get(DEVICE_COOKIE, "")
    if device is None or not device.is_valid or not token:
        raise LookupError
    if not secrets.compare_digest(device.token_hash, token_hash(token)):
        raise LookupError
    now = timezone.now()
    if now - device.last_seen_at > LAST_SEEN_EVERY:
        RememberedDevice.objects.filter(pk=device.pk).update(last_seen_at=now)
    return device


def session_forget_device(request: HttpRequest) -> None:
    """Back to today's limits (the person works in a staff membership now)."""
    request.session.pop(SESSION_DEVICE_KEY, None)
    request.session.pop(SESSION_DEVICE_UNTIL_KEY, None)
    request.session.set_expiry(None)


def devices_for_user(user: User) -> QuerySet[RememberedDevice]:
    return RememberedDevice.objects.filter(user=user, revoked_at__isnull=True)


def devices_in_organisation(membership: Membership) -> QuerySet[RememberedDevice]:
    """For the org admin: the phones remembered in their organisation, still in force."""
    if membership is None or membership.role != Role.ORG_ADMIN:
        return RememberedDevice.objects.none()
    return (
        RememberedDevice.objects.filter(
            organisation_id=membership.organisation_id,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .select_related("user")
        .order_by("-last_seen_at", "-id")
    )


@transaction.atomic
def device_revoke(*, membership: Membership, device: RememberedDevice) -> None:
    """Forget a phone: its session ends at its next request. The phone's owner or the org
    admin of its organisation (callers look the device up within their reach)."""
    if device.revoked_at is None:
        device.revoked_at = timezone.now()
        device.save(update_fields=["revoked_at"])
        audit_record(
            actor=membership.user,
            organisation=membership.organisation,
            action=AuditEvent.Action.REVOKE,
            obj=device,
        )
