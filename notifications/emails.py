"""E-mails: one per reminder or a weekly digest, in the recipient's language.

They carry the rule's sentence with at most a first name, and a link: everything else stays
behind the link, where the page checks access as usual. The Message-ID is derived from the
reminder's key, so a resend after a crash is recognisably the same message.
"""

import datetime
import hashlib

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.timesince import timesince, timeuntil

from accounts.models import User

from .models import DeliveryPreference, Reminder
from .rules import Rule, get_rule


def email_mode(user: User) -> str:
    preference = DeliveryPreference.objects.filter(user=user).values_list("email", flat=True)
    return preference.first() or DeliveryPreference.Email.EACH


def wants_email_now(user: User) -> bool:
    return bool(user.email and user.is_active) and email_mode(user) == DeliveryPreference.Email.EACH


def first_names(reminders: list[Reminder]) -> dict[int, str]:
    """Reminder id → first name to show, one query per rule present."""
    by_rule: dict[str, list[Reminder]] = {}
    for reminder in reminders:
        by_rule.setdefault(reminder.rule, []).append(reminder)
    names: dict[int, str] = {}
    for code, group in by_rule.items():
        rule = get_rule(code)
        if rule is None or rule.first_names is None:
            continue
        found = rule.first_names(sorted({r.object_id for r in group}))
        for reminder in group:
            names[reminder.pk] = found.get(reminder.object_id, "")
    return names


def event_dates(reminders: list[Reminder]) -> dict[int, datetime.date]:
    """Reminder id → the date it is about: its due date, or (an expiry) the rule's own date,
    read now so that a renewed or changed date shows as it is. One query per such rule."""
    dates = {r.pk: r.due_on for r in reminders}
    by_rule: dict[str, list[Reminder]] = {}
    for reminder in reminders:
        by_rule.setdefault(reminder.rule, []).append(reminder)
    for code, group in by_rule.items():
        rule = get_rule(code)
        if rule is None or rule.event_dates is None:
            continue
        found = rule.event_dates(sorted({r.object_id for r in group}))
        for reminder in group:
            if found.get(reminder.object_id):
                dates[reminder.pk] = found[reminder.object_id]
    return dates


def _relative(day: datetime.date, today: datetime.date) -> str:
    if day == today:
        return translation.gettext("today")
    if day < today:
        return translation.gettext("%(time)s ago") % {"time": timesince(day, today, depth=1)}
    return translation.gettext("in %(time)s") % {"time": timeuntil(day, today, depth=1)}


def when_text(rule: Rule | None, day: datetime.date, today: datetime.date) -> str:
    """ "planned on 3-3-2026, 9 months ago", "expired on 1-12-2025, 1 year ago": what is due and
    since when, never "today" or "soon" for a date that lies elsewhere."""
    gettext = translation.gettext
    values = {"date": date_format(day, "SHORT_DATE_FORMAT"), "relative": _relative(day, today)}
    kind = rule.when if rule is not None else "due"
    past = day < today
    if kind == "planned":
        text = gettext("planned on %(date)s, %(relative)s")
    elif kind == "expires":
        text = (
            gettext("expired on %(date)s, %(relative)s")
            if past
            else gettext("expires on %(date)s, %(relative)s")
        )
    elif kind == "anonymised":
        text = (
            gettext("to be anonymised since %(date)s, %(relative)s")
            if past
            else gettext("to be anonymised on %(date)s, %(relative)s")
        )
    elif kind == "event":
        text = gettext("on %(date)s, %(relative)s")
    else:
        text = (
            gettext("due since %(date)s, %(relative)s")
            if past
            else gettext("due on %(date)s, %(relative)s")
        )
    return text % values


def sentence(
    reminder: Reminder,
    name: str,
    day: datetime.date | None = None,
    today: datetime.date | None = None,
) -> str:
    """The rule's sentence in the active language, with what is due and since when."""
    rule = get_rule(reminder.rule)
    if rule is None:
        return reminder.rule
    when = when_text(rule, day or reminder.due_on, today or timezone.localdate())
    return translation.gettext("%(what)s: %(when)s") % {"what": what(reminder, name), "when": when}


def what(reminder: Reminder, name: str) -> str:
    """The rule's sentence alone (an e-mail's subject), in the active language."""
    rule = get_rule(reminder.rule)
    if rule is None:  # a rule since removed: say what it is, never its code
        return reminder.rule_label
    return str(rule.message) % {"name": name or "\u2013"}


def absolute(link: str) -> str:
    return settings.SITE_URL.rstrip("/") + (link or "/")


def message_id(key: str) -> str:
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"<reminder-{digest}@netwerk.invalid>"


def send_reminder_email(reminder: Reminder) -> None:
    user = reminder.recipient
    name = first_names([reminder]).get(reminder.pk, "")
    day = event_dates([reminder])[reminder.pk]
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        text = sentence(reminder, name, day)
        subject = what(reminder, name)
        body = render_to_string(
            "notifications/email/reminder.txt",
            {"user": user, "sentence": text, "url": absolute(reminder.link)},
        )
    message = EmailMessage(
        subject=f"[Netwerk] {subject}",
        body=body,
        to=[user.email],
        headers={"Message-ID": message_id(reminder.key)},
    )
    attach_calendar(message, reminder)
    message.send(fail_silently=False)


def attach_calendar(message: EmailMessage, reminder: Reminder) -> None:
    """An invitation (an introduction, a group session) carries its event as an `.ics` file,
    in the recipient's language, with the same UID as in their calendar feed."""
    rule = get_rule(reminder.rule)
    if rule is None or rule.calendar is None:
        return
    with translation.override(reminder.recipient.preferred_language or settings.LANGUAGE_CODE):
        content = rule.calendar(reminder.object_id, reminder.due_on)
    if content:
        message.attach("netwerk.ics", content, "text/calendar; method=PUBLISH; charset=utf-8")


def send_digest_email(user: User, reminders: list[Reminder], key: str) -> None:
    names = first_names(reminders)
    days = event_dates(reminders)
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        items = [
            {"sentence": sentence(r, names.get(r.pk, ""), days[r.pk]), "url": absolute(r.link)}
            for r in reminders
        ]
        body = render_to_string(
            "notifications/email/digest.txt",
            {"user": user, "items": items, "url": absolute("/notifications/")},
        )
        subject = "[Netwerk] " + translation.gettext("What needs your attention this week")
    message = EmailMessage(
        subject=subject, body=body, to=[user.email], headers={"Message-ID": message_id(key)}
    )
    message.send(fail_silently=False)
