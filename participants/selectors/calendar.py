"""A social worker's follow-ups as calendar events (`netwerk.ical`), for the calendar feeds:
interventions' follow-up dates, and the follow-up network maps and measurements after the
baseline (the same rules as the reminders, `participants.reminders`).

A summary names the participant by first name (or the name they go by) only: calendars sync
to third parties. Never the surname, an address, the intervention's summary or a note. A fixed
number of queries whatever the caseload.
"""

import datetime

from django.db.models import Max, Min, Q
from django.utils.translation import gettext as _

from accounts.models import Membership, Role
from netwerk.dates import add_months
from netwerk.ical import Event, uid
from notifications.models import RuleSetting
from notifications.rules import link_maker

from ..models import Intervention, Participant, short_name_expression
from ..reminders import EARLY_WINDOW, MEASUREMENT_FOLLOW_UP, NETWORK_FOLLOW_UP, OPEN_STATUSES
from .access_blocks import blocked_for


def _intervals(organisation_id: int) -> dict[str, tuple[int, ...]]:
    """The follow-up schedules (months) of the organisation: its own, else the defaults; a
    rule switched off has none. One query."""
    schedules = {rule.code: rule.defaults for rule in (MEASUREMENT_FOLLOW_UP, NETWORK_FOLLOW_UP)}
    for code, intervals, enabled in RuleSetting.objects.filter(
        organisation_id=organisation_id, rule__in=list(schedules)
    ).values_list("rule", "intervals", "enabled"):
        schedules[code] = tuple(intervals or schedules[code]) if enabled else ()
    return schedules


def follow_up_events(
    membership: Membership, start: datetime.date, end: datetime.date
) -> list[Event]:
    if membership.role != Role.SOCIAL_WORKER:
        return []
    link = link_maker("participants:detail")
    events = []
    # The intervention's follow-up goes to the file's social worker, or its author when the
    # file has none (as the reminder does).
    mine = Q(participant__social_worker_id=membership.user_id) | Q(
        participant__social_worker__isnull=True, author_id=membership.user_id
    )
    interventions = (
        Intervention.objects.filter(
            mine,
            participant__organisation_id=membership.organisation_id,
            participant__status__in=OPEN_STATUSES,
            follow_up_on__range=(start, end),
            follow_up_done_on__isnull=True,
        )
        .exclude(participant_id__in=blocked_for(membership.user_id))
        .annotate(name=short_name_expression("participant__"))
        .values_list("pk", "follow_up_on", "name", "participant_id")
    )
    for pk, day, name, participant_id in interventions:
        events.append(
            Event(
                uid=uid("intervention-follow-up", pk),
                summary=_("Follow-up with %(name)s") % {"name": name},
                start=day,
                link=link(participant_id),
                about=participant_id,
            )
        )
    schedules = _intervals(membership.organisation_id)
    files = (
        Participant.objects.filter(
            organisation_id=membership.organisation_id,
            social_worker_id=membership.user_id,
            status__in=OPEN_STATUSES,
        )
        .annotate(
            name=short_name_expression(),
            measured_first=Min("measurements__taken_on"),
            measured_last=Max("measurements__taken_on"),
        )
        .filter(measured_first__isnull=False)
        .values_list("pk", "name", "measured_first", "measured_last")
    )
    for pk, name, first, last in files:
        for day in _follow_up_days(first, last, schedules[MEASUREMENT_FOLLOW_UP.code], start, end):
            events.append(
                Event(
                    uid=uid("measurement-follow-up", pk, day.isoformat()),
                    summary=_("Follow-up measurements with %(name)s") % {"name": name},
                    start=day,
                    link=link(pk),
                    about=pk,
                )
            )
    maps = (
        Participant.objects.filter(
            organisation_id=membership.organisation_id,
            social_worker_id=membership.user_id,
            status__in=OPEN_STATUSES,
        )
        .annotate(
            name=short_name_expression(),
            baseline=Min(
                "network_snapshots__taken_on", filter=Q(network_snapshots__kind="baseline")
            ),
            last=Max("network_snapshots__taken_on", filter=Q(network_snapshots__kind="follow_up")),
        )
        .filter(baseline__isnull=False)
        .values_list("pk", "name", "baseline", "last")
    )
    for pk, name, baseline, last in maps:
        for day in _follow_up_days(baseline, last, schedules[NETWORK_FOLLOW_UP.code], start, end):
            events.append(
                Event(
                    uid=uid("network-follow-up", pk, day.isoformat()),
                    summary=_("Follow-up network map with %(name)s") % {"name": name},
                    start=day,
                    link=link(pk),
                    about=pk,
                )
            )
    return events


def _follow_up_days(baseline, last, months, start, end) -> list[datetime.date]:
    """The follow-up dates after the baseline that fall in the window; one a later follow-up
    already covered (taken up to a month early) is left out."""
    last = last if last != baseline else None
    days = (add_months(baseline, count) for count in months)
    return [
        day
        for day in days
        if start <= day <= end and not (last is not None and last >= day - EARLY_WINDOW)
    ]
