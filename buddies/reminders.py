"""Reminder rules of the buddy programme, registered with the generic `notifications` app
(found by its `ready()`). Each `due` function is set-based: one query over every organisation
whatever the number of matches; see `notifications.rules`."""

import bisect
import datetime

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from accounts.selectors import first_member_with_role
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
from participants.models import short_name_expression

from .calendar_events import intro_event
from .models import CheckIn, ContactLog, Match, Volunteer

# A check-in up to a week before its date counts for it.
CHECK_IN_EARLY = datetime.timedelta(days=7)


_match_names = first_names_through(Match, short_name_expression("participant__"))


def _start(started_on, intro_at) -> datetime.date | None:
    if intro_at is not None:
        return timezone.localdate(intro_at)
    return started_on


def _active_matches(object_ids):
    return only(Match.objects.filter(status=Match.Status.ACTIVE), object_ids).annotate(
        last_contact=Max("contact_logs__date")
    )


# --- No contact logged on an active match: the volunteer, later the coordinator ------------


def _no_contact(ctx: SweepContext, object_ids, to_volunteer: bool):
    """`to_volunteer`: the volunteer's own reminder, which goes to the coordinator who proposed
    the match when the volunteer has no log-in (they hear from the volunteer by phone and log
    the contact on the match page)."""
    to_contact = link_maker("buddies:my_contact")
    to_match = link_maker("buddies:match_detail")
    rows = _active_matches(object_ids).values_list(
        "pk",
        "organisation_id",
        "volunteer__user_id",
        "proposed_by_id",
        "started_on",
        "intro_at",
        "last_contact",
    )
    for pk, org, volunteer, coordinator, started_on, intro_at, last_contact in rows:
        since = last_contact or _start(started_on, intro_at)
        if since is None:
            continue
        day = since + datetime.timedelta(days=ctx.intervals(org)[0])
        if day > ctx.today:
            continue
        if to_volunteer and volunteer is not None:
            yield Draft(org, pk, day, volunteer, to_contact(pk))
        else:
            yield Draft(org, pk, day, coordinator, to_match(pk))


def no_contact_volunteer_due(ctx, object_ids):
    return _no_contact(ctx, object_ids, to_volunteer=True)


def no_contact_coordinator_due(ctx, object_ids):
    return _no_contact(ctx, object_ids, to_volunteer=False)


_NO_CONTACT = {
    "object_type": "buddies.match",
    "first_names": _match_names,
    "interval_count": (1, 1),
}

NO_CONTACT_VOLUNTEER = register(
    Rule(
        code="no_contact_volunteer",
        label=_("No contact logged on an active match"),
        recipient=_("the volunteer (the coordinator when the volunteer has no log-in)"),
        message=_("No meeting with %(name)s logged for a while: how is it going?"),
        due=no_contact_volunteer_due,
        defaults=(14,),
        **_NO_CONTACT,
    )
)

NO_CONTACT_COORDINATOR = register(
    Rule(
        code="no_contact_coordinator",
        label=_("No contact logged on an active match, for longer"),
        recipient=_("the coordinator who proposed the match"),
        message=_("The match with %(name)s has no contact logged for a long time"),
        due=no_contact_coordinator_due,
        defaults=(28,),
        **_NO_CONTACT,
    )
)


# --- Coordinator check-ins: 2 weeks, 6 weeks, 3 months after the intro, then every 3 months --


def _last_point(start: datetime.date, intervals, today) -> datetime.date | None:
    """The latest check-in date passed: the last interval (days after the start, increasing)
    reached, and after the last one again every last interval ("then every 3 months")."""
    elapsed = (today - start).days
    reached = bisect.bisect_right(intervals, elapsed)
    if reached == 0:
        return None
    days = intervals[reached - 1]
    if reached == len(intervals):
        period = intervals[-1]
        days += (elapsed - days) // period * period
    return start + datetime.timedelta(days=days)


