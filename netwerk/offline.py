"""The volunteer's pages as an installable web app that keeps working without a connection.

* `/sw.js` is the service worker (static/js/sw.js), served from the root so its scope covers
  every page; it keeps only pages marked by `netwerk.offline_pages.keep_offline`.
* `/manifest.webmanifest` lets the phone install the pages as an app.
* `/offline/sync/` takes the queue the phone filled while offline (static/js/offline.js):
  contact logs, worries and attendance, each with the id the phone made, so sending the queue
  twice saves everything once. Each entry is answered on its own: saved, or refused with a
  sentence the volunteer understands (the match has ended meanwhile).
"""

import json
import uuid
from functools import cache
from pathlib import Path

from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from accounts.models import Membership, Role
from buddies import selectors as buddy_selectors
from buddies import services as buddy_services
from buddies.forms import ContactLogForm, WorryForm
from groups import services as group_services
from groups.forms import AttendanceForm
from groups.selectors import can_manage
from groups.selectors.pages import attendance_sheet, session_in_reach
from netwerk.middleware import session_absolute_end
from netwerk.permissions import role_required

MAX_ENTRIES = 200  # one phone's queue: far more than a week offline makes


@cache
def _service_worker_source() -> str:
    return Path(finders.find("js/sw.js")).read_text(encoding="utf-8")


@login_not_required
@require_safe
def service_worker(request: HttpRequest) -> HttpResponse:
    """Served here, not under /static/: a worker's scope is its own folder and below."""
    response = HttpResponse(_service_worker_source(), content_type="text/javascript")
    response["Service-Worker-Allowed"] = "/"
    # A new version reaches phones at once (the browser checks for updates itself too).
    response["Cache-Control"] = "no-cache"
    return response


@login_not_required
@require_safe
def manifest(request: HttpRequest) -> JsonResponse:
    data = {
        "name": "Netwerk",
        "short_name": "Netwerk",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1f5f8b",
        "icons": [
            {"src": static("img/netwerk.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    response = JsonResponse(data, content_type="application/manifest+json")
    response["Cache-Control"] = "no-cache"
    return response


def _errors_in_words(error: ValidationError) -> str:
    return " ".join(error.messages)


def _form_errors(form) -> str:
    return " ".join(str(message) for messages in form.errors.values() for message in messages)


def _sync_contact(membership: Membership, entry: dict, *, worry: bool) -> str:
    """Save one queued contact log or worry; the answer's words when it cannot be saved."""
    match = buddy_selectors.own_match_any_status(membership, entry["target"])
    if match is None:
        return _("This is not one of your contacts (any more), so it was not saved.")
    fields = entry["fields"]
    form = WorryForm(fields) if worry else ContactLogForm(fields)
    if not form.is_valid():
        return _form_errors(form)
    data = dict(form.cleaned_data)
    if worry:
        data["worried"] = True
    data.pop("client_id", None)
    if not match.is_open:
        existing = buddy_services.contact_log_already_sent(
            membership=membership, match=match, client_id=entry["id"]
        )
        if existing is not None:
            return ""
        return _(
            "Your contact with %(name)s has ended, so this was not saved. "
            "Tell your coordinator what you wanted to note."
        ) % {"name": match.participant.short_name}
    buddy_services.contact_log_create(
        membership=membership, match=match, data=data, client_id=entry["id"]
    )
    return ""


def _sync_attendance(membership: Membership, entry: dict) -> str:
    """Attendance is a whole sheet: saving it again leaves the same sheet (no duplicates)."""
    session = session_in_reach(membership, entry["target"])
    if session is None or not can_manage(membership, session.group):
        return _("This is not one of your groups (any more), so the attendance was not saved.")
    fields = entry["fields"]
    present = fields.get("present", [])
    data = MultiValueDict(
        {
            "present": present if isinstance(present, list) else [present],
            "extra_attendees": [fields.get("extra_attendees", "0")],
        }
    )
    form = AttendanceForm(data, sheet=attendance_sheet(session))
    if not form.is_valid():
        return _form_errors(form)
    group_services.attendance_record(
        membership=membership,
        session=session,
        present=form.cleaned_data["present"],
        extra_attendees=form.cleaned_data["extra_attendees"],
    )
    return ""


SYNCERS = {
    "contact": lambda membership, entry: _sync_contact(membership, entry, worry=False),
    "worry": lambda membership, entry: _sync_contact(membership, entry, worry=True),
    "attendance": _sync_attendance,
}


def _parsed_entry(raw) -> dict | None:
    if not isinstance(raw, dict) or raw.get("kind") not in SYNCERS:
        return None
    try:
        client_id = uuid.UUID(str(raw.get("id")))
        target = int(raw.get("target"))
    except (TypeError, ValueError):
        return None
    fields = raw.get("fields")
    if not isinstance(fields, dict) or target < 1:
        return None
    return {"id": client_id, "kind": raw["kind"], "target": target, "fields": fields}


def sync_entry(membership: Membership, raw) -> dict:
    """One queued entry: {"id", "status": "saved" | "refused", "message"}."""
    entry = _parsed_entry(raw)
    if entry is None:
        return {
            "id": str(raw.get("id", "")) if isinstance(raw, dict) else "",
            "status": "refused",
            "message": _("This entry could not be read, so it was not saved."),
        }
    try:
        with transaction.atomic():
            message = SYNCERS[entry["kind"]](membership, entry)
    except ValidationError as error:
        message = _errors_in_words(error)
    except PermissionDenied:
        message = _("You may not save this, so it was not saved.")
    return {
        "id": str(entry["id"]),
        "status": "refused" if message else "saved",
        "message": message,
    }


@role_required(Role.VOLUNTEER)
@require_http_methods(["GET", "POST"])
def sync(request: HttpRequest) -> JsonResponse:
    """GET: a fresh CSRF token for the queue (the page it was typed on may be old).
    POST (JSON, `X-CSRFToken`): {"entries": [...]} → {"results": [...]} in the same order."""
    if request.method == "GET":
        return JsonResponse({"csrf_token": get_token(request)})
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        body = None
    entries = body.get("entries") if isinstance(body, dict) else None
    if not isinstance(entries, list) or len(entries) > MAX_ENTRIES:
        return JsonResponse({"detail": _("The list of entries could not be read.")}, status=400)
    # One transaction for the queue (one commit, not one per entry: the budget is 50 entries
    # in under 2 s), a savepoint per entry so that one refusal leaves the others saved.
    with transaction.atomic():
        results = [sync_entry(request.membership, raw) for raw in entries]
    return JsonResponse({"results": results})


def offline_until(request: HttpRequest) -> dict:
    """Context processor: until when the volunteer's phone may keep its offline copy (epoch
    seconds): the session's absolute limit, or the remembered phone's."""
    membership = getattr(request, "membership", None)
    if membership is None or membership.role != Role.VOLUNTEER:
        return {}
    return {"offline_until": session_absolute_end(request)}
