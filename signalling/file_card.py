"""The card on the participant file: record a barrier met in this file (no query)."""

from django.http import HttpRequest

from accounts.models import Role
from participants.models import Participant
from participants.selectors import participant_editable_by


def signals_file_card(request: HttpRequest, participant: Participant):
    """Registered with the file page in SignallingConfig.ready(): for whoever may record from
    the file (its social worker, an org admin); colleagues reading the file see none."""
    membership = getattr(request, "membership", None)
    if membership is None:
        return None
    if not (membership.role == Role.ORG_ADMIN or participant_editable_by(membership, participant)):
        return None
    return ("signalling/_file_card.html", {"participant": participant})
