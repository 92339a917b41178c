"""Pages of the sending side: refer from the file (choose, fill in, preview, confirm), the
sender's list and one referral, the letter for the participant, the e-mail's retry, and the
withdrawal of the referral's consent.

Only the file's assigned social worker refers and acts (`participant_get_editable`,
`services.sending.can_act_for_sender`); the org admin reads. Every referral is fetched
through `selectors.access` (404 out of reach)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.models import Role
from netwerk.forms import add_service_errors, render_form
from netwerk.permissions import role_required
from netwerk.submit_once import FIELD, submit_once
from participants.models import Consent
from participants.selectors import participant_get_editable
from workmodels.selectors import DirectoryFilters, initiative_search, initiatives_visible_to

from ..forms_inbox import ThreadForm
from ..forms_sender import InitiativeFilterForm, ReferralForm, WithdrawForm
from ..models import ALWAYS_SHARED, SharedItem
from ..selectors.inbox import decline_reason_display, thread_messages
from ..selectors.sender import (
    items_in_words,
    referral_sent_detail,
    referrals_sent,
    shared_in_words,
)
from ..services import sending

READERS = (Role.SOCIAL_WORKER, Role.ORG_ADMIN)
CHOOSER_SIZE = 20
PAGE_SIZE = 25


def _initiative_from(request: HttpRequest, initiatives):
    raw = request.POST.get("initiative") or request.GET.get("initiative") or ""
    return initiatives.filter(pk=int(raw)).first() if raw.isdigit() else None


def _choose(request: HttpRequest, participant) -> HttpResponse:
    form = InitiativeFilterForm(request.GET or None)
    filters = DirectoryFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = DirectoryFilters(
            text=data["text"].strip(),
            work_model=data["work_model"],
            municipality=data["municipality"].strip(),
        )
    results = initiative_search(request.membership, filters).select_related("run_by")
    page = Paginator(results, CHOOSER_SIZE).get_page(request.GET.get("page"))
    context = {"participant": participant, "form": form, "page": page}
    return render(request, "referrals/sender/choose.html", context)


@role_required(Role.SOCIAL_WORKER)
@require_http_methods(["GET", "POST"])
@submit_once
def sender_refer(request: HttpRequest, participant_pk: int) -> HttpResponse:
    """GET without an initiative: choose one in the directory. With one: the form. A valid
    POST shows the preview; only a POST with `confirm=yes` sends."""
    membership = request.membership
    participant = participant_get_editable(membership, participant_pk)  # 404 / 403
    initiatives = initiatives_visible_to(membership).select_related("run_by")
    initiative = _initiative_from(request, initiatives)
    if request.method == "GET" and initiative is None:
        return _choose(request, participant)
    form = ReferralForm(
        request.POST or None,
        initiatives=initiatives,
        initiative=initiative,
        participant=participant,
    )
    context = {
        "participant": participant,
        "initiative": initiative,
        "form": form,
        "always_shared": [SharedItem(item).label for item in SharedItem if item in ALWAYS_SHARED],
    }
    try:
        sending.require_referrable(membership, participant)
    except ValidationError as error:
        context["refusal"] = " ".join(error.messages)
        return render_form(request, "referrals/sender/form.html", context, form, refused=True)
    if request.method == "POST" and form.is_valid() and request.POST.get("edit") != "yes":
        data = form.service_data()
        if request.POST.get("confirm") == "yes":
            try:
                referral = sending.referral_send(
                    membership=membership, participant=participant, **data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The referral was sent."))
                if sending.can_email(referral):
                    _try_email(request, referral)
                return redirect("referrals:sender_detail", referral_pk=referral.pk)
        else:
            context["preview"] = _preview(participant, data)
            context["hidden"] = [
                (key, value)
                for key, values in request.POST.lists()
                if key not in ("csrfmiddlewaretoken", FIELD, "confirm", "edit")
                for value in values
            ]
            return render(request, "referrals/sender/preview.html", context)
    return render_form(request, "referrals/sender/form.html", context, form)


def _preview(participant, data: dict) -> dict:
    items = sending.chosen_items(data["shared_items"])
    shared = sending.build_shared(
        participant,
        items,
        reason=data["reason"],
        work_model=data["work_model"],
        goal=data["goal"],
    )
    method = str(dict(Consent.Method.choices)[data["consent_method"]]).lower()
    return {"items": items_in_words(items, shared), "method": method, **data}


def _try_email(request: HttpRequest, referral) -> None:
    try:
        sending.referral_email_send(membership=request.membership, referral=referral)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The e-mail to the initiative was sent."))


@role_required(*READERS)
@require_safe
def sender_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(referrals_sent(request.membership), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "referrals/sender/list.html", {"page": page})


@role_required(*READERS)
@require_safe
def sender_detail(request: HttpRequest, referral_pk: int) -> HttpResponse:
    referral = referral_sent_detail(request.membership, referral_pk)
    context = {
        "referral": referral,
        "items": shared_in_words(referral),
        "erased": _erased(referral),
        "can_act": sending.can_act_for_sender(request.membership, referral),
        "can_email": sending.can_email(referral),
        "decline_reason": decline_reason_display(referral.decline_reason),
        "thread_messages": thread_messages(referral),
        "thread_form": ThreadForm(),
    }
    return render(request, "referrals/sender/detail.html", context)


@role_required(*READERS)
@require_safe
def sender_letter(request: HttpRequest, referral_pk: int) -> HttpResponse:
    """The letter for the participant to take along or post (for any referral; most useful
    outside Netwerk). After a withdrawal it says so instead of listing what was shared."""
    referral = referral_sent_detail(request.membership, referral_pk)
    context = {
        "referral": referral,
        "items": shared_in_words(referral),
        "erased": _erased(referral),
    }
    return render(request, "referrals/sender/letter.html", context)


def _erased(referral) -> bool:
    """The sender's file was anonymised: its pages show no more of what was shared."""
    return referral.participant is None or referral.participant.anonymised_on is not None


