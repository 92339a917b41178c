"""Buddy requests: a social worker asks a buddy for a participant who consented to it."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AuditEvent, Membership, Role
from netwerk.postcodes import check_postcode
from netwerk.services import audit
from participants.models import Consent, Participant
from participants.selectors import participant_editable_by
from participants.services.common import has_active_consent

from ..engine.bits import ALL_SLOTS
from ..models import BuddyRequest, Match
from .common import require_manager
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
    return _create(membership, participant, data, interests)


# Who asks for a buddy at the intake of a referral (the referrals app checks they handle it).
INTAKE_ROLES = frozenset({Role.SOCIAL_WORKER, Role.COORDINATOR, Role.ORG_ADMIN})


@transaction.atomic
def buddy_request_create_on_intake(
    *, membership: Membership, participant: Participant, data: dict[str, Any]
) -> BuddyRequest:
    """A request made when a referral to a buddy project is accepted: the intake worker of the
    participant's organisation asks, for a file of their organisation that is not anonymised,
    with buddy-sharing consent like any request. The referral was the social worker's ask."""
    if (
        membership.role not in INTAKE_ROLES
        or not membership.is_active
        or participant.organisation_id != membership.organisation_id
        or participant.anonymised_on is not None
    ):
        raise PermissionDenied
    return _create(membership, participant, data, ())


def _create(membership, participant, data, interests) -> BuddyRequest:
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


def _require_request_writer(membership: Membership, request: BuddyRequest) -> None:
    """The coordinator (or org admin) of the organisation, or the participant's own social
    worker."""
    if membership.role == Role.SOCIAL_WORKER:
        if not participant_editable_by(membership, request.participant):
            raise PermissionDenied
    else:
        require_manager(membership, request.organisation_id)


def _differs(field: str, old, new) -> bool:
    # Languages are a set: the form lists them in its own order, which is no change.
    if field == "languages":
        return sorted(old or []) != sorted(new or [])
    return old != new


@transaction.atomic
def buddy_request_update(
    *, membership: Membership, request: BuddyRequest, data: dict[str, Any], interests=None
) -> BuddyRequest:
    """Correct a request's wishes while it waits or is matched; a closed one is history."""
    _require_request_writer(membership, request)
    request = BuddyRequest.objects.select_for_update().get(pk=request.pk)
    if request.status == BuddyRequest.Status.CLOSED:
        raise ValidationError(_("This request is closed; it is kept as it was."), code="closed")
    changed = [f for f in REQUEST_FIELDS if f in data and _differs(f, getattr(request, f), data[f])]
    for field in changed:
        setattr(request, field, data[field])
    _validate(request)
    request.save()
    if interests is not None:
        if any(tag.organisation_id != request.organisation_id for tag in interests):
            raise ValidationError({"interests": _("Choose interests of your own organisation.")})
        request.interests.set(interests)
        changed.append("interests")
    audit(membership, AuditEvent.Action.UPDATE, request, changed)
    return request


def request_delete_problem(request: BuddyRequest) -> str:
    """Why a request may not be deleted, in words; empty when it may. A request with a running
    match, or one that ended, is part of the participant's story and is closed instead."""
    statuses = set(request.matches.values_list("status", flat=True))
    if statuses & set(Match.OPEN):
        return _("This request has a running match: close the match first.")
    if Match.Status.CLOSED in statuses:
        return _(
            "A match for this request has ended: the request stays in the participant's history. "
            "Take it off the waiting list instead."
        )
    return ""


@transaction.atomic
def buddy_request_delete(*, membership: Membership, request: BuddyRequest) -> None:
    """Remove a request made by mistake (a duplicate), with the suggestions set aside for it."""
    _require_request_writer(membership, request)
    request = BuddyRequest.objects.select_for_update().get(pk=request.pk)
    problem = request_delete_problem(request)
    if problem:
        raise ValidationError(problem, code="has_matches")
    audit(membership, AuditEvent.Action.DELETE, request)
    request.delete()


@transaction.atomic
def buddy_request_close(*, membership: Membership, request: BuddyRequest) -> BuddyRequest:
    """Take a request off the waiting list (the participant no longer wants a buddy)."""
    _require_request_writer(membership, request)
    if request.matches.filter(status__in=Match.OPEN).exists():
        raise ValidationError(_("Close the open match first."))
    request.status = BuddyRequest.Status.CLOSED
    request.save(update_fields=["status"])
    audit(membership, AuditEvent.Action.UPDATE, request, ["status"])
    return request
