"""The waiting list, suggestions for one request, the batch proposal, and approving."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.models import Role
from netwerk.forms import add_service_errors, render_form
from netwerk.languages import language_names
from netwerk.permissions import role_required
from netwerk.submit_once import submit_once
from participants.selectors import participant_get_for

from .. import explain, explain_misses, selectors, services
from ..availability import mask_labels
from ..forms import BuddyRequestForm, ProposeForm, SetAsideForm
from ..models import BuddyRequest
from ..selectors.proposals import batch_proposal, suggestions_with_misses
from .common import MANAGERS, flash_errors, request_or_404, volunteer_or_404


def _with_reasons(proposals):
    for proposal in proposals:
        proposal.reasons = explain.reasons(proposal.explanation)
        proposal.conditions = explain.conditions(proposal.explanation)
    return proposals


def age_band(birth_year: int | None) -> str:
    if not birth_year:
        return ""
    decade = (timezone.localdate().year - birth_year) // 10 * 10
    return f"{decade}\u2013{decade + 9}"


def with_wishes(requests):
    """What the templates show of a request: names and labels, not codes."""
    for r in requests:
        r.language_names = language_names(r.languages)
        r.slot_labels = mask_labels(r.availability)
        r.interest_names = [tag.name for tag in r.interests.all()]
        r.age_band = age_band(r.participant.birth_year)
    return requests


@role_required(*MANAGERS)
@require_safe
def waiting_list(request: HttpRequest) -> HttpResponse:
    requests = with_wishes(list(selectors.waiting_list(request.membership)))
    return render(request, "buddies/waiting_list.html", {"requests": requests})


@role_required(*MANAGERS)
@require_safe
def suggestions(request: HttpRequest, pk: int) -> HttpResponse:
    buddy_request = request_or_404(request, pk)
    if buddy_request.status != BuddyRequest.Status.WAITING:
        messages.info(request, _("This request is no longer on the waiting list."))
        return redirect("buddies:waiting_list")
    found = suggestions_with_misses(buddy_request)
    return render(
        request,
        "buddies/suggestions.html",
        {
            "buddy_request": buddy_request,
            "r": with_wishes([buddy_request])[0],
            "proposals": _with_reasons(found.proposals),
            "why": explain_misses.describe(found.why),
            "set_aside_form": SetAsideForm(),
        },
    )


@role_required(*MANAGERS)
@require_POST
@submit_once
def propose(request: HttpRequest, pk: int) -> HttpResponse:
    """The coordinator approves a suggestion: the match is proposed to both sides."""
    buddy_request = request_or_404(request, pk)
    form = ProposeForm(request.POST)
    if not form.is_valid():
        raise Http404
    volunteer = volunteer_or_404(request, form.cleaned_data["volunteer"])
    try:
        match = services.match_propose(
            membership=request.membership, request=buddy_request, volunteer=volunteer
        )
    except ValidationError as error:
        flash_errors(request, error)
        if request.POST.get("next") == "batch":
            return redirect("buddies:batch")
        return redirect("buddies:suggestions", pk)
    messages.success(
        request,
        _("Proposed %(volunteer)s for %(participant)s. Plan the introduction next.")
        % {
            "volunteer": volunteer.short_name,
            "participant": buddy_request.participant.first_name,
        },
    )
    if request.POST.get("next") == "batch":
        return redirect("buddies:batch")
    return redirect("buddies:match_detail", match.pk)


@role_required(*MANAGERS)
@require_POST
def set_aside(request: HttpRequest, pk: int) -> HttpResponse:
    buddy_request = request_or_404(request, pk)
    form = SetAsideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why you set this volunteer aside."))
        return redirect("buddies:suggestions", pk)
    volunteer = volunteer_or_404(request, form.cleaned_data["volunteer"])
    try:
        services.suggestion_decline(
            membership=request.membership,
            request=buddy_request,
            volunteer=volunteer,
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("The volunteer will not be suggested for this request again."))
    return redirect("buddies:suggestions", pk)


@role_required(*MANAGERS)
@require_safe
def batch(request: HttpRequest) -> HttpResponse:
    result = batch_proposal(
        organisation_id=request.membership.organisation_id, viewer_id=request.user.pk
    )
    _with_reasons(result.proposals)
    for unmatched in result.unmatched:
        explain_misses.describe(unmatched.why)
    return render(request, "buddies/batch.html", {"batch": result})


@role_required(Role.SOCIAL_WORKER)
@require_http_methods(["GET", "POST"])
@submit_once
def request_create(request: HttpRequest) -> HttpResponse:
    """The social worker asks a buddy for a participant from their own caseload."""
    raw = request.GET.get("participant") or request.POST.get("participant") or ""
    if not raw.isdigit():
        raise Http404
    participant = participant_get_for(request.membership, int(raw))
    membership = request.membership
    form = BuddyRequestForm(
        request.POST or None,
        organisation_id=membership.organisation_id,
        initial={
            "languages": participant.languages,
            "municipality": participant.municipality,
            "postcode": participant.postcode,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        interests = list(data.pop("interests", []))
        try:
            services.buddy_request_create(
                membership=membership, participant=participant, data=data, interests=interests
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The buddy request was sent to the coordinator. You will see the match here."),
            )
            return redirect("participants:detail", participant.pk)
    return render_form(
        request,
        "buddies/request_form.html",
        {"form": form, "participant": participant},
        form,
    )
