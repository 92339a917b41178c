"""The buddy card on a participant's file, loaded after the page (no queries on the file page)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from accounts.models import Role
from netwerk.permissions import role_required
from participants.models import Consent
from participants.selectors import participant_editable_by, participant_get_for
from participants.services.common import has_active_consent

from .. import selectors
from ..models import BuddyRequest


def buddy_file_card(request: HttpRequest, participant) -> tuple[str, dict]:
    """Registered with the file page in BuddiesConfig.ready()."""
    return ("buddies/_file_card.html", {"participant": participant})


@role_required(Role.SOCIAL_WORKER, Role.ORG_ADMIN)
@require_safe
def participant_buddy(request: HttpRequest, participant_pk: int) -> HttpResponse:
    membership = request.membership
    participant = participant_get_for(membership, participant_pk)  # 404 out of reach
    can_edit = participant_editable_by(membership, participant)
    context = {
        "participant": participant,
        "can_edit": can_edit,
        "buddy_matches": list(selectors.participant_buddy_matches(membership, participant.pk)),
        "earlier_buddies": list(selectors.participant_buddy_history(membership, participant.pk)),
        "worries": list(selectors.participant_worries(membership, participant.pk)[:10]),
        "buddy_request_open": selectors.requests_visible_to(membership)
        .filter(participant=participant, status=BuddyRequest.Status.WAITING)
        .exists(),
        "can_request_buddy": can_edit
        and has_active_consent(participant, Consent.Purpose.BUDDY_SHARING),
    }
    template = (
        "buddies/_participant_buddy.html" if request.htmx else "buddies/participant_buddy.html"
    )
    return render(request, template, context)
