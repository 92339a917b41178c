"""What the group pages load, each in a fixed number of queries."""

import datetime

from django.db.models import (
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from accounts.models import Membership
from participants.models import short_name_expression
from participants.selectors.access_blocks import blocked_for

from ..models import Attendance, AttendanceSignal, Group, GroupMember, GroupSession
from .access import groups_visible_to

FAR_FUTURE = datetime.date(9999, 12, 31)
# Members listed by the name the pages show them by.
BY_NAME = short_name_expression("participant__")


def _count(queryset: QuerySet) -> Subquery:
    return Subquery(
        queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n"),
        output_field=IntegerField(),
    )


def memberships_with_attendance(members: QuerySet[GroupMember]) -> QuerySet[GroupMember]:
    """Members with `attended` (taken sessions they came to), `sessions_taken` (taken sessions
    while they were a member) and `open_signal` (missed three in a row, not resolved)."""
    taken = GroupSession.objects.filter(
        group=OuterRef("group"),
        attendance_taken_at__isnull=False,
        date__gte=OuterRef("joined_on"),
        date__lte=Coalesce(OuterRef("left_on"), Value(FAR_FUTURE)),
    )
    attended = Attendance.objects.filter(
        member=OuterRef("pk"), session__attendance_taken_at__isnull=False
    )
    return (
        members.select_related("group", "participant", "completion_set_by")
        .annotate(
            attended=_count(attended),
            sessions_taken=_count(taken),
            open_signal=Exists(
                AttendanceSignal.objects.filter(member=OuterRef("pk"), resolved_on__isnull=True)
            ),
        )
        .order_by(BY_NAME, "id")
    )


def group_list(membership: Membership) -> QuerySet[Group]:
    return (
        groups_visible_to(membership)
        .select_related("work_model")
        .prefetch_related("facilitators")
        .annotate(
            member_count=Count("members", filter=Q(members__left_on__isnull=True), distinct=True)
        )
        .order_by("-starts_on", "name", "id")
    )


def group_detail(membership: Membership, pk: int) -> Group | None:
    return (
        groups_visible_to(membership)
        .select_related("work_model", "organisation")
        .prefetch_related("facilitators")
        .filter(pk=pk)
        .first()
    )


def sessions_of(group: Group) -> list[GroupSession]:
    return list(
        GroupSession.objects.filter(group=group)
        .annotate(present_count=Count("attendances"))
        .order_by("date", "starts_at", "id")
    )


def session_in_reach(membership: Membership, pk: int) -> GroupSession | None:
    return (
        GroupSession.objects.filter(group__in=groups_visible_to(membership), pk=pk)
        .select_related("group", "group__work_model")
        .prefetch_related("group__facilitators")
        .first()
    )


def members_at(session: GroupSession, viewer_id: int | None = None) -> QuerySet[GroupMember]:
    """Who was a member on the session's date: the people attendance is taken for. With
    `viewer_id`, without the members whose file is blocked from that person (AccessBlock)."""
    members = GroupMember.objects.filter(
        Q(left_on__isnull=True) | Q(left_on__gte=session.date),
        group_id=session.group_id,
        joined_on__lte=session.date,
    )
    if viewer_id is not None:
        members = members.exclude(participant_id__in=blocked_for(viewer_id))
    return members


def attendance_sheet(session: GroupSession, viewer_id: int | None = None) -> list[GroupMember]:
    """The members to take attendance for, first names only, with `present` set."""
    return list(
        members_at(session, viewer_id)
        .select_related("participant")
        .only(
            "id",
            "group_id",
            "joined_on",
            "left_on",
            "participant__id",
            "participant__first_name",
            "participant__preferred_name",
        )
        .annotate(present=Exists(Attendance.objects.filter(session=session, member=OuterRef("pk"))))
        .order_by(BY_NAME, "id")
    )


def open_signals(group: Group, viewer_id: int | None = None) -> list[AttendanceSignal]:
    signals = AttendanceSignal.objects.filter(group=group, resolved_on__isnull=True)
    if viewer_id is not None:
        signals = signals.exclude(participant_id__in=blocked_for(viewer_id))
    return list(signals.select_related("member__participant"))


def group_with_sessions(group_qs: QuerySet[Group]) -> QuerySet[Group]:
    return group_qs.prefetch_related(
        Prefetch("sessions", queryset=GroupSession.objects.order_by("date", "id"))
    )
