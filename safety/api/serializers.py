"""Input and output shapes of the flags API. Inputs parse; `safety.services` decides."""

from rest_framework import serializers

from netwerk.api import ShapeField

from ..models import REASON_MAX_LENGTH, TEXT_MAX_LENGTH, Flag, FlagKind


class FlagKindOutput(serializers.ModelSerializer):
    label = serializers.CharField(help_text="The name to show, in the caller's language.")

    class Meta:
        model = FlagKind
        fields = ["id", "code", "label", "description", "order"]


class FlagInput(serializers.Serializer):
    """Exactly one of `participant` (a file) and `match`; `source_worry` only with a match."""

    participant = serializers.IntegerField(required=False, min_value=1, allow_null=True)
    match = serializers.IntegerField(required=False, min_value=1, allow_null=True)
    kind = serializers.IntegerField(min_value=1)
    text = serializers.CharField(max_length=TEXT_MAX_LENGTH)
    source_worry = serializers.IntegerField(required=False, min_value=1, allow_null=True)
    pass_on_to_volunteer = serializers.BooleanField(required=False, default=False)
    volunteer_text = serializers.CharField(
        required=False, allow_blank=True, max_length=TEXT_MAX_LENGTH, default=""
    )

    def validate(self, data):
        if (data.get("participant") is None) == (data.get("match") is None):
            raise serializers.ValidationError(
                {"participant": ["Give either a participant (a file) or a match, not both."]}
            )
        if data.get("source_worry") is not None and data.get("match") is None:
            raise serializers.ValidationError(
                {"source_worry": ["A worry becomes a flag on its match: give the match."]}
            )
        return data


class PassOnInput(serializers.Serializer):
    pass_on_to_volunteer = serializers.BooleanField()
    volunteer_text = serializers.CharField(
        required=False, allow_blank=True, max_length=TEXT_MAX_LENGTH, default=""
    )

    def validate(self, data):
        # A form-encoded body without the field reads as false in DRF: ask for it explicitly.
        if "pass_on_to_volunteer" not in self.initial_data:
            raise serializers.ValidationError(
                {"pass_on_to_volunteer": ["Say whether the volunteer reads this flag."]}
            )
        return data


class EndRequestInput(serializers.Serializer):
    reason = serializers.CharField(max_length=REASON_MAX_LENGTH)


class FlagOutput(serializers.ModelSerializer):
    """For staff: the whole flag."""

    shape = ShapeField("full", family="Flag")
    kind = FlagKindOutput()
    status = serializers.SerializerMethodField()

    class Meta:
        model = Flag
        fields = [
            "shape",
            "id",
            "participant",
            "match",
            "kind",
            "text",
            "status",
            "raised_by",
            "raised_at",
            "source_worry",
            "pass_on_to_volunteer",
            "volunteer_text",
            "ending_requested_by",
            "ending_requested_at",
            "ending_reason",
            "ended_by",
            "ended_at",
        ]

    def get_status(self, flag: Flag) -> str:
        """in_force | ending_requested | ended"""
        if flag.is_ended:
            return "ended"
        return "ending_requested" if flag.ending_requested else "in_force"


class VolunteerFlagOutput(serializers.Serializer):
    """For the volunteer: the kind and what the coordinator passed on, no more."""

    shape = ShapeField("passed_on", family="Flag")
    id = serializers.IntegerField()
    match = serializers.IntegerField(source="match_id", allow_null=True)
    kind = serializers.CharField(source="kind.label")
    text = serializers.CharField(source="volunteer_text")
    raised_at = serializers.DateTimeField()
