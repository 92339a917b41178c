"""Organisation message templates, how each person wants to be reached, and letters and calls
done by hand. The messages themselves are rows of the outbox (`notifications.Message`).

A person is (person_type, person_id): a participant, a volunteer or a user (staff), the same
pair the outbox stores as (recipient_type, recipient_id)."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from notifications.models import Message

# What a template may say, and what each placeholder stands for (shown on the template page).
PLACEHOLDERS = {
    "voornaam": _("the first name of the person who gets the message"),
    "datum": _("the date you give when you send"),
    "tijd": _("the time you give when you send"),
    "plaats": _("the place you give when you send"),
    "begeleider": _("your first name"),
    "organisatie": _("the name of your organisation"),
}
PLACEHOLDER_RE = re.compile(r"\{([^{}\s]{1,30})\}")


def validate_placeholders(text: str) -> None:
    unknown = sorted({name for name in PLACEHOLDER_RE.findall(text) if name not in PLACEHOLDERS})
    if unknown:
        raise ValidationError(
            _("Unknown placeholder %(names)s. You can use: %(known)s."),
            code="unknown_placeholder",
            params={
                "names": ", ".join(f"{{{name}}}" for name in unknown),
                "known": ", ".join(f"{{{name}}}" for name in PLACEHOLDERS),
            },
        )


class MessageTemplate(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="message_templates"
    )
    name = models.CharField(_("name"), max_length=80)
    subject = models.CharField(_("subject (e-mail and letter)"), max_length=120, blank=True)
    body = models.TextField(_("text"), max_length=1000, validators=[validate_placeholders])
    active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("message template")
        verbose_name_plural = _("message templates")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                name="one_message_template_per_name",
                violation_error_message=_("There is already a template with this name."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        validate_placeholders(self.subject)


class ContactPreference(models.Model):
    """How a volunteer or staff member wants messages, and everyone's quiet hours. A
    participant's preferred way is on the file (`Participant.preferred_channel`, written
    through participants' services); their row here only holds quiet hours."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person_type = models.CharField(max_length=16, choices=Message.RecipientType.choices)
    person_id = models.BigIntegerField()
    channel = models.CharField(
        _("preferred way to be reached"), max_length=8, choices=Message.Channel.choices, blank=True
    )
    quiet_from = models.TimeField(_("no messages from"), null=True, blank=True)
    quiet_until = models.TimeField(_("no messages until"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("contact preference")
        verbose_name_plural = _("contact preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["person_type", "person_id"],
                name="one_contact_preference_per_person",
                violation_error_message=_("This person has a contact preference already."),
            ),
            models.CheckConstraint(
                condition=(models.Q(quiet_from__isnull=True) & models.Q(quiet_until__isnull=True))
                | (models.Q(quiet_from__isnull=False) & models.Q(quiet_until__isnull=False)),
                name="quiet_hours_both_or_none",
                violation_error_message=_("Give both the start and the end of the quiet hours."),
            ),
        ]

    def __str__(self) -> str:
        return f"contact preference {self.person_type} {self.person_id}"


class HandDelivery(models.Model):
    """A letter posted or a call made: who did it and when (the message is then delivered)."""

    message = models.OneToOneField(Message, on_delete=models.CASCADE, related_name="hand_delivery")
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    done_at = models.DateTimeField(_("done at"))
    note = models.CharField(_("how it went"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("letter or call done by hand")
        verbose_name_plural = _("letters and calls done by hand")

    def __str__(self) -> str:
        return f"hand delivery {self.message_id}"
