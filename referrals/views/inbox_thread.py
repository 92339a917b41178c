"""The message thread of a referral, posted from either side's page (or with htmx)."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from netwerk.forms import add_service_errors, render_form
from netwerk.permissions import role_required
from netwerk.submit_once import submit_once

from ..forms_inbox import ThreadForm
from ..selectors import inbox as selectors
from ..selectors.access import INTAKE_ROLES
from ..services.steps import message_post

# The sender's roles (social worker, org admin) are intake roles too.
THREAD_ROLES = tuple(INTAKE_ROLES)


def _back(request: HttpRequest, referral) -> str:
    """The page the message was sent from (`next`, on this site only), else the receiver's
    detail page or the home page."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    if referral.to_organisation_id == request.membership.organisation_id:
        return reverse("referrals:inbox_detail", args=[referral.pk])
    return reverse("home")


@role_required(*THREAD_ROLES)
@require_POST
@submit_once
def thread_post(request: HttpRequest, pk: int) -> HttpResponse:
    """Either side may write: the referral must be within the sender's or the receiver's reach
    (`referral_sent_get` or `referral_received_get`), else 404."""
    referral = selectors.referral_for_thread(request.membership, pk)
    form = ThreadForm(request.POST)
    if form.is_valid():
        try:
            message_post(
                membership=request.membership, referral=referral, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if not request.htmx:
                return redirect(_back(request, referral))
            form = ThreadForm()
    thread = selectors.thread_messages(referral)
    if request.htmx:  # the partial alone, swapped in place of the thread
        context = {"referral": referral, "messages": thread, "thread_form": form}
        return render_form(request, "referrals/_thread.html", context, form)
    # Without JavaScript: a page with the thread and the form, the input kept.
    context = {
        "referral": referral,
        "thread_messages": thread,
        "thread_form": form,
        "back": _back(request, referral),
    }
    return render_form(request, "referrals/inbox/thread.html", context, form)
