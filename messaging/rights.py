"""The messages to one participant in their rights export, and scrubbed on erasure.

Registered with participants' registries on import (from `MessagingConfig.ready`), so
participants never imports messaging. On erasure the texts, addresses and replies go; the
rows (channel, status, dates) stay for the figures, and nothing still waiting is sent."""

from django.utils.translation import gettext as _

from notifications.models import InboundMessage, Message
from participants.models import Participant
from participants.rights.erasure import register_erasure_step, scrub
from participants.rights.export import Section, register_rights_section, section


def _messages(participant_id: int):
    return Message.objects.filter(
        recipient_type=Message.RecipientType.PARTICIPANT, recipient_id=participant_id
    )


def message_sections(participant: Participant) -> list[Section]:
    return [
        section(
            "messages",
            _("Messages"),
            _messages(participant.pk),
            ("created_at", "channel", "subject", "body", "status", "delivered_at"),
        ),
        section(
            "message_replies",
            _("Replies to messages"),
            InboundMessage.objects.filter(reply_to__in=_messages(participant.pk)),
            ("received_at", "text"),
        ),
    ]


def erase_messages(participant: Participant) -> None:
    messages = _messages(participant.pk)
    InboundMessage.objects.filter(reply_to__in=messages).update(text="—", from_number="—")
    messages.filter(status=Message.Status.QUEUED).update(
        status=Message.Status.CANCELLED, failed_reason="file anonymised"
    )
    scrub(messages, texts=("body", "subject", "address"))


register_rights_section(message_sections)
register_erasure_step(erase_messages)
