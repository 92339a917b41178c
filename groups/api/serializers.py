"""Input and output of the group-work API. Members appear with first names only."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from workmodels.models import Initiative, WorkModel

from ..models import Group, GroupSession, VolunteerPlacement


@extend_schema_field(OpenApiTypes.STR)
class WorkModelCodeField(serializers.SlugRelatedField):
    """A work model by its code (competence, peer, volunteering, community, ...)."""


class GroupOutput(serializers.ModelSerializer):
    work_model = WorkModelCodeField(slug_field="code", read_only=True)
    language = serializers.CharField()
    facilitators = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Group
        fields = [
            "id",
            "name",
            "kind",
            "work_model",
            "initiative",
            "initiative_name",
            "facilitators",
            "place",
            "online",
            "language",
            "starts_on",
            "ends_on",
            "capacity",
            "completion_threshold",
            "completion_percent",
            "reached_without_file",
        ]


class GroupInput(serializers.ModelSerializer):
    work_model = WorkModelCodeField(slug_field="code", queryset=WorkModel.objects.all())
    language = serializers.CharField(max_length=8, required=False)
    initiative = serializers.PrimaryKeyRelatedField(
        queryset=Initiative.objects.all(), required=False, allow_null=True
    )
    facilitators = serializers.ListField(
        child=serializers.IntegerField(), required=False, help_text="User ids."
    )

    class Meta:
        model = Group
        fields = [f for f in GroupOutput.Meta.fields if f != "id"]
        validators: list = []

    def validate(self, attrs):
        return attrs  # the service checks the rules (capacity, dates, facilitators)


class MemberOutput(serializers.Serializer):
    id = serializers.IntegerField()
    first_name = serializers.SerializerMethodField()
    joined_on = serializers.DateField()
    left_on = serializers.DateField(allow_null=True)
    certificate_on = serializers.DateField(allow_null=True)
    attended = serializers.IntegerField()
    sessions_taken = serializers.IntegerField()

    def get_first_name(self, member) -> str:
        return member.participant.short_name


class MemberInput(serializers.Serializer):
    participant = serializers.IntegerField(help_text="The id of a file you may open.")
    joined_on = serializers.DateField(required=False, allow_null=True)


class SessionOutput(serializers.ModelSerializer):
    attendance_taken = serializers.BooleanField(read_only=True)

    class Meta:
        model = GroupSession
        fields = [
            "id",
            "date",
            "starts_at",
            "ends_at",
            "topic",
            "extra_attendees",
            "attendance_taken",
        ]


class SessionInput(serializers.ModelSerializer):
    class Meta:
        model = GroupSession
        fields = ["date", "starts_at", "ends_at", "topic"]

    def validate(self, attrs):
        return attrs


class AttendanceIO(serializers.Serializer):
    present = serializers.ListField(child=serializers.IntegerField(), help_text="Member ids.")
    extra_attendees = serializers.IntegerField(min_value=0, max_value=1_000, default=0)


class PlacementOutput(serializers.ModelSerializer):
    class Meta:
        model = VolunteerPlacement
        fields = [
            "id",
            "participant",
            "where",
            "what",
            "since",
            "ended_on",
            "hours",
            "per",
            "contact_person",
            "status",
        ]


class PlacementInput(serializers.ModelSerializer):
    participant = serializers.IntegerField(required=False)

    class Meta:
        model = VolunteerPlacement
        fields = PlacementOutput.Meta.fields[1:]

    def validate(self, attrs):
        return attrs
