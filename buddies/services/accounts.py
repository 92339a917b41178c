"""A volunteer's log-in: optional. A coordinator adds a volunteer with their name and contact
details; an invitation to log in may follow later, or never (many volunteers never use the
app). Accepting the invitation links the account to the profile."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext as _

from accounts.audit import audit_record
from accounts.models import AuditEvent, Invitation, Membership, Role
from accounts.services import invitation_create
from netwerk.services import audit

from ..models import Volunteer
from .common import require_manager
from .volunteers import check_account


@transaction.atomic
def volunteer_invite(*, membership: Membership, volunteer: Volunteer) -> Volunteer:
    """Invite a volunteer without a log-in to the address on their profile. Someone who already
    has the volunteer role here under that address is linked at once."""
    require_manager(membership, volunteer.organisation_id)
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    if volunteer.user_id is not None:
        raise ValidationError(_("This volunteer can log in already."), code="has_account")
    if not volunteer.email:
        raise ValidationError(
            {"email": _("Give the volunteer's e-mail address first: the invitation goes there.")}
        )
    existing = (
        Membership.objects.filter(
            organisation_id=volunteer.organisation_id,
            user__email__iexact=volunteer.email,
            is_active=True,
        )
        .select_related("user")
        .first()
    )
    if existing is not None:
        if existing.role != Role.VOLUNTEER:
            raise ValidationError(
                {"email": _("This address belongs to someone with another role here.")}
            )
        check_account(volunteer.organisation_id, existing.user)
        volunteer.user = existing.user
        volunteer.save(update_fields=["user"])
        audit(membership, AuditEvent.Action.UPDATE, volunteer, ["user"])
        return volunteer
    invitation, _token = invitation_create(
        organisation=membership.organisation,
        email=volunteer.email,
        role=Role.VOLUNTEER,
        invited_by=membership.user,
    )
    volunteer.invitation = invitation
    volunteer.save(update_fields=["invitation"])
    audit(membership, AuditEvent.Action.UPDATE, volunteer, ["invitation"])
    return volunteer


def volunteer_link_invited(*, invitation: Invitation, membership: Membership) -> Volunteer | None:
    """Receiver of `accounts.signals.invitation_accepted`, in its transaction: the volunteer
    profile this invitation was sent for (else one without a log-in under the same address)
    gets the new account."""
    if membership.role != Role.VOLUNTEER:
        return None
    organisation_id = membership.organisation_id
    if Volunteer.objects.filter(
        organisation_id=organisation_id, user_id=membership.user_id
    ).exists():
        return None
    volunteer = (
        Volunteer.objects.select_for_update()
        .filter(organisation_id=organisation_id, user__isnull=True)
        .filter(Q(invitation=invitation) | Q(email__iexact=invitation.email))
        .order_by(
            Case(
                When(invitation=invitation, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            "id",
        )
        .first()
    )
    if volunteer is None:
        return None
    volunteer.user_id = membership.user_id
    volunteer.save(update_fields=["user"])
    audit_record(
        actor=membership.user,
        organisation=membership.organisation,
        action=AuditEvent.Action.UPDATE,
        obj=volunteer,
        fields=["user"],
    )
    return volunteer