def check_ins_due(ctx: SweepContext, object_ids):
    link = link_maker("buddies:match_detail")
    rows = (
        only(Match.objects.filter(status=Match.Status.ACTIVE), object_ids)
        .annotate(last_check_in=Max("check_ins__date"))
        .values_list(
            "pk", "organisation_id", "proposed_by_id", "started_on", "intro_at", "last_check_in"
        )
    )
    for pk, org, coordinator, started_on, intro_at, last in rows:
        start = _start(started_on, intro_at)
        day = start and _last_point(start, ctx.intervals(org), ctx.today)
        if day and not (last and last >= day - CHECK_IN_EARLY):
            yield Draft(org, pk, day, coordinator, link(pk))


CHECK_IN_DUE = register(
    Rule(
        code="check_in_due",
        label=_(
            "Coordinator check-in on a match (days after the introduction; then again every "
            "last interval)"
        ),
        recipient=_("the coordinator who proposed the match"),
        message=_("A check-in on the match with %(name)s"),
        object_type="buddies.match",
        due=check_ins_due,
        first_names=_match_names,
        defaults=(14, 42, 91),
        interval_count=(1, 8),
    )
)


# --- Screening extract about to expire → coordinator ----------------------------------------


def screenings_due(ctx: SweepContext, object_ids):
    link = link_maker("buddies:volunteer_edit")
    rows = (
        only(
            Volunteer.objects.filter(
                status__in=[Volunteer.Status.ACTIVE, Volunteer.Status.PAUSING],
                screening_valid_until__isnull=False,
            ),
            object_ids,
        )
        .annotate(coordinator=first_member_with_role(Role.COORDINATOR))
        .values_list("pk", "organisation_id", "screening_valid_until", "coordinator")
    )
    for pk, org, valid_until, coordinator in rows:
        day = valid_until - datetime.timedelta(days=ctx.intervals(org)[0])
        if day <= ctx.today:
            yield Draft(org, pk, day, coordinator, link(pk))


def _volunteer_names(ids: list[int]) -> dict[int, str]:
    rows = Volunteer.objects.filter(pk__in=ids).values_list("pk", "first_name", "user__full_name")
    return {pk: first or (full or "").split(" ")[0] for pk, first, full in rows}


register(
    Rule(
        code="screening_expiring",
        label=_("A volunteer's criminal-record extract is about to expire (days before)"),
        recipient=_("the organisation's first coordinator"),
        message=_("The criminal-record extract of volunteer %(name)s"),
        when="expires",
        event_dates=lambda ids: dict(
            Volunteer.objects.filter(pk__in=ids).values_list("pk", "screening_valid_until")
        ),
        object_type="buddies.volunteer",
        due=screenings_due,
        first_names=_volunteer_names,
        defaults=(30,),
        interval_count=(1, 1),
        interval_minimum=0,
    )
)


# --- A worried contact log → the coordinator, at once ---------------------------------------


WORRY = register(
    Rule(
        code="contact_worry",
        label=_("A volunteer is worried (contact log)"),
        recipient=_("the coordinator who proposed the match"),
        message=_("A volunteer is worried about %(name)s: read the contact log"),
        when="event",
        object_type="buddies.contactlog",
        first_names=first_names_through(ContactLog, short_name_expression("match__participant__")),
    )
)


WORRY_SOCIAL_WORKER = register(
    Rule(
        code="contact_worry_social_worker",
        label=_("A volunteer is worried (contact log), for the participant's social worker"),
        recipient=_("the participant's social worker"),
        message=_("The buddy of %(name)s is worried: read it on the file's buddy card"),
        object_type="buddies.contactlog",
        first_names=first_names_through(ContactLog, short_name_expression("match__participant__")),
    )
)

MATCH_CLOSED = register(
    Rule(
        code="match_closed",
        label=_("A buddy match was closed: the volunteer is told"),
        recipient=_("the volunteer (only with a log-in)"),
        message=_("Your buddy match with %(name)s has ended. Thank you for your time together!"),
        object_type="buddies.match",
        first_names=_match_names,
    )
)


