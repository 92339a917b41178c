"""The gateway's callbacks (delivery reports, incoming SMS) and the staff page of incoming SMS
that still need someone.

The callbacks are called by Kannel, not by people: no log-in, a secret token in the query
(compared in constant time), GET as Kannel calls them, and a 404 for a wrong token or an
unknown message so that nothing about Netwerk's messages can be probed.
"""

import datetime
import hmac

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from accounts.models import Role
from netwerk.permissions import role_required

from . import inbound, message_dispatch, selectors

INBOX_ROLES = (Role.ORG_ADMIN, Role.COORDINATOR, Role.SOCIAL_WORKER)


def _check_token(request: HttpRequest) -> None:
    secret = settings.NETWERK_SMS_CALLBACK_SECRET
    token = request.GET.get("token", "")
    if not secret or not hmac.compare_digest(token.encode(), secret.encode()):
        raise Http404


def _int(value: str, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@login_not_required
@never_cache
@require_safe
def sms_delivery_report(request: HttpRequest, pk: int) -> HttpResponse:
    _check_token(request)
    recorded = message_dispatch.record_delivery_report(
        message_id=pk,
        report_type=_int(request.GET.get("type", "")),
        answer=request.GET.get("answer", "")[:200],
    )
    if not recorded:
        raise Http404
    return HttpResponse("ok", content_type="text/plain")


@login_not_required
@never_cache
@require_safe
def sms_inbound(request: HttpRequest) -> HttpResponse:
    _check_token(request)
    number = request.GET.get("from", "").strip()
    if not number:
        raise Http404
    moment = _int(request.GET.get("time", ""))
    received_at = (
        datetime.datetime.fromtimestamp(moment, tz=datetime.UTC)
        if 0 < moment < 4_000_000_000
        else timezone.now()
    )
    inbound.inbound_record(
        from_number=number[:32],
        text=request.GET.get("text", "")[:4000],
        gateway_id=request.GET.get("id", "")[:100],
        received_at=received_at,
    )
    # Kannel would send a non-empty answer back as an SMS (max-messages = 0 stops that too).
    return HttpResponse("", content_type="text/plain")


@role_required(*INBOX_ROLES)
@require_safe
def sms_inbox(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "notifications/sms_inbox.html",
        {"incoming": selectors.inbound_unhandled_for(request.membership)[: selectors.LIST_SIZE]},
    )


@role_required(*INBOX_ROLES)
@require_POST
def sms_inbox_handled(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.inbound_unhandled_for(request.membership).filter(pk=pk).first()
    if found is None:
        raise Http404
    inbound.inbound_mark_handled(inbound=found, user=request.user)
    messages.success(request, _("Marked as handled."))
    return redirect("notifications:sms_inbox")
