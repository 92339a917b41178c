"""Reminders as rows (the outbox), per-organisation rule settings and a delivery preference.

A reminder is identified by (rule, object type, object id, due date): writing it twice is a
no-op, so the transactional outbox and the periodic sweep can both create it. Only ids, codes
and a link are stored here; a participant's first name is looked up when the message is built,
so this table never becomes a copy of case data.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation

from .models_messages import BODY_MAX_LENGTH as BODY_MAX_LENGTH
from .models_messages import InboundMessage as InboundMessage
from .models_messages import Message as Message
from .models_messages import SmsOptOut as SmsOptOut
from .rules import get_rule

# What the code of a failed delivery (an exception's class name) means for the person who reads
# the rules page; any other code reads "Sending did not work."
_UNREACHABLE = _("The mail server could not be reached.")
_REFUSED = _("The mail server refused the e-mail address.")
FAILURE_WORDS = {
    "SMTPServerDisconnected": _UNREACHABLE,
    "SMTPConnectError": _UNREACHABLE,
    "ConnectionRefusedError": _UNREACHABLE,
    "ConnectionResetError": _UNREACHABLE,
    "ConnectionError": _UNREACHABLE,
    "TimeoutError": _UNREACHABLE,
    "gaierror": _UNREACHABLE,
    "SMTPRecipientsRefused": _REFUSED,
    "SMTPSenderRefused": _REFUSED,
}


class Reminder(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        RESOLVED = "resolved", _("No longer needed")

    # The two foreign keys are database constraints without an index of their own. A sweep
    # writes a row per due reminder (350,000 on a cold start over 100,000 matches and files,
    # bench/bench_reminders.py) and every index costs on every row; the constraint checks cost
    # about 0.5 s of database CPU on such a cold sweep and nothing on the hourly ones, which
    # insert almost nothing. Both sweeps skip a recipient that no longer exists. Lookups by
    # organisation use `reminder_org_idx`; the recipient's (bell, list, digest) read sent rows
    # through the partial indexes below. Only deleting a user (Netwerk deactivates people, it
    # never deletes them) scans the table.
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    rule = models.CharField(_("rule"), max_length=64)
    object_type = models.CharField(max_length=64)
    object_id = models.BigIntegerField()
    due_on = models.DateField(_("due"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminders",
        db_index=False,
    )
    # A path on this site (no host, no personal data): the page behind it checks access.
    link = models.CharField(max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # A code such as "SMTPServerDisconnected": never a message that could quote personal data.
    last_error = models.CharField(_("last error"), max_length=64, blank=True)
    # The dispatcher's lease: a claimed row is not claimed again before this moment.
    claimed_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-due_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "object_type", "object_id", "due_on"], name="reminder_key"
            )
        ]
        indexes = [
            # The dispatcher's claim query.
            models.Index(
                fields=["due_on"],
                condition=models.Q(status="pending"),
                name="reminder_pending_due_idx",
            ),
            # The bell: unread in-app reminders of one person.
            models.Index(
                fields=["recipient"],
                condition=models.Q(status="sent", read_at__isnull=True),
                name="reminder_unread_idx",
            ),
            # A person's list. Partial, like the two above, so that the sweep's inserts of
            # pending rows do not maintain it. Lookups by object use the unique key's prefix.
            models.Index(
                fields=["recipient", "-sent_at"],
                condition=models.Q(status="sent"),
                name="reminder_recipient_idx",
            ),
            # The org admin's page. Without pending rows: the sweep writes only pending rows,
            # so this index costs it nothing; a row enters it when it is sent, resolved or
            # failed. The page reads pending rows through `reminder_pending_due_idx`.
            models.Index(
                fields=["organisation", "status", "-due_on"],
                condition=~models.Q(status="pending"),
                name="reminder_org_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"reminder {self.pk} {self.rule}"

    @property
    def rule_label(self) -> str:
        """What the rule watches, in words; never its code (`intervention_follow_up`)."""
        rule = get_rule(self.rule)
        return str(rule.label) if rule is not None else str(_("Reminder"))

    @property
    def error_in_words(self) -> str:
        """Why the last attempt failed, in words an org admin understands (the stored code is
        for the operators' logs)."""
        if not self.last_error:
            return ""
        return str(FAILURE_WORDS.get(self.last_error, _("Sending did not work.")))

    @property
    def key(self) -> str:
        """The idempotency key, also carried in the e-mail's Message-ID."""
        return f"{self.rule}:{self.object_type}:{self.object_id}:{self.due_on.isoformat()}"


class RuleSetting(models.Model):
    """An organisation's choice for one rule: on or off, and its intervals (the rule says in
    which unit). Without a row the rule's defaults apply. A registered `Setting` (see
    `notifications.rules`) keeps its value here too, under its own code, as `intervals=[value]`."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="reminder_settings"
    )
    rule = models.CharField(_("rule"), max_length=64)
    enabled = models.BooleanField(_("on"), default=True)
    intervals = models.JSONField(_("intervals"), default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reminder rule setting")
        verbose_name_plural = _("reminder rule settings")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "rule"], name="one_setting_per_rule")
        ]

    def __str__(self) -> str:
        return f"{self.rule} for organisation {self.organisation_id}"


class DeliveryPreference(models.Model):
    """How a person wants reminders by e-mail. In-app reminders always arrive."""

    class Email(models.TextChoices):
        EACH = "each", _("An e-mail for each reminder")
        WEEKLY = "weekly", _("One weekly digest")
        NONE = "none", _("No e-mail, only in Netwerk")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preference"
    )
    email = models.CharField(
        _("reminders by e-mail"), max_length=8, choices=Email.choices, default=Email.EACH
    )
    last_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("reminder preference")
        verbose_name_plural = _("reminder preferences")

    def __str__(self) -> str:
        return f"reminder preference {self.user_id}"
