"""Group figures per group and per work model, in a fixed number of queries.

- members: current members;
- average attendance: per taken session, the share of the members of that date who came,
  averaged over the group's taken sessions;
- completion rate: members who completed (by the group's rule on their attendance, or as a
  facilitator decided by hand) over everyone who was a member, for groups with a rule;
- visits: everyone who came, session by session (members present and extra attendees
  without a file), added up over the taken sessions;
- people reached without a file: the group's head-count (each person once);
- new ties: "met here" ties that went onto a network map.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q

from accounts.models import Membership

from ..completion import completed_by_rule
from ..models import Attendance, GroupMember, GroupSession, MetHereTie, VolunteerPlacement
from .access import STAFF_ROLES, groups_visible_to


@dataclass
class Figures:
    label: str
    groups: int = 0
    members: int = 0
    members_ever: int = 0
    completed: int = 0
    with_completion_rule: int = 0  # members ever of groups with a completion rule
    sessions_taken: int = 0
    share_sum: float = 0.0
    reached_without_file: int = 0
    visits: int = 0
    new_ties: int = 0
    work_model: str = ""
    group_id: int | None = None
    kind: str = ""

    @property
    def average_attendance(self) -> int | None:
        if not self.sessions_taken:
            return None
        return round(100 * self.share_sum / self.sessions_taken)

    @property
    def completion_rate(self) -> int | None:
        if not self.with_completion_rule:
            return None
        return round(100 * self.completed / self.with_completion_rule)

    def add(self, other: "Figures") -> None:
        for name in (
            "groups",
            "members",
            "members_ever",
            "completed",
            "with_completion_rule",
            "sessions_taken",
            "share_sum",
            "reached_without_file",
            "visits",
            "new_ties",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class GroupFigures:
    per_group: list[Figures] = field(default_factory=list)
    per_work_model: list[Figures] = field(default_factory=list)
    total: Figures | None = None
    placements: dict = field(default_factory=dict)


def group_figures(membership: Membership) -> GroupFigures:
    groups = list(groups_visible_to(membership).select_related("work_model").order_by("name"))
    ids = [g.pk for g in groups]
    members = list(
        GroupMember.objects.filter(group_id__in=ids).values_list(
            "group_id", "joined_on", "left_on", "pk", "completion_override"
        )
    )
    attended = dict(
        Attendance.objects.filter(
            session__group_id__in=ids, session__attendance_taken_at__isnull=False
        )
        .values("member_id")
        .annotate(n=Count("id"))
        .values_list("member_id", "n")
    )
    sessions = list(
        GroupSession.objects.filter(group_id__in=ids, attendance_taken_at__isnull=False)
        .annotate(present=Count("attendances"))
        .values_list("group_id", "date", "present", "extra_attendees")
    )
    ties = dict(
        MetHereTie.objects.filter(group_id__in=ids, status=MetHereTie.Status.CONFIRMED)
        .values("group_id")
        .annotate(n=Count("id"))
        .values_list("group_id", "n")
    )
    members_by_group = defaultdict(list)
    for row in members:
        members_by_group[row[0]].append(row)
    sessions_by_group = defaultdict(list)
    for row in sessions:
        sessions_by_group[row[0]].append(row)

    result = GroupFigures()
    per_model: dict[str, Figures] = {}
    total = Figures(label="")
    for group in groups:
        rows = members_by_group[group.pk]
        figures = Figures(
            label=group.name,
            group_id=group.pk,
            kind=group.get_kind_display(),
            work_model=group.work_model.code,
            groups=1,
            members=sum(1 for r in rows if r[2] is None),
            members_ever=len(rows),
            new_ties=ties.get(group.pk, 0),
        )
        taken = sessions_by_group[group.pk]
        for _gid, date, present, extra in taken:
            expected = sum(1 for r in rows if r[1] <= date and (r[2] is None or r[2] >= date))
            figures.visits += present + extra
            if expected:
                figures.sessions_taken += 1
                figures.share_sum += min(present, expected) / expected
        if group.completion_threshold or group.completion_percent:
            figures.with_completion_rule = len(rows)
            figures.completed = sum(1 for r in rows if _completed(group, r, attended, taken))
        figures.reached_without_file = group.reached_without_file
        result.per_group.append(figures)
        model = per_model.setdefault(
            group.work_model.code,
            Figures(label=group.work_model.name, work_model=group.work_model.code),
        )
        model.add(figures)
        total.add(figures)
    result.per_work_model = sorted(per_model.values(), key=lambda f: f.label)
    result.total = total
    result.placements = placement_figures(membership)
    return result


def _completed(group, row, attended: dict, taken: list) -> bool:
    _gid, joined_on, left_on, pk, override = row
    if override is not None:
        return override
    sessions = sum(1 for t in taken if t[1] >= joined_on and (left_on is None or t[1] <= left_on))
    return bool(completed_by_rule(group, attended.get(pk, 0), sessions))


def placement_figures(membership: Membership) -> dict:
    """Counted for the organisation (no names): by status, people, hours per month."""
    if membership.role not in STAFF_ROLES:
        return {}
    placements = VolunteerPlacement.objects.filter(organisation_id=membership.organisation_id)
    counts = placements.aggregate(
        active=Count("id", filter=Q(status=VolunteerPlacement.Status.ACTIVE)),
        people=Count(
            "participant", filter=Q(status=VolunteerPlacement.Status.ACTIVE), distinct=True
        ),
        total=Count("id"),
    )
    hours = Decimal(0)
    for value, per in placements.filter(status=VolunteerPlacement.Status.ACTIVE).values_list(
        "hours", "per"
    ):
        hours += value * Decimal(52) / Decimal(12) if per == VolunteerPlacement.Per.WEEK else value
    counts["hours_per_month"] = round(hours, 1)
    return counts


def presence_count(session: GroupSession) -> int:
    return Attendance.objects.filter(session=session).count()
