"""Giving, renewing and withdrawing consent. A withdrawal takes effect at once, and so does an
expiry date passing: every use of a purpose asks `has_active_consent` (or filters on
`Consent.objects.in_force()`) at the moment it needs it.

A consent may be given until a date (`expires_on`); unless the social worker sets or clears it,
the organisation's default validity fills it in. Renewing is giving the consent again, later
than the current one: the new row takes over and the old one is dated `renewed_on`."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import AuditEvent, Membership
from netwerk.services import audit

from ..models import SPECIAL_CATEGORY_FIELDS, Consent, Participant
from ..reminders import consent_ended, default_consent_expiry
from .common import require_writer, save_as

# `consent_give(expires_on=ORGANISATION_DEFAULT)`: the organisation's default validity applies.
ORGANISATION_DEFAULT = object()


def _current(participant: Participant, purpose: str) -> Consent | None:
    return (
        Consent.objects.select_for_update()
        .current()
        .filter(participant=participant, purpose=purpose)
        .first()
    )


def _check_renewal(current: Consent, given_on: datetime.date) -> None:
    """A consent still current is renewed only by one given later and only when it has an
    expiry date; otherwise recording it again is a mistake."""
    if current.expires_on is None or given_on == current.given_on:
        raise ValidationError({"purpose": _("This consent is already recorded and not withdrawn.")})
    if given_on < current.given_on:
        raise ValidationError(
            {
                "given_on": _("A renewal is given after the consent it renews (given on %(date)s).")
                % {"date": date_format(current.given_on, "SHORT_DATE_FORMAT")}
            }
        )


@transaction.atomic
def consent_give(
    *,
    membership: Membership,
    participant: Participant,
    purpose: str,
    given_on: datetime.date,
    method: str,
    expires_on=ORGANISATION_DEFAULT,
) -> Consent:
    require_writer(membership, participant)
    return consent_record(
        membership=membership,
        participant=participant,
        purpose=purpose,
        given_on=given_on,
        method=method,
        expires_on=expires_on,
    )


def consent_record(
    *,
    membership: Membership,
    participant: Participant,
    purpose: str,
    given_on: datetime.date,
    method: str,
    expires_on=ORGANISATION_DEFAULT,
) -> Consent:
    """`consent_give` without the writer check, for the services of this app that checked who
    may act another way (a file opened at the intake of a referral, `participant_intake_create`).
    Call it inside their transaction."""
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": _("Consent cannot be given in the future.")})
    if expires_on is ORGANISATION_DEFAULT:
        expires_on = default_consent_expiry(participant.organisation_id, given_on)
    if expires_on is not None and expires_on < given_on:
        raise ValidationError(
            {"expires_on": _("A consent cannot expire before the day it was given.")}
        )
    current = _current(participant, purpose)
    if current is not None:
        _check_renewal(current, given_on)
        current.renewed_on = given_on
        current.save(update_fields=["renewed_on"])
        audit(membership, AuditEvent.Action.UPDATE, current, ["renewed_on"])
        consent_ended(current)
    consent = Consent(
        participant=participant,
        purpose=purpose,
        given_on=given_on,
        method=method,
        expires_on=expires_on,
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
    audit(membership, AuditEvent.Action.CREATE, consent, ["purpose", "expires_on"])
    return consent


@transaction.atomic
def consent_withdraw(
    *, membership: Membership, consent: Consent, withdrawn_on: datetime.date | None = None
) -> Consent:
    require_writer(membership, consent.participant)
    withdrawn_on = withdrawn_on or timezone.localdate()
    if consent.withdrawn_on is not None:
        raise ValidationError(_("This consent was withdrawn already."))
    if consent.renewed_on is not None:
        raise ValidationError(_("This consent was renewed: withdraw the newer one."))
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
    consent_ended(consent)
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
