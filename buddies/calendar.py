"""The buddy programme's calendar events (`netwerk.ical`): the introduction and the next
meeting for the volunteer, the introductions and check-ins for the coordinator who proposed the
match. Read by the calendar feeds (`calendars`) and the introduction's invitation e-mail.

A summary names the participant by first name (or the name they go by) only: calendars sync
to third parties. Never the place, the agreements or a note. One query per kind of reader.
"""

import datetime

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, Role
from netwerk.ical import Event, uid
from notifications.models import RuleSetting
from notifications.rules import link_maker
from participants.models import short_name_expression
from participants.selectors.access_blocks import blocked_for

from .calendar_events import intro_event
from .models import Match
from .reminders import CHECK_IN_DUE, CHECK_IN_EARLY

# Matches whose introduction happened or is planned: a declined one shows as cancelled.
WITH_INTRO = (*Match.OPEN, Match.Status.CLOSED, Match.Status.DECLINED)


def _rows(queryset):
    return queryset.annotate(name=short_name_expression("participant__")).values_list(
        "pk", "status", "intro_at", "next_meeting_on", "name", "participant_id"
    )


def _intro_in_window(intro_at, start, end) -> bool:
    return intro_at is not None and start <= timezone.localdate(intro_at) <= end


def volunteer_events(
    membership: Membership, start: datetime.date, end: datetime.date
) -> list[Event]:
    """A volunteer's own matches: the introduction, and the next meeting of a running match."""
    if membership.role != Role.VOLUNTEER:
        return []
    link = link_maker("buddies:my_contact")
    rows = _rows(
        Match.objects.filter(
            organisation_id=membership.organisation_id,
            volunteer__user_id=membership.user_id,
            status__in=WITH_INTRO,
        ).exclude(participant_id__in=blocked_for(membership.user_id))
    )
    events = []
    for pk, status, intro_at, next_on, name, about in rows:
        is_open = status in Match.OPEN
        if _intro_in_window(intro_at, start, end):
            events.append(
                intro_event(
                    pk,
                    intro_at,
                    name,
                    cancelled=status == Match.Status.DECLINED,
                    link=link(pk) if is_open else "",
                    about=about,
                )
            )
        meeting = status in (Match.Status.ACTIVE, Match.Status.CLOSING) and next_on
        if (
            meeting
            and start <= next_on <= end
            and next_on != (intro_at and timezone.localdate(intro_at))
        ):
            events.append(
                Event(
                    uid=uid("match-meeting", pk, next_on.isoformat()),
                    summary=_("Meeting with %(name)s") % {"name": name},
                    start=next_on,
                    link=link(pk),
                    about=about,
                )
            )
    return events


def check_in_days(
    begin: datetime.date,
    intervals: tuple[int, ...],
    last: datetime.date | None,
    start: datetime.date,
    end: datetime.date,
) -> list[datetime.date]:
    """The check-in dates of a match from `begin` (its introduction or start) that fall in the
    window: each interval, then every last interval (`buddies.reminders.check_ins_due`); a date
    a check-in already covered is left out."""
    if not intervals:
        return []
    days = []
    offset, index = intervals[0], 0
    while True:
        day = begin + datetime.timedelta(days=offset)
        if day > end:
            return days
        if day >= start and not (last and last >= day - CHECK_IN_EARLY):
            days.append(day)
        index += 1
        offset = intervals[index] if index < len(intervals) else offset + intervals[-1]


def coordinator_events(
    membership: Membership, start: datetime.date, end: datetime.date
) -> list[Event]:
    """The coordinator's matches (those they proposed): introductions and check-ins. Two
    queries: the organisation's check-in setting and the matches."""
    if membership.role not in (Role.COORDINATOR, Role.ORG_ADMIN):
        return []
    setting = RuleSetting.objects.filter(
        organisation_id=membership.organisation_id, rule=CHECK_IN_DUE.code
    ).first()
    intervals = tuple(setting.intervals) if setting and setting.intervals else CHECK_IN_DUE.defaults
    if setting is not None and not setting.enabled:
        intervals = ()
    link = link_maker("buddies:match_detail")
    rows = (
        Match.objects.filter(
            organisation_id=membership.organisation_id,
            proposed_by_id=membership.user_id,
            status__in=WITH_INTRO,
        )
        .exclude(participant_id__in=blocked_for(membership.user_id))
        .annotate(name=short_name_expression("participant__"), last=Max("check_ins__date"))
        .values_list("pk", "status", "intro_at", "started_on", "name", "last", "participant_id")
    )
    events = []
    for pk, status, intro_at, started_on, name, last, about in rows:
        if _intro_in_window(intro_at, start, end):
            events.append(
                intro_event(
                    pk,
                    intro_at,
                    name,
                    cancelled=status == Match.Status.DECLINED,
                    link=link(pk),
                    about=about,
                )
            )
        begin = timezone.localdate(intro_at) if intro_at else started_on
        if status != Match.Status.ACTIVE or begin is None:
            continue
        for day in check_in_days(begin, intervals, last, start, end):
            events.append(
                Event(
                    uid=uid("match-check-in", pk, day.isoformat()),
                    summary=_("Check-in on the match with %(name)s") % {"name": name},
                    start=day,
                    link=link(pk),
                    about=about,
                )
            )
    return events
