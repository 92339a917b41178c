"""The "calendar in your phone" page (make, replace and revoke one's secret link) and the feed
itself, which calendar apps read without logging in: the token in its URL is the key."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from rest_framework.throttling import SimpleRateThrottle

from accounts.audit import PARTICIPANT, audit_record
from accounts.models import AuditEvent
from netwerk.ical import calendar_bytes
from netwerk.permissions import role_required
from netwerk.throttling import PerAddress

from . import selectors, services

# Every answer (page or feed) says it may not be stored by a shared cache.
FEED_CONTENT_TYPE = "text/calendar; charset=utf-8"


@role_required(*selectors.FEED_ROLES)
@require_safe
def feed_settings(request: HttpRequest) -> HttpResponse:
    return _page(request)


def _page(request: HttpRequest, token: str = "") -> HttpResponse:
    membership = request.membership
    context = {
        "feeds": list(selectors.feeds_of(membership)[:10]),
        "open_feed": selectors.open_feed_of(membership),
        "token": token,
        "feed_url": selectors.feed_url(token) if token else "",
        "webcal_url": selectors.webcal_url(token) if token else "",
        "days_back": selectors.DAYS_BACK,
    }
    return render(request, "calendars/settings.html", context)


@role_required(*selectors.FEED_ROLES)
@require_POST
def feed_new(request: HttpRequest) -> HttpResponse:
    """A new link, shown once on the answer (never stored, never sent by e-mail)."""
    _feed, token = services.feed_create(membership=request.membership)
    messages.success(request, _("Your new calendar link is ready. Copy it now: it is shown once."))
    return _page(request, token)


@role_required(*selectors.FEED_ROLES)
@require_http_methods(["GET", "POST"])
def feed_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    feed = selectors.feeds_of(request.membership).filter(pk=pk, revoked_at__isnull=True).first()
    if feed is None:
        raise Http404
    if request.method == "POST":
        services.feed_revoke(membership=request.membership, feed=feed)
        messages.success(request, _("The calendar link no longer works."))
        return redirect("calendars:settings")
    return render(request, "calendars/revoke_confirm.html", {"feed": feed})


class _PerLink(SimpleRateThrottle):
    """One link, from wherever it is read: a calendar polls now and then, not every second."""

    scope = "calendar_feed"

    def __init__(self, token_hash: str):
        self.token_hash = token_hash
        super().__init__()

    def get_rate(self) -> str:
        return settings.NETWERK_CALENDAR_FEED_RATE

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.token_hash}


def _too_many(request: HttpRequest, token_hash: str) -> HttpResponse | None:
    """DRF's throttles, as the API uses them: per address (the API's rate) and per link."""
    for throttle in (PerAddress(), _PerLink(token_hash)):
        if not throttle.allow_request(request, None):
            response = HttpResponse(status=429)
            wait = throttle.wait()
            if wait is not None:
                response["Retry-After"] = str(int(wait) + 1)
            return response
    return None


@login_not_required  # a calendar app has no session: the secret token is the key
@never_cache
@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    limited = _too_many(request, selectors.hash_token(token))
    if limited is not None:
        return limited
    found = selectors.feed_for_token(token)
    if found is None:
        raise Http404
    membership = found.membership
    with translation.override(membership.user.preferred_language or "nl"):
        events = selectors.feed_events(membership)
        name = _("Netwerk: %(organisation)s") % {"organisation": membership.organisation.name}
        body = calendar_bytes(events, name=name)
    services.feed_used(feed=found)
    # A calendar is a read of the files it names (by first name): recorded, ids only.
    about = {event.about for event in events if event.about is not None}
    audit_record(
        actor=membership.user,
        organisation=membership.organisation,
        action=AuditEvent.Action.READ,
        object_type=PARTICIPANT if about else "calendars.calendarfeed",
        object_ids=about if about else (),
        object_id="" if about else found.pk,
        fields=["calendars:feed"],
    )
    response = HttpResponse(body, content_type=FEED_CONTENT_TYPE)
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = 'inline; filename="netwerk.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response
