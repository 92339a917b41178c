"""Giving and withdrawing consent. A withdrawal takes effect at once: every use of a purpose
asks `has_active_consent` (or filters on it) at the moment it needs it."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AuditEvent, Membership

from ..models import SPECIAL_CATEGORY_FIELDS, Consent, Participant
from .common import audit, require_writer, save_as


@transaction.atomic
def consent_give(
    *,
    membership: Membership,
    participant: Participant,
    purpose: str,
    given_on: datetime.date,
    method: str,
) -> Consent:
    require_writer(membership, participant)
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": _("Consent cannot be given in the future.")})
    consent = Consent(
        participant=participant,
        purpose=purpose,
        given_on=given_on,
        method=method,
        recorded_by=membership.user,
    )
    consent.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            consent.save()
    except IntegrityError:
        raise ValidationError(
            {"purpose": _("This consent is already recorded and not withdrawn.")}
        ) from None
    audit(membership, AuditEvent.Action.CREATE, consent, ["purpose"])
    return consent


@transaction.atomic
def consent_withdraw(
    *, membership: Membership, consent: Consent, withdrawn_on: datetime.date | None = None
) -> Consent:
    require_writer(membership, consent.participant)
    withdrawn_on = withdrawn_on or timezone.localdate()
    if consent.withdrawn_on is not None:
        raise ValidationError(_("This consent was withdrawn already."))
    if withdrawn_on < consent.given_on:
        raise ValidationError(
            {"withdrawn_on": _("A consent cannot be withdrawn before it was given.")}
        )
    if withdrawn_on > timezone.localdate():
        raise ValidationError({"withdrawn_on": _("Withdrawal cannot be in the future.")})
    consent.withdrawn_on = withdrawn_on
    consent.withdrawal_recorded_by = membership.user
    consent.save(update_fields=["withdrawn_on", "withdrawal_recorded_by"])
    audit(membership, AuditEvent.Action.UPDATE, consent, ["withdrawn_on"])
    if consent.purpose == Consent.Purpose.FILE:
        _file_consent_withdrawn(membership, consent.participant)
    return consent


def _file_consent_withdrawn(membership: Membership, participant: Participant) -> None:
    """Without consent to a file there is no ground to keep sensitive data or an active file.

    The special-category fields are emptied at once and an active file is paused; the intake
    stays so the worker can talk it over with the participant. (Older versions remain in the
    edit history until the file is erased or anonymised.)
    """
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    changed = [field for field in SPECIAL_CATEGORY_FIELDS if getattr(participant, field)]
    for field in changed:
        setattr(participant, field, "")
    if participant.status == Participant.Status.ACTIVE:
        participant.status = Participant.Status.PAUSED
        changed.append("status")
    if changed:
        save_as(participant, membership)
        audit(membership, AuditEvent.Action.UPDATE, participant, changed)
