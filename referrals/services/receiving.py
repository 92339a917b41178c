"""The receiving side's answers to a referral: open it, accept it, decline it, and report the
first contact and the end.

Only the receiving organisation's intake roles act here (`selectors.access.INTAKE_ROLES`); the
views fetched the referral through `referral_received_get`, and each service checks the side
again. Accepting opens a file in the receiving organisation (its own controller, so the
participant's consent to that file is recorded with it) or links a file it already has, and
may put a buddy request on its waiting list; the sender sees only the status steps.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.audit import audit_record
from accounts.models import AuditEvent, Membership
from buddies.engine.bits import ALL_SLOTS
from buddies.models import BuddyRequest
from buddies.services import buddy_request_create_on_intake
from participants.models import Consent, Participant
from participants.services import participant_intake_create

from ..models import Referral
from ..selectors.access import INTAKE_ROLES
from ..selectors.inbox import DeclineReason, buddy_possible, possible_duplicates, shared_person
from .steps import step_record

# The steps the receiver reports after accepting.
REPORTED_STEPS = (Referral.Status.FIRST_CONTACT, Referral.Status.ENDED)


def _require_receiver(membership: Membership, referral: Referral) -> None:
    if (
        membership is None
        or not membership.is_active
        or membership.role not in INTAKE_ROLES
        or referral.to_organisation_id is None
        or membership.organisation_id != referral.to_organisation_id
    ):
        raise PermissionDenied


def _locked(referral: Referral) -> Referral:
    return Referral.objects.select_for_update().get(pk=referral.pk)


def withdrawn_message(referral: Referral) -> str:
    return _("The participant withdrew the consent on %(date)s: nothing more is shared.") % {
        "date": date_format(referral.consent_withdrawn_on, "SHORT_DATE_FORMAT")
    }


@transaction.atomic
def referral_open(*, membership: Membership, referral: Referral) -> Referral:
    """The receiver opens the referral: a read in their trail, and the first time the step
    "received", which the sender sees."""
    _require_receiver(membership, referral)
    audit_record(
        actor=membership.user,
        organisation=membership.organisation,
        action=AuditEvent.Action.READ,
        obj=referral,
    )
    if referral.status == Referral.Status.SENT:
        locked = _locked(referral)
        if locked.status == Referral.Status.SENT:
            step_record(membership=membership, referral=locked, status=Referral.Status.RECEIVED)
            referral.status = Referral.Status.RECEIVED
    return referral


def _require_open(referral: Referral) -> None:
    if referral.consent_withdrawn:
        raise ValidationError(
            _("%(withdrawn)s You cannot accept this referral.")
            % {"withdrawn": withdrawn_message(referral)},
            code="consent_withdrawn",
        )
    if not referral.is_waiting:
        raise ValidationError(
            _("This referral was answered already (%(status)s).")
            % {"status": referral.get_status_display()},
            code="answered",
        )


def _linkable(referral: Referral, link_to: Participant, viewer_id: int) -> Participant:
    """Only a file the duplicate check found may be linked (not any file of the organisation,
    nor one blocked from the person who links)."""
    found = {duplicate.participant.pk for duplicate in possible_duplicates(referral, viewer_id)}
    if link_to.pk not in found:
        raise ValidationError(
            {"link_to": _("Choose one of the files that may be the same person.")}
        )
    return link_to


@transaction.atomic
def referral_accept(
    *,
    membership: Membership,
    referral: Referral,
    social_worker: Membership | None = None,
    link_to: Participant | None = None,
    consent_method: str = "",
    consent_given_on: datetime.date | None = None,
    buddy_request: bool = False,
    languages: list[str] | None = None,
) -> Referral:
    """Accept: open a new file for `social_worker` (pre-filled with what was shared, with the
    participant's consent to it) or link `link_to`, a possible duplicate; optionally ask a buddy
    at once. All or nothing, and only once."""
    _require_receiver(membership, referral)
    referral = _locked(referral)
    _require_open(referral)
    wants_buddy = bool(buddy_request)
    if wants_buddy and not buddy_possible(referral):
        raise ValidationError(
            {"buddy_request": _("This referral is not for buddy work in your organisation.")}
        )
    if link_to is not None:
        participant = _linkable(referral, link_to, membership.user_id)
    else:
        if social_worker is None:
            raise ValidationError({"social_worker": _("Choose who takes on the file.")})
        if social_worker.organisation_id != membership.organisation_id:
            raise ValidationError(
                {"social_worker": _("Choose a social worker of your own organisation.")}
            )
        if not consent_method:
            raise ValidationError(
                {"consent_method": _("Say how the participant gave your organisation consent.")}
            )
        purposes = [Consent.Purpose.FILE]
        if wants_buddy:
            purposes.append(Consent.Purpose.BUDDY_SHARING)
        data = shared_person(referral)
        if languages:
            data["languages"] = languages
        participant = participant_intake_create(
            membership=membership,
            social_worker=social_worker,
            data=data,
            consent_method=consent_method,
            consent_on=consent_given_on or timezone.localdate(),
            consent_purposes=purposes,
        )
    if wants_buddy:
        _ask_buddy(membership, referral, participant, languages)
    referral.received_participant = participant
    referral.handled_by = membership.user
    referral.save(update_fields=["received_participant", "handled_by"])
    step_record(membership=membership, referral=referral, status=Referral.Status.ACCEPTED)
    referral.refresh_from_db()
    return referral


def _ask_buddy(
    membership: Membership, referral: Referral, participant: Participant, languages
) -> BuddyRequest:
    """A buddy request ready for matching: the shared languages and area; every moment of the
    week until the coordinator hears when the participant is free."""
    person = shared_person(referral)
    data = {
        "languages": list(languages or person.get("languages") or participant.languages or []),
        "municipality": person.get("municipality", participant.municipality),
        "postcode": person.get("postcode", participant.postcode),
        "availability": ALL_SLOTS,
        "note": _(
            "Referred by %(organisation)s. Ask the participant when they are free and change "
            "the availability."
        )
        % {"organisation": referral.organisation.name},
    }
    if not data["languages"]:
        raise ValidationError(
            {"languages": _("Give at least one language the participant speaks.")}
        )
    return buddy_request_create_on_intake(membership=membership, participant=participant, data=data)


@transaction.atomic
def referral_decline(
    *, membership: Membership, referral: Referral, reason: str, text: str = ""
) -> Referral:
    """Decline with one of the common reasons (a code, counted in the figures) and a short text
    (needed for "another reason"). The sender sees the reason and the text."""
    _require_receiver(membership, referral)
    referral = _locked(referral)
    text = (text or "").strip()
    if reason not in dict(DeclineReason.choices):
        raise ValidationError({"reason": _("Choose a reason.")})
    if reason == DeclineReason.OTHER and not text:
        raise ValidationError({"text": _("Say in a few words why you decline.")})
    if not referral.is_waiting:
        raise ValidationError(
            _("This referral was answered already (%(status)s).")
            % {"status": referral.get_status_display()}
        )
    referral.decline_reason = f"{reason}: {text}" if text else reason
    referral.full_clean(
        exclude=[f.name for f in Referral._meta.fields if f.name != "decline_reason"]
    )
    referral.handled_by = membership.user
    referral.save(update_fields=["decline_reason", "handled_by"])
    step_record(
        membership=membership, referral=referral, status=Referral.Status.DECLINED, note=text
    )
    referral.refresh_from_db()
    return referral


@transaction.atomic
def referral_report_step(
    *,
    membership: Membership,
    referral: Referral,
    status: str,
    happened_on: datetime.date | None = None,
    note: str = "",
) -> Referral:
    """The first contact, or the end, after accepting: the date and an optional short note."""
    _require_receiver(membership, referral)
    if status not in REPORTED_STEPS:
        raise ValidationError({"status": _("Choose the first contact or the end.")})
    happened_on = happened_on or timezone.localdate()
    if happened_on > timezone.localdate():
        raise ValidationError({"happened_on": _("This date is in the future.")})
    accepted = referral.steps.filter(status=Referral.Status.ACCEPTED).first()
    if accepted is not None and happened_on < accepted.happened_on:
        raise ValidationError(
            {
                "happened_on": _("This date is before the referral was accepted (%(date)s).")
                % {"date": date_format(accepted.happened_on, "SHORT_DATE_FORMAT")}
            }
        )
    step_record(
        membership=membership,
        referral=referral,
        status=status,
        happened_on=happened_on,
        note=note,
    )
    referral.refresh_from_db()
    return referral
