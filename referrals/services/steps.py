"""A referral's status steps and messages: the two things both sides write and read.

Every step and message is audited in both organisations' trails (ids and field names only),
since each organisation answers for its own part of the referral.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import audit_record
from accounts.models import AuditEvent, Membership

from ..models import Referral, ReferralMessage, ReferralStep
from ..reminders import referral_moved

# The steps that may follow each status; the receiver writes all but the first.
NEXT = {
    Referral.Status.SENT: {
        Referral.Status.RECEIVED,
        Referral.Status.ACCEPTED,
        Referral.Status.DECLINED,
    },
    Referral.Status.RECEIVED: {Referral.Status.ACCEPTED, Referral.Status.DECLINED},
    Referral.Status.ACCEPTED: {Referral.Status.FIRST_CONTACT, Referral.Status.ENDED},
    Referral.Status.FIRST_CONTACT: {Referral.Status.ENDED},
    Referral.Status.DECLINED: set(),
    Referral.Status.ENDED: set(),
}


def audit_both_sides(membership: Membership, action: str, referral: Referral, fields=()) -> None:
    """Record the act in the actor's organisation and in the other side's (if on Netwerk)."""
    for organisation in (referral.organisation, referral.to_organisation):
        if organisation is not None:
            audit_record(
                actor=membership.user,
                organisation=organisation,
                action=action,
                obj=referral,
                fields=fields,
            )


@transaction.atomic
def step_record(
    *,
    membership: Membership,
    referral: Referral,
    status: str,
    happened_on: datetime.date | None = None,
    note: str = "",
) -> ReferralStep:
    """Move the referral to `status` (if that step may follow) and keep the step."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if status != Referral.Status.SENT and status not in NEXT[referral.status]:
        raise ValidationError(
            _("This step cannot follow “%(current)s”.") % {"current": referral.get_status_display()}
        )
    happened_on = happened_on or timezone.localdate()
    step = ReferralStep(
        referral=referral,
        status=status,
        happened_on=happened_on,
        note=note.strip(),
        by_organisation=membership.organisation,
        by=membership.user,
    )
    step.full_clean()
    step.save()
    referral.status = status
    referral.status_changed_at = timezone.now()
    referral.save(update_fields=["status", "status_changed_at"])
    audit_both_sides(membership, AuditEvent.Action.UPDATE, referral, ["status"])
    referral_moved(referral)
    return step


def _side(membership: Membership, referral: Referral) -> None:
    if membership.organisation_id not in (referral.organisation_id, referral.to_organisation_id):
        raise PermissionDenied


@transaction.atomic
def message_post(*, membership: Membership, referral: Referral, text: str) -> ReferralMessage:
    """A short message on the referral's thread, from either side. The caller checked that
    `membership` may see the referral (selectors.access); this checks the side again."""
    _side(membership, referral)
    message = ReferralMessage(
        referral=referral,
        organisation=membership.organisation,
        author=membership.user,
        text=text.strip(),
    )
    message.full_clean()
    message.save()
    audit_both_sides(membership, AuditEvent.Action.CREATE, referral, ["messages"])
    return message
