"""Reminder rules of group work, registered with the generic `notifications` app (found by its
`ready()`): a member missed three taken sessions in a row → a facilitator reaches out."""

import datetime

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netwerk.ical import calendar_bytes
from notifications import services as notifications
from notifications.rules import (
    Draft,
    Rule,
    SweepContext,
    first_names_through,
    link_maker,
    only,
    register,
)

from .calendar import session_event
from .models import AttendanceSignal, Group, GroupSession


def _first_facilitator():
    through = Group.facilitators.through
    return Subquery(
        through.objects.filter(group_id=OuterRef("group_id")).order_by("id").values("user_id")[:1]
    )


def signals_due(ctx: SweepContext, object_ids: list[int] | None):
    """Open signals, one query for all organisations. The reminder goes to the group's first
    facilitator (by the order they were added), or whoever created the group."""
    link = link_maker("groups:detail")
    rows = (
        only(
            AttendanceSignal.objects.filter(resolved_on__isnull=True, detected_on__lte=ctx.today),
            object_ids,
        )
        .annotate(facilitator=_first_facilitator())
        .values_list(
            "pk",
            "group__organisation_id",
            "detected_on",
            "facilitator",
            "group__created_by_id",
            "group_id",
        )
    )
    for pk, org, day, facilitator, creator, group in rows:
        yield Draft(org, pk, day, facilitator or creator, link(group))


register(
    Rule(
        code="group_missed_sessions",
        label=_("A group member missed three sessions in a row"),
        recipient=_("the group's first facilitator"),
        message=_("%(name)s missed three sessions in a row: reach out?"),
        when="event",
        object_type="groups.attendancesignal",
        due=signals_due,
        first_names=first_names_through(AttendanceSignal, "participant__"),
    )
)


# --- A session was planned → the group's other facilitators, with a calendar file ------------

# One invitation per facilitator of a group per day (the reminder's object is the facilitator's
# place in the group): it carries every session of that group planned that day.
FACILITATION = Group.facilitators.through


def _session_calendar(facilitation_id: int, due_on: datetime.date) -> bytes | None:
    group_id = (
        FACILITATION.objects.filter(pk=facilitation_id).values_list("group_id", flat=True).first()
    )
    if group_id is None:
        return None
    link = link_maker("groups:attendance")
    rows = (
        GroupSession.objects.filter(
            group_id=group_id,
            created_at__date=due_on,
            date__gte=due_on,
        )
        .order_by("date", "starts_at", "id")
        .values_list("pk", "date", "starts_at", "ends_at", "group__name")
    )
    events = [
        session_event(pk, day, starts_at, ends_at, name, link(pk))
        for pk, day, starts_at, ends_at, name in rows
    ]
    return calendar_bytes(events, method="PUBLISH") if events else None


SESSION_PLANNED = register(
    Rule(
        code="group_session_planned",
        label=_("A group session was planned: the other facilitators are invited"),
        recipient=_("the group's facilitators, except who planned it"),
        message=_("A new session of %(name)s is planned"),
        when="event",
        object_type="groups.group_facilitators",
        first_names=first_names_through(FACILITATION, "group__name"),
        calendar=_session_calendar,
    )
)


def session_planned(session: GroupSession) -> None:
    """Outbox hook of `session_create`, in its transaction: a session today or later invites
    the group's other facilitators (in the app, and by e-mail with the calendar file)."""
    today = timezone.localdate()
    if session.date < today:
        return
    link = link_maker("groups:detail")(session.group_id)
    rows = FACILITATION.objects.filter(group_id=session.group_id).exclude(
        user_id=session.created_by_id
    )
    for pk, user_id in rows.values_list("pk", "user_id"):
        notifications.reminder_schedule(
            rule=SESSION_PLANNED.code,
            organisation_id=session.group.organisation_id,
            object_id=pk,
            due_on=today,
            recipient_id=user_id,
            link=link,
        )
