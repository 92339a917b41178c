"""Every create form is saved once: back + resubmit and a double click never make a duplicate.

Each create form carries a one-time token (`{% form_token %}`, a fresh random value every time
the form is rendered). The create view is decorated with `@submit_once`. When a signed-in
person posts a token:

* the token is claimed first, by inserting a `SubmittedForm` row with a unique token, in the
  same transaction as the view. A second request with the same token waits at that insert
  until the first one's transaction ends (PostgreSQL's unique index; SQLite's single writer),
  so a double click cannot create two records;
* the claim stays only when the view created something (the services record every creation
  in the audit trail: `create`, or `invite` for an invitation). An invalid form creates
  nothing, so its token is released: the person corrects the form and sends it again;
* a token already used answers with the page `netwerk/already_submitted.html`: what was
  saved and when, a link to it, and, for someone who went back to enter something new, a
  button that sends the same input once more as a new form. Nothing is saved twice, nothing
  typed is lost. An htmx request gets 204 (the first answer already showed the result).

A POST without a token (an API-like client, a page rendered before this existed) is handled
as before. `tests/security/test_form_tokens.py` fails on a create form without the token;
`tests/browser/test_submit_once.py` goes back, resubmits and double-clicks every one.
"""

import contextvars
import datetime
import functools
import re
import secrets
from collections.abc import Callable
from urllib.parse import urlsplit

from django.db import IntegrityError, transaction
from django.db.models.signals import post_save
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

FIELD = "form_token"
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
KEEP_FOR = datetime.timedelta(days=30)
# Audit actions that say a record came into being (accounts.models.AuditEvent.Action).
CREATING_ACTIONS = frozenset({"create", "invite"})

_created: contextvars.ContextVar[list | None] = contextvars.ContextVar("created", default=None)


def new_token() -> str:
    return secrets.token_urlsafe(18)


def _on_audit_saved(sender, instance, created, **kwargs) -> None:
    found = _created.get()
    if found is not None and created and instance.action in CREATING_ACTIONS:
        found.append((instance.object_type, instance.object_id))


def connect_signals() -> None:
    from accounts.models import AuditEvent

    post_save.connect(_on_audit_saved, sender=AuditEvent, dispatch_uid="submit_once_created")


def is_submit_once(view: Callable) -> bool:
    """Whether `view` (or a view it wraps) is decorated with `submit_once`."""
    while view is not None:
        if getattr(view, "submit_once", False):
            return True
        view = getattr(view, "__wrapped__", None)
    return False


def _local_path(request: HttpRequest, url: str) -> str:
    if not url or not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=False
    ):
        return ""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return path if path.startswith("/") and not path.startswith("//") else ""


def _link(request: HttpRequest, response: HttpResponse) -> str:
    """The page that shows what was created: where the view sent the person."""
    candidates = [response["Location"]] if response.has_header("Location") else []
    candidates += [response[h] for h in ("HX-Redirect", "HX-Location") if response.has_header(h)]
    for url in candidates:
        link = _local_path(request, url)
        if link:
            return link[:300]
    if request.htmx and request.htmx.current_url:
        return _local_path(request, request.htmx.current_url)[:300]
    return request.path[:300]


def submit_once(view: Callable) -> Callable:
    """Decorate a create view (innermost, below the role and method checks)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        token = request.POST.get(FIELD, "") if request.method == "POST" else ""
        if not token or not TOKEN_PATTERN.match(token) or not request.user.is_authenticated:
            return view(request, *args, **kwargs)
        from .models import SubmittedForm

        with transaction.atomic():
            try:
                with transaction.atomic():
                    claim = SubmittedForm.objects.create(
                        token=token, user=request.user, path=request.path[:300]
                    )
            except IntegrityError:
                claim = None
            if claim is not None:
                found: list = []
                reset = _created.set(found)
                try:
                    response = view(request, *args, **kwargs)
                finally:
                    _created.reset(reset)
                if found:
                    claim.link = _link(request, response)
                    claim.save(update_fields=["link"])
                    SubmittedForm.objects.filter(
                        user=request.user, created_at__lt=timezone.now() - KEEP_FOR
                    ).delete()
                else:
                    claim.delete()  # nothing was saved: the same form may be sent again
                return response
        return already_submitted(request, token)

    wrapper.submit_once = True
    return wrapper


def already_submitted(request: HttpRequest, token: str) -> HttpResponse:
    from .models import SubmittedForm

    if request.htmx:
        return HttpResponse(status=204)
    earlier = SubmittedForm.objects.filter(token=token, user=request.user).first()
    fields = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in (FIELD, "csrfmiddlewaretoken")
        for value in values
    ]
    context = {
        "earlier": earlier,
        "link": earlier.link if earlier else "",
        "fields": fields,
        "action": request.get_full_path(),
    }
    return render(request, "netwerk/already_submitted.html", context)
