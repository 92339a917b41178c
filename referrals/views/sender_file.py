"""The participant file's "Referrals" card and timeline entries, registered in
`ReferralsConfig.ready()` (participants never imports referrals)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from accounts.audit import audit_record
from accounts.models import AuditEvent, Role
from netwerk.permissions import role_required
from participants.models import Participant
from participants.selectors import participant_editable_by, participant_get_for
from participants.selectors.timeline import TimelineEntry

from ..models import Referral
from ..selectors.sender import referrals_sent_for_file
from ..services.sending import require_referrable

CARD_SIZE = 10


def referrals_file_card(request: HttpRequest, participant: Participant):
    """The card (loaded by htmx after the page: no queries on the file page) for the file's
    social worker and the org admin; colleagues reading the file see none."""
    membership = request.membership
    if membership is None:
        return None
    if not (membership.role == Role.ORG_ADMIN or participant_editable_by(membership, participant)):
        return None
    return ("referrals/sender/_file_card.html", {"participant": participant})


@role_required(Role.SOCIAL_WORKER, Role.ORG_ADMIN)
@require_safe
def sender_file_card(request: HttpRequest, participant_pk: int) -> HttpResponse:
    membership = request.membership
    participant = participant_get_for(membership, participant_pk)  # 404 out of reach
    audit_record(
        actor=request.user,
        organisation=membership.organisation,
        action=AuditEvent.Action.READ,
        obj=participant,
        fields=["referrals"],
    )
    referrals = list(referrals_sent_for_file(membership, participant)[: CARD_SIZE + 1])
    can_refer = participant_editable_by(membership, participant)
    if can_refer:
        try:
            require_referrable(membership, participant)
        except (ValidationError, PermissionDenied):  # closed, or no file consent
            can_refer = False
    context = {
        "participant": participant,
        "referrals": referrals[:CARD_SIZE],
        "more": len(referrals) > CARD_SIZE,
        "can_refer": can_refer,
    }
    template = (
        "referrals/sender/_file_card_content.html"
        if request.htmx
        else "referrals/sender/file_card.html"
    )
    return render(request, template, context)


def _moment(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


def referral_entries(participant: Participant, limit: int) -> list[TimelineEntry]:
    """Referrals sent from this file and their consent's withdrawal: one query. The template
    shows an entry only to those who may see the referral (`can_see_sent`)."""
    referrals = Referral.objects.filter(participant_id=participant.pk).order_by("-sent_at", "-id")[
        :limit
    ]
    entries = []
    for referral in referrals:
        referral.participant = participant  # the rule reads the file's social worker
        day = timezone.localtime(referral.sent_at).date()
        entries.append(
            TimelineEntry(
                "referral",
                day,
                (day, referral.sent_at),
                referral,
                change="sent",
                template="referrals/sender/_timeline_entry.html",
            )
        )
        if referral.consent_withdrawn_on:
            day = referral.consent_withdrawn_on
            entries.append(
                TimelineEntry(
                    "referral",
                    day,
                    (day, _moment(day)),
                    referral,
                    change="withdrawn",
                    template="referrals/sender/_timeline_entry.html",
                )
            )
    return entries
