"""Messages to people (SMS, e-mail, letter, call, in-app), replies that come in, and opt-outs.

A message is a row in the outbox with a unique `key`: queueing it twice is a no-op, so a case
app can write it in the same transaction as the change that causes it. The dispatcher
(`notifications.sms_dispatch`) claims queued rows with `SELECT … FOR UPDATE SKIP LOCKED` and
hands them to the gateway; the gateway's delivery report moves the row to delivered or failed.
This app imports no case app: a recipient is a (type, id) pair the case apps resolve.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation

# Long enough for a letter; an SMS is further limited to SMS_MAX_PARTS segments (notifications.sms).
BODY_MAX_LENGTH = 4000


class Message(models.Model):
    class Channel(models.TextChoices):
        SMS = "sms", _("SMS")
        EMAIL = "email", _("E-mail")
        LETTER = "letter", _("Letter")
        CALL = "call", _("Phone call")
        IN_APP = "in_app", _("In Netwerk")

    class RecipientType(models.TextChoices):
        PARTICIPANT = "participant", _("Participant")
        VOLUNTEER = "volunteer", _("Volunteer")
        USER = "user", _("Staff member")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        DELIVERED = "delivered", _("Arrived")
        FAILED = "failed", _("Did not arrive")
        CANCELLED = "cancelled", _("Cancelled")

    class Encoding(models.TextChoices):
        GSM7 = "gsm7", _("Standard characters")
        UCS2 = "ucs2", _("Special characters")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    # Idempotency: the same key never makes a second message (e.g. "session:12:reminder:340").
    key = models.CharField(_("key"), max_length=200, unique=True)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    recipient_type = models.CharField(
        _("recipient type"), max_length=16, choices=RecipientType.choices
    )
    recipient_id = models.BigIntegerField(_("recipient"))
    # E.164 number for SMS, e-mail address for e-mail, blank for the other channels.
    address = models.CharField(_("address"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("text"), validators=[MaxLengthValidator(BODY_MAX_LENGTH)])
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sender"),
    )
    # What the message is about ("session", 12 / "match", 3): replies are shown there.
    about_type = models.CharField(_("about"), max_length=32, blank=True)
    about_id = models.BigIntegerField(null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # The dispatcher's lease: a claimed row is not claimed again before this moment.
    claimed_until = models.DateTimeField(null=True, blank=True)
    # Quiet hours: the dispatcher leaves the message alone until then.
    not_before = models.DateTimeField(_("not before"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("arrived"), null=True, blank=True)
    # The gateway's reason (short; never personal data) or an exception's class name.
    failed_reason = models.CharField(_("reason"), max_length=200, blank=True)
    gateway_id = models.CharField(max_length=100, blank=True)
    parts = models.PositiveSmallIntegerField(_("SMS parts"), default=0)
    encoding = models.CharField(max_length=8, choices=Encoding.choices, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(channel__in=["sms", "email"]) | ~Q(address=""),
                name="message_address_for_sms_email",
                violation_error_message=_("An SMS or e-mail needs a phone number or address."),
            ),
            models.CheckConstraint(
                condition=Q(recipient_type__in=["participant", "volunteer", "user"]),
                name="message_recipient_type_known",
                violation_error_message=_("Unknown kind of recipient."),
            ),
            models.CheckConstraint(
                condition=~Q(key=""),
                name="message_key_not_blank",
                violation_error_message=_("A message needs a key."),
            ),
        ]
        indexes = [
            # The dispatcher's claim query: queued rows only, so sent history costs it nothing.
            models.Index(
                fields=["channel", "id"],
                condition=Q(status="queued"),
                name="message_queued_idx",
            ),
            # Claimed rows whose lease ran out (a worker died after the claim).
            models.Index(
                fields=["claimed_until"],
                condition=Q(status="sending"),
                name="message_sending_idx",
            ),
            # A person's message log on their file.
            models.Index(
                fields=["organisation", "recipient_type", "recipient_id", "-created_at"],
                name="message_recipient_idx",
            ),
            # Matching an SMS reply to the latest message to that number; STOP cancels by number.
            models.Index(
                fields=["address", "-created_at"],
                condition=Q(channel="sms"),
                name="message_sms_address_idx",
            ),
            models.Index(fields=["about_type", "about_id"], name="message_about_idx"),
        ]

    def __str__(self) -> str:
        return f"message {self.pk} {self.channel} {self.status}"


class InboundMessage(models.Model):
    """An SMS that came in. Kept even when the number is unknown (organisation empty): the
    instance's staff route it."""

    class Kind(models.TextChoices):
        STOP = "stop", _("Stop")
        YES = "yes", _("Yes")
        NO = "no", _("No")
        OTHER = "other", _("Other")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    from_number = models.CharField(_("from"), max_length=32)
    text = models.TextField(_("text"), validators=[MaxLengthValidator(BODY_MAX_LENGTH)])
    received_at = models.DateTimeField(_("received"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.OTHER)
    reply_to = models.ForeignKey(
        Message,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reply to"),
    )
    # Kannel's id of the incoming SMS (with the number): a repeated get-url call is stored once.
    gateway_id = models.CharField(max_length=100, blank=True)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )

    class Meta:
        verbose_name = _("incoming message")
        verbose_name_plural = _("incoming messages")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_number", "gateway_id"],
                condition=~Q(gateway_id=""),
                name="inbound_once_per_gateway_id",
                violation_error_message=_("This incoming message was already stored."),
            ),
        ]
        indexes = [
            models.Index(
                fields=["organisation", "-received_at"],
                condition=Q(handled_at__isnull=True),
                name="inbound_unhandled_idx",
            ),
            models.Index(fields=["reply_to"], name="inbound_reply_to_idx"),
        ]

    def __str__(self) -> str:
        return f"inbound message {self.pk} {self.kind}"


class SmsOptOut(models.Model):
    """A number that asked for no more SMS (STOP) or that staff stopped. Checked before every
    send; queued SMS to the number are cancelled when it is recorded."""

    class Source(models.TextChoices):
        INBOUND = "inbound", _("Replied STOP")
        STAFF = "staff", _("Recorded by staff")

    number = models.CharField(_("phone number"), max_length=32, unique=True)
    opted_out_at = models.DateTimeField(_("stopped on"))
    source = models.CharField(_("source"), max_length=8, choices=Source.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )

    class Meta:
        verbose_name = _("SMS stop")
        verbose_name_plural = _("SMS stops")
        constraints = [
            models.CheckConstraint(
                condition=~Q(number=""),
                name="sms_opt_out_number_not_blank",
                violation_error_message=_("A stop needs a phone number."),
            ),
        ]

    def __str__(self) -> str:
        return f"sms opt-out {self.pk}"
