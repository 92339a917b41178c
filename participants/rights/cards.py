"""The "participant rights" card on the file page, for the org admin and the assigned worker."""

from django.http import HttpRequest

from accounts.models import Role

from ..models import Participant
from ..selectors import participant_editable_by
from ..selectors.file_cards import register_file_card


def rights_file_card(request: HttpRequest, participant: Participant):
    membership = request.membership
    if membership is None:
        return None
    is_admin = membership.role == Role.ORG_ADMIN
    if not (is_admin or participant_editable_by(membership, participant)):
        return None
    return (
        "participants/rights/_file_card.html",
        {"participant": participant, "can_erase": is_admin},
    )


register_file_card(rights_file_card)
