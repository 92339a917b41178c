"""The receiving organisation's referral inbox: the list, one referral, accept, decline, the
first contact and the end. Only intake roles (`INTAKE_ROLES`); a referral outside one's inbox
answers 404 (`referral_received_get`, through `inbox_get`)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from netwerk.forms import add_service_errors, render_form
from netwerk.permissions import role_required
from netwerk.submit_once import submit_once
from participants.models import Participant

from ..forms_inbox import LINK, AcceptForm, DeclineForm, InboxFilterForm, StepForm, ThreadForm
from ..models import Referral
from ..selectors import inbox as selectors
from ..selectors.access import INTAKE_ROLES
from ..services import receiving

ROLES = tuple(INTAKE_ROLES)
PER_PAGE = 25


@role_required(*ROLES)
@require_safe
def inbox_list(request: HttpRequest) -> HttpResponse:
    membership = request.membership
    form = InboxFilterForm(request.GET or None, initiatives=selectors.inbox_initiatives(membership))
    filters = selectors.InboxFilters()
    if form.is_valid():
        filters = selectors.InboxFilters(
            status=form.cleaned_data["status"], initiative=form.cleaned_data["initiative"]
        )
    page = Paginator(selectors.inbox_list(membership, filters), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "referrals/inbox/list.html",
        {"form": form, "page": page, "referrals": page.object_list},
    )


def _detail_context(request: HttpRequest, referral: Referral, **extra) -> dict:
    return {
        "referral": referral,
        "rows": selectors.shared_rows(referral),
        "steps": selectors.referral_steps(referral),
        # The partial names them `messages`; the page's own `messages` are the flash messages.
        "thread_messages": selectors.thread_messages(referral),
        "thread_form": ThreadForm(),
        "step_form": StepForm(),
        "decline_reason": selectors.decline_reason_display(referral.decline_reason),
        "withdrawn": receiving.withdrawn_message(referral) if referral.consent_withdrawn else "",
        **extra,
    }


@role_required(*ROLES)
@require_safe
def inbox_detail(request: HttpRequest, pk: int) -> HttpResponse:
    referral = selectors.inbox_get(request.membership, pk)
    receiving.referral_open(membership=request.membership, referral=referral)
    return render(request, "referrals/inbox/detail.html", _detail_context(request, referral))


@role_required(*ROLES)
@require_http_methods(["GET", "POST"])
@submit_once
def inbox_accept(request: HttpRequest, pk: int) -> HttpResponse:
    membership = request.membership
    referral = selectors.inbox_get(membership, pk)
    duplicates = selectors.possible_duplicates(referral, request.user.pk)
    workers = list(selectors.intake_social_workers(membership.organisation_id))
    buddy = selectors.buddy_possible(referral)
    person = selectors.shared_person(referral)
    initial = {"languages": person.get("languages", []), "consent_given_on": timezone.localdate()}
    if any(m.user_id == membership.user_id for m in workers):
        initial["social_worker"] = next(m.pk for m in workers if m.user_id == membership.user_id)
    form = AcceptForm(
        _posted(request), workers=workers, duplicates=duplicates, buddy=buddy, initial=initial
    )
    refused = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        link = data["choice"] == LINK
        try:
            receiving.referral_accept(
                membership=membership,
                referral=referral,
                social_worker=None
                if link
                else next((m for m in workers if m.pk == data["social_worker"]), None),
                link_to=Participant.objects.filter(
                    pk=data["link_to"], organisation_id=membership.organisation_id
                ).first()
                if link
                else None,
                consent_method=data.get("consent_method") or "",
                consent_given_on=data.get("consent_given_on"),
                buddy_request=data.get("buddy_request", False),
                languages=data.get("languages") or None,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            refused = True
        else:
            messages.success(request, _("The referral is accepted. The sender sees this."))
            return redirect("referrals:inbox_detail", referral.pk)
    return render_form(
        request,
        "referrals/inbox/accept.html",
        {
            "referral": referral,
            "form": form,
            "duplicates": duplicates,
            "rows": selectors.shared_rows(referral),
            "withdrawn": receiving.withdrawn_message(referral)
            if referral.consent_withdrawn
            else "",
        },
        form,
        refused=refused,
    )


@role_required(*ROLES)
@require_http_methods(["GET", "POST"])
def inbox_decline(request: HttpRequest, pk: int) -> HttpResponse:
    """A confirmation page with the reason: only a POST with confirm=yes declines."""
    referral = selectors.inbox_get(request.membership, pk)
    form = DeclineForm(_posted(request))
    if request.method == "POST" and form.is_valid() and request.POST.get("confirm") == "yes":
        try:
            receiving.referral_decline(
                membership=request.membership,
                referral=referral,
                reason=form.cleaned_data["reason"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The referral is declined. The sender sees the reason."))
            return redirect("referrals:inbox_detail", referral.pk)
    return render_form(
        request,
        "referrals/inbox/decline.html",
        {"referral": referral, "form": form},
        form,
        refused=request.method == "POST" and not form.errors,
    )


def _step(request: HttpRequest, pk: int, status: str, template: str, confirm: bool):
    referral = selectors.inbox_get(request.membership, pk)
    form = StepForm(_posted(request))
    confirmed = not confirm or request.POST.get("confirm") == "yes"
    if request.method == "POST" and form.is_valid() and confirmed:
        try:
            receiving.referral_report_step(
                membership=request.membership,
                referral=referral,
                status=status,
                happened_on=form.cleaned_data["happened_on"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved. The sender sees this step."))
            return redirect("referrals:inbox_detail", referral.pk)
    return render_form(
        request,
        template,
        {"referral": referral, "form": form, "status": status},
        form,
        refused=request.method == "POST" and not form.errors,
    )


@role_required(*ROLES)
@require_http_methods(["GET", "POST"])
def inbox_first_contact(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request, pk, Referral.Status.FIRST_CONTACT, "referrals/inbox/first_contact.html", False
    )


@role_required(*ROLES)
@require_http_methods(["GET", "POST"])
def inbox_end(request: HttpRequest, pk: int) -> HttpResponse:
    """A confirmation page: only a POST with confirm=yes records the end (it is the last step)."""
    return _step(request, pk, Referral.Status.ENDED, "referrals/inbox/end.html", True)


def _posted(request: HttpRequest):
    """A POST binds the form even when empty (an empty POST is refused input: 400)."""
    return request.POST if request.method == "POST" else None
