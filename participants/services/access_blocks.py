"""Blocking a named colleague from one file, and ending that block. Org admins only.

Every create and end is audited (ids and field names, never the note). The blocked person is
not told and the file's timeline does not show it: they must not learn of it.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AuditEvent, Membership, Role, User
from netwerk.services import audit

from ..models import AccessBlock, Participant

# The roles a block can keep away from a file: everyone who could meet it somewhere.
BLOCKABLE_ROLES = (Role.SOCIAL_WORKER, Role.COORDINATOR, Role.VOLUNTEER, Role.ORG_ADMIN)


def require_org_admin(membership: Membership) -> None:
    if not (membership.role == Role.ORG_ADMIN and membership.is_active):
        raise PermissionDenied


def blockable_people(organisation_id: int):
    """Who can be blocked: the organisation's active staff and volunteers."""
    return (
        User.objects.filter(
            memberships__organisation_id=organisation_id,
            memberships__role__in=BLOCKABLE_ROLES,
            memberships__is_active=True,
        )
        .distinct()
        .order_by("full_name", "email")
    )


@transaction.atomic
def access_block_create(
    *,
    membership: Membership,
    participant: Participant,
    user: User | int | None,
    reason: str,
    note: str = "",
) -> AccessBlock:
    """Keep `user` away from `participant`'s file from now on, everywhere it could appear.

    Refused: oneself (an admin who should not read a file asks another admin), someone outside
    the organisation, and the file's own social worker (the file would have nobody to keep it:
    hand it to another social worker first, then block)."""
    require_org_admin(membership)
    if participant.organisation_id != membership.organisation_id:
        raise PermissionDenied
    user_id = user.pk if isinstance(user, User) else user
    person = blockable_people(membership.organisation_id).filter(pk=user_id).first()
    if person is None:
        raise ValidationError(
            {"user": _("Choose an active colleague or volunteer of this organisation.")},
            code="not_in_organisation",
        )
    if person.pk == membership.user_id:
        raise ValidationError(
            {"user": _("You cannot block yourself. Ask another organisation admin.")},
            code="oneself",
        )
    if person.pk == participant.social_worker_id:
        raise ValidationError(
            {
                "user": _(
                    "This is the file's own social worker. Hand the file to another social "
                    "worker first, then block."
                )
            },
            code="own_social_worker",
        )
    if reason not in AccessBlock.Reason.values:
        raise ValidationError({"reason": _("Choose a reason.")}, code="required")
    block = AccessBlock(
        organisation_id=membership.organisation_id,
        participant=participant,
        user=person,
        reason=reason,
        note=(note or "").strip(),
        created_by=membership.user,
    )
    block.full_clean()
    try:
        with transaction.atomic():
            block.save()
    except IntegrityError:  # the same block saved at the same moment by someone else
        raise ValidationError(
            _("This person is already blocked from this file."), code="exists"
        ) from None
    audit(membership, AuditEvent.Action.CREATE, block, ["participant", "user", "reason"])
    return block


@transaction.atomic
def access_block_end(*, membership: Membership, block: AccessBlock) -> AccessBlock:
    """End a block: the person reaches the file again as their role allows."""
    require_org_admin(membership)
    if block.organisation_id != membership.organisation_id:
        raise PermissionDenied
    row = AccessBlock.objects.select_for_update().get(pk=block.pk)
    if row.ended_at is not None:
        raise ValidationError(_("This block has ended already."), code="ended")
    row.ended_at = timezone.now()
    row.ended_by = membership.user
    row.save(update_fields=["ended_at", "ended_by"])
    audit(membership, AuditEvent.Action.UPDATE, row, ["ended_at"])
    return row
