"""Creating and changing the participant file itself."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AuditEvent, Membership, Role
from netwerk.services import apply_changes, audit

from ..models import SPECIAL_CATEGORY_FIELDS, Consent, Participant
from .common import has_active_consent, require_writer, save_as
from .consents import consent_give, consent_record

# Fields a social worker sets through the file forms, the API and the import.
EDITABLE_FIELDS = (
    "first_name",
    "last_name",
    "preferred_name",
    "phone",
    "email",
    "address",
    "preferred_channel",
    "birth_year",
    "gender",
    "languages",
    "municipality",
    "postcode",
    "household",
    "has_smartphone",
    "internet_at_home",
    "digital_comfort",
    "migration_background",
    "health_remarks",
    "status",
    "closed_on",
    "closed_reason",
)


def _check_rules(
    participant: Participant, *, file_consent: bool, changed: frozenset[str] | None = None
) -> None:
    """The file's own rules. `changed` names the fields set now (None: all, on creation)."""
    errors: dict[str, list[str]] = {}
    if participant.closed_on and participant.closed_on > timezone.localdate():
        errors.setdefault("closed_on", []).append(_("A file cannot be closed in the future."))
    if participant.status == Participant.Status.CLOSED:
        if not participant.closed_reason:
            errors.setdefault("closed_reason", []).append(_("Say why the file is closed."))
        if participant.closed_on is None:
            participant.closed_on = timezone.localdate()
    else:
        participant.closed_on = None
        participant.closed_reason = ""
    if not file_consent:
        if participant.status == Participant.Status.ACTIVE:
            errors.setdefault("status", []).append(
                _("A file becomes active only after the participant consented to it.")
            )
        for field in SPECIAL_CATEGORY_FIELDS:
            if getattr(participant, field) and (changed is None or field in changed):
                errors.setdefault(field, []).append(
                    _("Sensitive data needs the participant's consent to a file first.")
                )
    if participant.birth_year is not None:
        this_year = timezone.localdate().year
        if not this_year - 110 <= participant.birth_year <= this_year:
            errors.setdefault("birth_year", []).append(_("Give a birth year that exists."))
    if errors:
        raise ValidationError(errors)


def _clean_languages(value: Any) -> list[str]:
    if isinstance(value, str):
        value = value.replace(";", ",").split(",")
    return sorted({str(code).strip().lower() for code in value or [] if str(code).strip()})


@transaction.atomic
def participant_create(
    *,
    membership: Membership,
    data: dict[str, Any],
    file_consent_method: str | None = None,
    file_consent_on=None,
) -> Participant:
    """A social worker opens a file (assigned to them), optionally with file consent at once."""
    if membership.role != Role.SOCIAL_WORKER:
        raise PermissionDenied
    data = {key: value for key, value in data.items() if key in EDITABLE_FIELDS}
    if "languages" in data:
        data["languages"] = _clean_languages(data["languages"])
    participant = Participant(
        organisation=membership.organisation, social_worker=membership.user, **data
    )
    _check_rules(participant, file_consent=file_consent_method is not None)
    participant.full_clean()
    save_as(participant, membership)
    audit(membership, AuditEvent.Action.CREATE, participant, data.keys())
    if file_consent_method is not None:
        consent_give(
            membership=membership,
            participant=participant,
            purpose=Consent.Purpose.FILE,
            given_on=file_consent_on or timezone.localdate(),
            method=file_consent_method,
        )
    return participant


@transaction.atomic
def participant_update(
    *, membership: Membership, participant: Participant, data: dict[str, Any]
) -> Participant:
    require_writer(membership, participant)
    data = {key: value for key, value in data.items() if key in EDITABLE_FIELDS}
    if "languages" in data:
        data["languages"] = _clean_languages(data["languages"])
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    changed = apply_changes(participant, data)
    _check_rules(
        participant,
        file_consent=has_active_consent(participant, Consent.Purpose.FILE),
        changed=frozenset(changed),
    )
    if changed:
        participant.full_clean()
        save_as(participant, membership)
        audit(membership, AuditEvent.Action.UPDATE, participant, changed)
    return participant


# Who may open a file at the intake of a referral, for a social worker of their organisation.
INTAKE_CREATORS = frozenset({Role.SOCIAL_WORKER, Role.COORDINATOR, Role.ORG_ADMIN})


@transaction.atomic
def participant_intake_create(
    *,
    membership: Membership,
    social_worker: Membership,
    data: dict[str, Any],
    consent_method: str,
    consent_on,
    consent_purposes=(Consent.Purpose.FILE,),
) -> Participant:
    """A file opened when another organisation's referral is accepted (referrals app).

    The intake worker who accepts it (a social worker, coordinator or org admin) opens the file
    for `social_worker`, an active social worker of the same organisation, who writes to it from
    then on. The organisation is its own controller: the participant's consent to this file (and
    to sharing contact details with a buddy, when a buddy is asked at once) is recorded with it,
    as the intake worker heard it; the consent to the referral covered only the sending.
    """
    if (
        membership.role not in INTAKE_CREATORS
        or not membership.is_active
        or social_worker.role != Role.SOCIAL_WORKER
        or not social_worker.is_active
        or social_worker.organisation_id != membership.organisation_id
    ):
        raise PermissionDenied
    data = {key: value for key, value in data.items() if key in EDITABLE_FIELDS}
    if "languages" in data:
        data["languages"] = _clean_languages(data["languages"])
    participant = Participant(
        organisation=membership.organisation, social_worker=social_worker.user, **data
    )
    _check_rules(participant, file_consent=Consent.Purpose.FILE in consent_purposes)
    participant.full_clean()
    save_as(participant, membership)
    audit(membership, AuditEvent.Action.CREATE, participant, data.keys())
    for purpose in consent_purposes:
        consent_record(
            membership=membership,
            participant=participant,
            purpose=purpose,
            given_on=consent_on or timezone.localdate(),
            method=consent_method,
        )
    return participant
