"""The beat schedule as django-celery-beat rows (DatabaseScheduler): created idempotently, so
running the migration again, or on a database that has the rows, changes nothing."""

import json

from django.db import migrations

TZ = "Europe/Brussels"

# name, task, interval in seconds or a crontab (minute, hour, day_of_week)
TASKS = [
    ("notifications: dispatch due reminders", "notifications.tasks.dispatch_due", 60, None),
    ("notifications: sweep reminder rules", "notifications.tasks.sweep_reminders", 3600, None),
    (
        "notifications: weekly digest",
        "notifications.tasks.send_weekly_digests",
        None,
        ("0", "7", "1"),
    ),
]


def create(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, task, seconds, cron in TASKS:
        schedule = {}
        if seconds:
            fields = {"every": seconds, "period": "seconds"}
            schedule["interval"] = IntervalSchedule.objects.filter(
                **fields
            ).first() or IntervalSchedule.objects.create(**fields)
        else:
            minute, hour, day_of_week = cron
            fields = {
                "minute": minute,
                "hour": hour,
                "day_of_week": day_of_week,
                "day_of_month": "*",
                "month_of_year": "*",
                "timezone": TZ,
            }
            schedule["crontab"] = CrontabSchedule.objects.filter(
                **fields
            ).first() or CrontabSchedule.objects.create(**fields)
        PeriodicTask.objects.update_or_create(
            name=name,
            defaults={"task": task, "args": json.dumps([]), "enabled": True, **schedule},
        )


def remove(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=[name for name, *_ in TASKS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_reminders_settings_preferences"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create, remove)]
