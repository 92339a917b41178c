"""Group facilitation follows a hand-over of files (the signal
`participants.services.handover.files_handed_over`).

What "moves along" means for a group, which is not a file: the new social worker becomes a
co-facilitator of every running group that an old worker facilitates and in which one of the
handed-over participants is a current member, so they follow their participant there. The old
worker stops facilitating those groups only once they have no file left in the organisation
(they handed over their whole caseload: leaving, or another role); otherwise they keep
running the group for the others. Set-based: three queries whatever the number of files.
"""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from accounts.audit import audit_record
from accounts.models import AuditEvent
from participants.models import Participant

from .models import Group, GroupMember

Facilitation = Group.facilitators.through


def follow_handover(
    sender, *, membership, organisation_id, handovers, from_worker_ids, to_worker_id, **kwargs
) -> None:
    if not from_worker_ids:
        return
    today = timezone.localdate()
    moved = handovers.values("participant_id")
    rows = list(
        Facilitation.objects.filter(
            user_id__in=list(from_worker_ids),
            group__organisation_id=organisation_id,
        )
        .filter(Q(group__ends_on__isnull=True) | Q(group__ends_on__gte=today))
        .filter(
            Exists(
                GroupMember.objects.filter(
                    group_id=OuterRef("group_id"),
                    participant_id__in=moved,
                    left_on__isnull=True,
                )
            )
        )
        .values_list("pk", "group_id")
    )
    if not rows:
        return
    groups = sorted({group_id for _pk, group_id in rows})
    Facilitation.objects.bulk_create(
        [Facilitation(group_id=group_id, user_id=to_worker_id) for group_id in groups],
        ignore_conflicts=True,
    )
    # Always one DELETE (the facilitations found above whose worker has no file left now).
    Facilitation.objects.filter(pk__in=[pk for pk, _group in rows]).exclude(
        Exists(
            Participant.objects.filter(
                organisation_id=organisation_id, social_worker_id=OuterRef("user_id")
            )
        )
    ).delete()
    audit_record(
        actor=membership.user,
        organisation=membership.organisation,
        action=AuditEvent.Action.UPDATE,
        object_type="groups.group",
        object_ids=groups,
        fields=["facilitators"],
    )
