"""Reminder rules of group work, registered with the generic `notifications` app (found by its
`ready()`): a member missed three taken sessions in a row → a facilitator reaches out."""

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from notifications.rules import (
    Draft,
    Rule,
    SweepContext,
    first_names_through,
    link_maker,
    only,
    register,
)

from .models import AttendanceSignal, Group


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
