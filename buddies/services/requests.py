"""Buddy requests: a social worker asks a buddy for a participant who consented to it."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AuditEvent, Membership, Role
from netwerk.postcodes import check_postcode
from participants.models import Consent, Participant
from participants.selectors import participant_editable_by
from participants.services.common import has_active_consent

from ..engine.bits import ALL_SLOTS
from ..models import BuddyRequest, Match
from .common import audit, require_manager
from .volunteers import check_languages

REQUEST_FIELDS = (
    "languages",
    "gender_wish",
    "min_age",
    "max_age",
    "availability",
    "wants_lived_experience",
    "municipality",
    "postcode",
    "note",
)


def require_buddy_consent(participant: Participant) -> None:
    if not has_active_consent(participant, Consent.Purpose.BUDDY_SHARING):
        raise ValidationError(
            _(
                "The participant has not consented to sharing contact details with a buddy "
                "(or withdrew it, or it expired). Record their consent in the file first."
            ),
            code="no_buddy_consent",
        )


def _validate(request: BuddyRequest) -> None:
    check_languages(request.languages)
    if not request.languages:
        raise ValidationError(
            {"languages": _("Give at least one language the participant speaks.")}
        )
    if not 0 < request.availability <= ALL_SLOTS:
        raise ValidationError(
            {
                "availability": _(
                    "Choose at least one moment in the week that suits the participant."
                )
            }
        )
    if request.min_age and request.max_age and request.min_age > request.max_age:
        raise ValidationError({"max_age": _("The upper age is below the lower age.")})
    check_postcode(request.postcode)
    request.full_clean(exclude=["participant", "organisation", "requested_by"])


@transaction.atomic
def buddy_request_create(
    *, membership: Membership, participant: Participant, data: dict[str, Any], interests=()
) -> BuddyRequest:
    """Only the participant's own social worker asks, and only with buddy-sharing consent."""
    if not participant_editable_by(membership, participant):
        raise PermissionDenied
    require_buddy_consent(participant)
    if BuddyRequest.objects.filter(
        participant=participant,
        status__in=[BuddyRequest.Status.WAITING, BuddyRequest.Status.MATCHED],
    ).exists():
        raise ValidationError(_("This participant already has an open buddy request."))
    request = BuddyRequest(
        organisation_id=participant.organisation_id,
        participant=participant,
        requested_by=membership.user,
        languages=list(participant.languages or []),
        municipality=participant.municipality,
        postcode=participant.postcode,
        waiting_since=timezone.localdate(),
    )
    for field in REQUEST_FIELDS:
        if field in data and data[field] is not None:
            setattr(request, field, data[field])
    if any(tag.organisation_id != participant.organisation_id for tag in interests):
        raise ValidationError({"interests": _("Choose interests of your own organisation.")})
    _validate(request)
    request.save()
    request.interests.set(interests)
    audit(membership, AuditEvent.Action.CREATE, request)
    return request


@transaction.atomic
def buddy_request_close(*, membership: Membership, request: BuddyRequest) -> BuddyRequest:
    """Take a request off the waiting list (the participant no longer wants a buddy)."""
    if membership.role == Role.SOCIAL_WORKER:
        if not participant_editable_by(membership, request.participant):
            raise PermissionDenied
    else:
        require_manager(membership, request.organisation_id)
    if request.matches.filter(status__in=Match.OPEN).exists():
        raise ValidationError(_("Close the open match first."))
    request.status = BuddyRequest.Status.CLOSED
    request.save(update_fields=["status"])
    audit(membership, AuditEvent.Action.UPDATE, request, ["status"])
    return request
