"""Actions that cannot simply be taken back ask first, on a page of their own that says what
will happen (works without JavaScript), and offer an undo where one is possible.

GET shows the consequences; only a POST carrying `confirm` acts. A POST without it (a form
from an older page, a double click on a stale button) changes nothing and shows the page.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Role
from netwerk.permissions import role_required

from .. import services
from ..models import Consent, NetworkMember, Participant
from ..selectors.consequences import (
    consent_withdraw_consequences,
    consent_withdraw_undo,
    network_member_delete_consequences,
)
from ..services import network as network_services
from .common import editable_participant

UNDO_MEMBER_KEY = "participants:removed-network-member"


def _confirmed(request: HttpRequest) -> bool:
    return request.method == "POST" and request.POST.get("confirm") == "yes"


def _confirm_page(request: HttpRequest, participant: Participant, **context) -> HttpResponse:
    return render(request, "participants/confirm.html", {"participant": participant, **context})


@role_required(Role.SOCIAL_WORKER)
@require_http_methods(["GET", "POST"])
def consent_withdraw(request: HttpRequest, pk: int, consent_pk: int) -> HttpResponse:
    participant = editable_participant(request, pk)
    consent = Consent.objects.filter(pk=consent_pk, participant=participant).first()
    if consent is None:
        raise Http404
    file_page = reverse("participants:detail", args=[participant.pk]) + "#consents"
    if consent.withdrawn_on is not None:
        messages.info(request, _("This consent was withdrawn already."))
        return redirect(file_page)
    if _confirmed(request):
        try:
            services.consent_withdraw(membership=request.membership, consent=consent)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Consent for “%(purpose)s” was withdrawn; it applies from now on.")
                % {"purpose": consent.get_purpose_display()},
            )
        return redirect(file_page)
    purpose = consent.get_purpose_display()
    return _confirm_page(
        request,
        participant,
        title=_("Withdraw consent for “%(purpose)s”?") % {"purpose": purpose},
        consequences=consent_withdraw_consequences(consent),
        undo=consent_withdraw_undo(consent),
        button=_("Yes, withdraw the consent"),
        cancel_url=file_page,
    )


def _member_or_404(participant: Participant, member_pk: int) -> NetworkMember:
    member = NetworkMember.objects.filter(pk=member_pk, participant=participant).first()
    if member is None:
        raise Http404
    return member


@role_required(Role.SOCIAL_WORKER)
@require_http_methods(["GET", "POST"])
def network_member_delete(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    participant = editable_participant(request, pk)
    member = _member_or_404(participant, member_pk)
    network_page = reverse("participants:network", args=[participant.pk]) + "#network-editor"
    if _confirmed(request):
        removed = network_services.network_member_delete(
            membership=request.membership, member=member
        )
        # Kept on the server, for this person only, until the next removal replaces it.
        request.session[UNDO_MEMBER_KEY] = removed
        return redirect("participants:network_member_removed", participant.pk)
    return _confirm_page(
        request,
        participant,
        title=_("Take %(name)s off the map?") % {"name": member.label},
        consequences=network_member_delete_consequences(member),
        undo=_("You can put %(name)s back right after, on the next page.") % {"name": member.label},
        button=_("Yes, take %(name)s off the map") % {"name": member.label},
        cancel_url=network_page,
    )


def _removed_for(request: HttpRequest, participant: Participant) -> dict | None:
    removed = request.session.get(UNDO_MEMBER_KEY)
    if not removed or removed.get("participant") != participant.pk:
        return None
    return removed


@role_required(Role.SOCIAL_WORKER)
@require_http_methods(["GET"])
def network_member_removed(request: HttpRequest, pk: int) -> HttpResponse:
    participant = editable_participant(request, pk)
    removed = _removed_for(request, participant)
    if removed is None:
        return redirect("participants:network", participant.pk)
    return render(
        request,
        "participants/network/member_removed.html",
        {"participant": participant, "label": removed["fields"]["label"]},
    )


@role_required(Role.SOCIAL_WORKER)
@require_POST
def network_member_restore(request: HttpRequest, pk: int) -> HttpResponse:
    participant = editable_participant(request, pk)
    removed = _removed_for(request, participant)
    if removed is None:
        messages.info(request, _("There is nothing to restore on this map."))
        return redirect("participants:network", participant.pk)
    try:
        network_services.network_member_restore(
            membership=request.membership, participant=participant, removed=removed
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("%(name)s is back on the map.") % {"name": removed["fields"]["label"]}
        )
    request.session.pop(UNDO_MEMBER_KEY, None)
    return redirect(reverse("participants:network", args=[participant.pk]) + "#network-editor")