def contact_logged(log: ContactLog) -> None:
    """Outbox hook of `contact_log_create`, in its transaction: the no-contact reminders of
    the match resolve; a worry goes straight away to the coordinator and to the participant's
    social worker."""
    for rule in (NO_CONTACT_VOLUNTEER, NO_CONTACT_COORDINATOR):
        notifications.reminders_recheck(rule=rule.code, object_ids=[log.match_id])
    if log.worried:
        match = log.match
        notifications.reminder_schedule(
            rule=WORRY.code,
            organisation_id=match.organisation_id,
            object_id=log.pk,
            due_on=timezone.localdate(),
            recipient_id=match.proposed_by_id,
            link=link_maker("buddies:match_detail")(match.pk),
        )
        social_worker = match.participant.social_worker_id
        if social_worker and social_worker != match.proposed_by_id:
            notifications.reminder_schedule(
                rule=WORRY_SOCIAL_WORKER.code,
                organisation_id=match.organisation_id,
                object_id=log.pk,
                due_on=timezone.localdate(),
                recipient_id=social_worker,
                link=link_maker("buddies:participant_buddy")(match.participant_id),
            )


def match_closed(match: Match) -> None:
    """Outbox hook of `match_close`: the volunteer hears that the match ended (in the app, and
    by e-mail as they chose). A volunteer without a log-in hears it from the coordinator."""
    from django.urls import reverse

    notifications.reminder_schedule(
        rule=MATCH_CLOSED.code,
        organisation_id=match.organisation_id,
        object_id=match.pk,
        due_on=timezone.localdate(),
        recipient_id=match.volunteer.user_id,
        link=reverse("home"),
    )


def check_in_done(check_in: CheckIn) -> None:
    notifications.reminders_recheck(rule=CHECK_IN_DUE.code, object_ids=[check_in.match_id])


# --- An introduction was planned → the volunteer, with the event as a calendar file ---------


def _intro_calendar(match_id: int, due_on: datetime.date) -> bytes | None:
    """The invitation's `.ics`: the introduction with the feed's UID (`buddies.calendar`)."""
    row = (
        Match.objects.filter(pk=match_id, intro_at__isnull=False)
        .annotate(name=short_name_expression("participant__"))
        .values_list("intro_at", "name", "status")
        .first()
    )
    if row is None:
        return None
    intro_at, name, status = row
    event = intro_event(
        match_id,
        intro_at,
        name,
        cancelled=status == Match.Status.DECLINED,
        link=link_maker("buddies:my_contact")(match_id),
    )
    return calendar_bytes([event], method="PUBLISH")


def _intro_dates(ids: list[int]) -> dict[int, datetime.date]:
    rows = Match.objects.filter(pk__in=ids, intro_at__isnull=False).values_list("pk", "intro_at")
    return {pk: timezone.localdate(intro_at) for pk, intro_at in rows}


INTRO_PLANNED = register(
    Rule(
        code="intro_planned",
        label=_("An introduction was planned: the volunteer is invited"),
        recipient=_("the volunteer (only with a log-in)"),
        message=_("An introduction with %(name)s is planned"),
        when="event",
        event_dates=_intro_dates,
        object_type="buddies.match",
        first_names=_match_names,
        calendar=_intro_calendar,
    )
)


def intro_planned(match: Match) -> None:
    """Outbox hook of `match_plan_intro`: the volunteer gets the invitation (in the app, and by
    e-mail with the calendar file as they chose). One without a log-in hears it by phone."""
    volunteer_user = match.volunteer.user_id
    if volunteer_user is None:
        return
    notifications.reminder_schedule(
        rule=INTRO_PLANNED.code,
        organisation_id=match.organisation_id,
        object_id=match.pk,
        due_on=timezone.localdate(),
        recipient_id=volunteer_user,
        link=link_maker("buddies:my_contact")(match.pk),
    )
