"""“Met here” ties: from group work onto the participant's network map.

Only the assigned social worker writes the map (`participants.services.network`), with the
participant's consent to a file. So a facilitator (or an org admin) *proposes* a tie; the
assigned social worker confirms it on the file, which adds the network member as that
worker. When the assigned social worker records the tie, it goes onto the map at once.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AuditEvent, Membership
from netwerk.services import audit
from participants.models.network import Direction, KnownFor, Ring, Support
from participants.models.network_parts import Origin
from participants.selectors import participant_editable_by
from participants.services.common import require_file_consent
from participants.services.network import network_member_create

from ..models import Attendance, GroupMember, GroupSession, MetHereTie
from ..selectors.access import can_manage


def absent_from(member: GroupMember, session: GroupSession) -> bool:
    """The attendance of the session was taken (read afresh) and the member was not there."""
    taken = GroupSession.objects.filter(pk=session.pk, attendance_taken_at__isnull=False)
    present = Attendance.objects.filter(session=session, member=member)
    return taken.exists() and not present.exists()


@transaction.atomic
def tie_propose(
    *,
    membership: Membership,
    member: GroupMember,
    label: str,
    sector: str,
    session: GroupSession | None = None,
) -> MetHereTie:
    participant = member.participant
    is_worker = participant_editable_by(membership, participant)
    if not (is_worker or can_manage(membership, member.group)):
        raise PermissionDenied
    if session is not None and session.group_id != member.group_id:
        raise ValidationError({"session": _("Choose a session of this group.")})
    if session is not None and absent_from(member, session):
        raise ValidationError(
            {
                "member": _(
                    "%(name)s was not there at this session: a “met here” tie is recorded "
                    "only for someone who came."
                )
                % {"name": participant.short_name}
            }
        )
    require_file_consent(participant)
    tie = MetHereTie(
        group=member.group,
        session=session,
        participant=participant,
        label=label.strip(),
        sector=sector,
        proposed_by=membership.user,
    )
    tie.full_clean()
    tie.save()
    audit(membership, AuditEvent.Action.CREATE, tie, ["label", "sector"])
    if is_worker:
        tie_confirm(membership=membership, tie=tie)
    return tie


@transaction.atomic
def tie_confirm(*, membership: Membership, tie: MetHereTie) -> MetHereTie:
    if not participant_editable_by(membership, tie.participant):
        raise PermissionDenied
    if tie.status != MetHereTie.Status.PROPOSED:
        raise ValidationError(_("This tie was already handled."))
    # Netwerk knows where they met: the member carries the group as its origin, and the
    # group's work model when it has one (the report on durable ties follows it).
    origin = {"origin": Origin.GROUP, "origin_group_id": tie.group_id}
    if tie.group.work_model_id:
        origin["origin_work_model"] = tie.group.work_model_id
    member = network_member_create(
        membership=membership,
        participant=tie.participant,
        data={
            "label": tie.label,
            "sector": tie.sector,
            "ring": Ring.ACQUAINTANCE,
            "support": [Support.COMPANIONSHIP],
            "direction": Direction.MUTUAL,
            "known_for": KnownFor.UNDER_ONE,
            "origin_detail": tie.group.name[:100],
            **origin,
        },
    )
    tie.status, tie.network_member_id = MetHereTie.Status.CONFIRMED, member.pk
    tie.decided_by, tie.decided_on = membership.user, timezone.localdate()
    tie.save(update_fields=["status", "network_member_id", "decided_by", "decided_on"])
    audit(membership, AuditEvent.Action.UPDATE, tie, ["status"])
    return tie


@transaction.atomic
def tie_decline(*, membership: Membership, tie: MetHereTie) -> MetHereTie:
    if not participant_editable_by(membership, tie.participant):
        raise PermissionDenied
    if tie.status != MetHereTie.Status.PROPOSED:
        raise ValidationError(_("This tie was already handled."))
    tie.status, tie.decided_by, tie.decided_on = (
        MetHereTie.Status.DECLINED,
        membership.user,
        timezone.localdate(),
    )
    tie.save(update_fields=["status", "decided_by", "decided_on"])
    audit(membership, AuditEvent.Action.UPDATE, tie, ["status"])
    return tie
