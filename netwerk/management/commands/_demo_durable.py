"""Demo data for the durable-ties report: ties that a group and a buddy trajectory created,
followed in snapshots 6 and 12 months after they ended. All synthetic."""

import datetime

from django.utils import timezone

from accounts.models import Membership, Organisation, User
from groups.models import Group
from participants.models import MemberTie, Participant, Trajectory
from participants.services.network import (
    network_member_create,
    network_member_delete,
    network_snapshot_take,
)
from participants.services.network_ties import member_tie_create, member_tie_update
from workmodels.models import WorkModel

DEMO_GROUP = "Wandelclub De Stapper (afgelopen)"
PEOPLE = 12
GROUP_ENDED = 400  # days ago
BUDDY_ENDED = 420


def durable_ties(organisation: Organisation, users: dict[str, User]) -> None:
    """Twelve maps with members from an ended walking group and an ended buddy trajectory,
    a baseline and follow-ups about 7 and 12.5 months after the end; some ties are lost."""
    if Group.objects.filter(organisation=organisation, name=DEMO_GROUP).exists():
        return
    today = timezone.localdate()
    ended = today - datetime.timedelta(days=GROUP_ENDED)
    group = Group.objects.create(
        organisation=organisation,
        name=DEMO_GROUP,
        kind=Group.Kind.PEER_GROUP,
        work_model=WorkModel.objects.get(code="peer"),
        starts_on=ended - datetime.timedelta(days=180),
        ends_on=ended,
        place="Buurthuis Ledeberg",
        created_by=users["coordinator"],
    )
    buddy = WorkModel.objects.get(code="buddy")
    people = (
        Participant.objects.filter(organisation=organisation, reference_code__startswith="P-DEMO")
        .exclude(status=Participant.Status.INTAKE)
        .exclude(trajectories__work_model=buddy)
        .filter(network_snapshots__isnull=True)  # not the demo's other drawn map
        .order_by("reference_code")[:PEOPLE]
    )
    for index, participant in enumerate(people):
        worker = Membership.objects.get(
            organisation=organisation, user_id=participant.social_worker_id
        )
        _one_map(worker, participant, group, buddy, index, today)


def _one_map(worker, participant, group, buddy, index: int, today) -> None:
    def days_ago(days: int) -> datetime.date:
        return today - datetime.timedelta(days=days)

    Trajectory.objects.create(
        participant=participant,
        work_model=buddy,
        started_on=days_ago(BUDDY_ENDED + 300),
        ended_on=days_ago(BUDDY_ENDED),
        status=Trajectory.Status.ENDED,
        created_by=worker.user,
    )

    def add(label: str, sector: str, **origin):
        data = {"label": label, "sector": sector, "ring": "close", **origin}
        return network_member_create(membership=worker, participant=participant, data=data)

    walked = {"origin": "group", "origin_group_id": group.pk, "origin_detail": group.name[:100]}
    mieke = add("Mieke (wandelclub)", "peers", **walked)
    jos = add("Jos (wandelclub)", "peers", **walked)
    buddy_member = add("Buddy", "buddy_volunteers", origin="buddy")  # brings the buddy trajectory
    add("Zus", "family")
    tie = member_tie_create(
        membership=worker,
        participant=participant,
        data={"member_a": mieke.pk, "member_b": jos.pk, "strength": "strong", **walked},
    )

    def snapshot(days: int, kind: str) -> None:
        network_snapshot_take(
            membership=worker, participant=participant, taken_on=days_ago(days), kind=kind
        )

    snapshot(GROUP_ENDED + 30, "baseline")
    if index % 4 == 0:
        network_member_delete(membership=worker, member=jos)  # and the tie with it
    snapshot(GROUP_ENDED - 200, "follow_up")  # about 6.5 months after the end
    if index % 3 == 0:
        network_member_delete(membership=worker, member=buddy_member)
    if index % 2 and MemberTie.objects.filter(pk=tie.pk).exists():
        member_tie_update(membership=worker, tie=tie, data={"tension": "broken"})
    snapshot(GROUP_ENDED - 385, "follow_up")  # about 12.5 months after the end
