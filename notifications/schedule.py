"""The beat schedule in words an org admin reads: what each periodic task does, and when
("elke minuut", "elke maandag om 7:00"), never the task path, "every 60 seconds" or a crontab."""

from dataclasses import dataclass
from datetime import datetime, time

from django.utils import formats
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

TASKS = {
    "notifications.tasks.dispatch_due": gettext_lazy("Send the reminders that are due"),
    "notifications.tasks.sweep_reminders": gettext_lazy("Look for new reminders"),
    "notifications.tasks.send_weekly_digests": gettext_lazy("Send the weekly summaries"),
    "participants.tasks.anonymise_files_past_retention": gettext_lazy(
        "Anonymise files past their retention period"
    ),
}
SECONDS = {"days": 86400, "hours": 3600, "minutes": 60, "seconds": 1, "microseconds": 0}


@dataclass
class ScheduledTask:
    label: str
    when: str
    last_run_at: datetime | None
    enabled: bool


def scheduled_task(task) -> ScheduledTask:
    """A django-celery-beat PeriodicTask, in words."""
    if task.interval is not None:
        when = every(task.interval.every * SECONDS.get(task.interval.period, 1))
    elif task.crontab is not None:
        crontab = task.crontab
        when = at(crontab.minute, crontab.hour, crontab.day_of_week)
    else:
        when = _("now and then")
    return ScheduledTask(
        label=str(TASKS.get(task.task, task.name)),
        when=when,
        last_run_at=task.last_run_at,
        enabled=task.enabled,
    )


def every(seconds: int) -> str:
    # Not ngettext: "elke dag" and "om de 2 dagen" differ in more than the count.
    for unit, one, many in (
        (86400, _("every day"), _("every %(n)d days")),
        (3600, _("every hour"), _("every %(n)d hours")),
        (60, _("every minute"), _("every %(n)d minutes")),
        (1, _("every second"), _("every %(n)d seconds")),
    ):
        if seconds and seconds % unit == 0:
            n = seconds // unit
            return one if n == 1 else many % {"n": n}
    return _("now and then")


def at(minute: str, hour: str, day_of_week: str) -> str:
    """A crontab's common shapes: hourly, daily and weekly at a fixed time."""
    if minute.isdigit() and hour == "*":
        return _("every hour")
    if not (minute.isdigit() and hour.isdigit()):
        return _("several times a day")
    clock = formats.time_format(time(int(hour), int(minute)), "TIME_FORMAT")
    if day_of_week == "*":
        return _("every day at %(time)s") % {"time": clock}
    if day_of_week.isdigit():
        # crontab counts from Sunday (0 or 7); Django's WEEKDAYS from Monday (0).
        weekday = WEEKDAYS[(int(day_of_week) - 1) % 7]
        return _("every %(weekday)s at %(time)s") % {"weekday": weekday, "time": clock}
    return _("on some days at %(time)s") % {"time": clock}