@role_required(Role.SOCIAL_WORKER)
@require_POST
def sender_email(request: HttpRequest, referral_pk: int) -> HttpResponse:
    """Send (or send again after a failure) the e-mail to an initiative outside Netwerk."""
    referral = referral_sent_detail(request.membership, referral_pk)
    if not sending.can_act_for_sender(request.membership, referral):
        raise PermissionDenied
    if not sending.can_email(referral):
        messages.info(request, _("There is no e-mail to send for this referral."))
    else:
        _try_email(request, referral)
    return redirect("referrals:sender_detail", referral_pk=referral.pk)


@role_required(Role.SOCIAL_WORKER)
@require_http_methods(["GET", "POST"])
def sender_withdraw(request: HttpRequest, referral_pk: int) -> HttpResponse:
    """The participant withdraws the referral's consent: a page that says what happens; only
    a POST with `confirm=yes` records it."""
    referral = referral_sent_detail(request.membership, referral_pk)
    if not sending.can_act_for_sender(request.membership, referral):
        raise PermissionDenied
    detail = reverse("referrals:sender_detail", kwargs={"referral_pk": referral.pk})
    if referral.consent_withdrawn:
        messages.info(request, _("This consent was withdrawn already."))
        return redirect(detail)
    confirmed = request.method == "POST" and request.POST.get("confirm") == "yes"
    form = WithdrawForm(request.POST if confirmed else None)
    if confirmed and form.is_valid():
        try:
            sending.referral_consent_withdraw(
                membership=request.membership,
                referral=referral,
                withdrawn_on=form.cleaned_data["withdrawn_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The consent for this referral was withdrawn."))
            return redirect(detail)
    context = {"referral": referral, "form": form, "cancel_url": detail}
    return render_form(request, "referrals/sender/withdraw.html", context, form)
