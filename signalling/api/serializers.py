"""Input and output of the signals API. A signal names no one: no participant, match or
session id leaves in an answer, only where it was recorded from."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from workmodels.models import Initiative, WorkModel

from ..models import STORY_MAX_LENGTH, Signal, SignalTheme


@extend_schema_field(OpenApiTypes.STR)
class WorkModelCodeField(serializers.SlugRelatedField):
    """A work model by its code (competence, buddy, own_network, peer, ...)."""


class SignalThemeOutput(serializers.ModelSerializer):
    class Meta:
        model = SignalTheme
        fields = ["id", "code", "name", "description", "order", "active"]


class SignalOutput(serializers.ModelSerializer):
    theme_code = serializers.CharField(source="theme.code", read_only=True)
    theme_name = serializers.CharField(source="theme.name", read_only=True)
    work_model = WorkModelCodeField(slug_field="code", read_only=True)
    quarter = serializers.CharField(read_only=True, help_text="For example 2026-Q4.")

    class Meta:
        model = Signal
        fields = [
            "id",
            "theme",
            "theme_code",
            "theme_name",
            "municipality",
            "occurred_on",
            "quarter",
            "work_model",
            "initiative",
            "story",
            "source_type",
            "participant_counted",
            "story_released",
            "released_at",
            "reported_at",
            "withdrawn_at",
        ]


class SignalInput(serializers.Serializer):
    source_type = serializers.ChoiceField(
        choices=Signal.Source.choices,
        default=Signal.Source.STANDALONE,
        help_text="Where it is recorded from; volunteers record from their own match.",
    )
    source_id = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        help_text="The participant, match or session id (not for standalone).",
    )
    theme = serializers.PrimaryKeyRelatedField(queryset=SignalTheme.objects.all())
    municipality = serializers.CharField(max_length=120)
    occurred_on = serializers.DateField()
    work_model = WorkModelCodeField(
        slug_field="code", queryset=WorkModel.objects.all(), required=False, allow_null=True
    )
    initiative = serializers.PrimaryKeyRelatedField(
        queryset=Initiative.objects.all(), required=False, allow_null=True
    )
    story = serializers.CharField(max_length=STORY_MAX_LENGTH)
    participant_counted = serializers.BooleanField(required=False, allow_null=True, default=None)

    def validate(self, attrs):
        if attrs["source_type"] != Signal.Source.STANDALONE and not attrs.get("source_id"):
            raise serializers.ValidationError(
                {"source_id": ["Give the id of the file, match or session."]}
            )
        return attrs


class ReleaseInput(serializers.Serializer):
    released = serializers.BooleanField(
        help_text="true: release the story for quoting (after the name check); false: end it."
    )
