"""E-mails: one per reminder or a weekly digest, in the recipient's language.

They carry the rule's sentence with at most a first name, and a link: everything else stays
behind the link, where the page checks access as usual. The Message-ID is derived from the
reminder's key, so a resend after a crash is recognisably the same message.
"""

import hashlib

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from accounts.models import User

from .models import DeliveryPreference, Reminder
from .rules import get_rule


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


def sentence(reminder: Reminder, name: str) -> str:
    """The rule's sentence in the active language."""
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
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        text = sentence(reminder, name)
        body = render_to_string(
            "notifications/email/reminder.txt",
            {"user": user, "sentence": text, "url": absolute(reminder.link)},
        )
    message = EmailMessage(
        subject=f"[Netwerk] {text}",
        body=body,
        to=[user.email],
        headers={"Message-ID": message_id(reminder.key)},
    )
    message.send(fail_silently=False)


def send_digest_email(user: User, reminders: list[Reminder], key: str) -> None:
    names = first_names(reminders)
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        items = [
            {"sentence": sentence(r, names.get(r.pk, "")), "url": absolute(r.link)}
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
