"""Input and output of the messages API."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from netwerk.api_schema import NamedChoiceField
from netwerk.validators import PLANNED
from notifications.models import InboundMessage, Message

from ..forms import CHANNEL_CHOICES, PREFERENCE_CHOICES
from ..models import MessageTemplate


@extend_schema_field(
    {
        "type": "string",
        "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$",
        "example": "21:00",
    }
)
class ClockTimeField(serializers.TimeField):
    """A time of day as hours and minutes ("21:00"), read with or without seconds. OpenAPI's
    `format: time` asks for a UTC offset, which a time of day on the clock has not."""

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%H:%M")
        kwargs.setdefault("input_formats", ["%H:%M", "%H:%M:%S"])
        super().__init__(**kwargs)


RECIPIENT_TYPES = [("participant", "participant"), ("volunteer", "volunteer")]


class SendInput(serializers.Serializer):
    recipient_type = serializers.ChoiceField(choices=RECIPIENT_TYPES)
    recipient_id = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    channel = serializers.ChoiceField(
        choices=[code for code, _ in CHANNEL_CHOICES],
        default="auto",
        help_text="`auto`: the person's own preferred way, then SMS, e-mail, letter, call.",
    )
    template = serializers.PrimaryKeyRelatedField(
        queryset=MessageTemplate.objects.none(), required=False, allow_null=True
    )
    subject = serializers.CharField(max_length=120, required=False, allow_blank=True)
    body = serializers.CharField(
        max_length=1000,
        required=False,
        allow_blank=True,
        help_text="The text; empty: the template's. Placeholders: {voornaam}, {datum}, "
        "{tijd}, {plaats}, {begeleider}, {organisatie}.",
    )
    date = serializers.DateField(required=False, allow_null=True, validators=PLANNED)
    time = ClockTimeField(required=False, allow_null=True)
    place = serializers.CharField(max_length=120, required=False, allow_blank=True)
    key = serializers.RegexField(
        r"^[0-9a-f]{32}$",
        required=False,
        help_text="32 hexadecimal characters of your choice: sending again with the same key "
        "queues nothing twice.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        membership = self.context.get("membership")
        if membership is not None:
            self.fields["template"].queryset = MessageTemplate.objects.filter(
                organisation_id=membership.organisation_id, active=True
            )


class SentMessageReplyOutput(serializers.ModelSerializer):
    kind = NamedChoiceField(InboundMessage.Kind, enum_name="SentMessageReplyKindEnum")

    class Meta:
        model = InboundMessage
        fields = ["id", "received_at", "kind", "text"]


class SentMessageOutput(serializers.ModelSerializer):
    channel = NamedChoiceField(Message.Channel, enum_name="SentMessageChannelEnum")
    status = NamedChoiceField(Message.Status, enum_name="SentMessageStatusEnum")
    recipient_type = NamedChoiceField(
        Message.RecipientType, enum_name="SentMessageRecipientTypeEnum"
    )
    replies = SentMessageReplyOutput(many=True, read_only=True)

    class Meta:
        model = Message
        fields = [
            "id",
            "channel",
            "recipient_type",
            "recipient_id",
            "subject",
            "body",
            "status",
            "parts",
            "created_at",
            "not_before",
            "sent_at",
            "delivered_at",
            "failed_reason",
            "replies",
        ]


class MessageLeftOutOutput(serializers.Serializer):
    reason = serializers.CharField()
    reason_text = serializers.CharField()


class MessageSendOutput(serializers.Serializer):
    queued = serializers.IntegerField()
    channel = serializers.CharField()
    text = serializers.CharField()
    parts = serializers.IntegerField()


class ContactPreferenceSerializer(serializers.Serializer):
    channel = serializers.ChoiceField(
        choices=[code for code, _ in PREFERENCE_CHOICES], required=False, allow_blank=True
    )
    quiet_from = ClockTimeField(required=False, allow_null=True)
    quiet_until = ClockTimeField(required=False, allow_null=True)
