"""Input and output shapes of the participant-file API.

Inputs only parse and type-check; the business rules live in `participants.services`, which
every write goes through. Work models are referenced by their code, never by id.
"""

from rest_framework import serializers

from accounts.models import User
from netwerk.api_schema import NamedChoiceField, WorkModelCodeField
from netwerk.flags import FlagsField

from ..models import (
    SPECIAL_CATEGORY_FIELDS,
    Consent,
    Goal,
    GoalNote,
    Intervention,
    Participant,
    Trajectory,
)
from ..selectors import can_see_special_categories, participant_editable_by
from ..services.files import EDITABLE_FIELDS


class UserRef(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "full_name"]


def _participant_status(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(Participant.Status, enum_name="ParticipantStatusEnum", **kwargs)


def _trajectory_status(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(Trajectory.Status, enum_name="TrajectoryStatusEnum", **kwargs)


def _goal_status(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(Goal.Status, enum_name="GoalStatusEnum", **kwargs)


def _consent_purpose(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(Consent.Purpose, enum_name="ConsentPurposeEnum", **kwargs)


def _intervention_kind(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(Intervention.Kind, enum_name="InterventionKindEnum", **kwargs)


def _consent_method(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(Consent.Method, enum_name="ConsentMethodEnum", **kwargs)


# --- Participants --------------------------------------------------------------------------------


class ParticipantFilter(serializers.Serializer):
    status = _participant_status(required=False)
    q = serializers.CharField(
        required=False, max_length=100, help_text="Part of a name, or a whole reference."
    )
    mine = serializers.BooleanField(
        required=False, default=False, help_text="Only files assigned to me."
    )


class ParticipantInput(serializers.ModelSerializer):
    status = _participant_status(required=False)
    languages = serializers.ListField(
        child=serializers.CharField(max_length=16), max_length=30, required=False
    )

    class Meta:
        model = Participant
        fields = list(EDITABLE_FIELDS)


class ParticipantCreateInput(ParticipantInput):
    file_consent_method = _consent_method(
        required=False,
        help_text="Record the participant's consent to a file at once, given this way.",
    )
    file_consent_on = serializers.DateField(
        required=False, help_text="When file consent was given (default: today)."
    )

    class Meta(ParticipantInput.Meta):
        fields = [*ParticipantInput.Meta.fields, "file_consent_method", "file_consent_on"]


class ParticipantOutput(serializers.ModelSerializer):
    """A file. `migration_background` and `health_remarks` (special-category data) are left
    out unless the reader is the assigned social worker or an org admin."""

    languages = serializers.ListField(child=serializers.CharField())
    status = _participant_status()
    social_worker = UserRef(allow_null=True)
    has_file_consent = serializers.BooleanField(read_only=True)
    can_edit = serializers.SerializerMethodField()
    flags = FlagsField("participant")
    migration_background = serializers.CharField(required=False)
    health_remarks = serializers.CharField(required=False)

    class Meta:
        model = Participant
        fields = [
            "id",
            "flags",
            "reference_code",
            "display_name",
            *EDITABLE_FIELDS,
            "social_worker",
            "last_intervention_on",
            "next_follow_up_on",
            "has_file_consent",
            "can_edit",
            "created_at",
            "updated_at",
        ]

    def get_can_edit(self, participant: Participant) -> bool:
        return participant_editable_by(self.context["membership"], participant)

    def to_representation(self, participant: Participant) -> dict:
        data = super().to_representation(participant)
        if not can_see_special_categories(self.context["membership"], participant):
            for field in SPECIAL_CATEGORY_FIELDS:
                data.pop(field, None)
        return data


# --- Consents ------------------------------------------------------------------------------------


class ConsentInput(serializers.ModelSerializer):
    purpose = _consent_purpose()
    method = _consent_method()
    expires_on = serializers.DateField(
        required=False,
        allow_null=True,
        help_text=(
            "The last day the consent counts. Left out: the organisation's default validity "
            "from `given_on`; null: no expiry date. Recording a consent again, given later than "
            "the current one that has an expiry date, renews it."
        ),
    )

    class Meta:
        model = Consent
        fields = ["purpose", "given_on", "method", "expires_on"]


class ConsentWithdrawInput(serializers.Serializer):
    withdrawn_on = serializers.DateField(
        required=False, allow_null=True, help_text="Default: today."
    )


class ConsentOutput(serializers.ModelSerializer):
    purpose = _consent_purpose()
    method = _consent_method()
    recorded_by = UserRef()
    withdrawal_recorded_by = UserRef(allow_null=True)
    is_active = serializers.BooleanField(
        help_text="The consent counts today: not withdrawn, not renewed, not past `expires_on`."
    )

    class Meta:
        model = Consent
        fields = [
            "id",
            "participant",
            "purpose",
            "given_on",
            "method",
            "recorded_by",
            "expires_on",
            "withdrawn_on",
            "withdrawal_recorded_by",
            "renewed_on",
            "is_active",
            "created_at",
        ]


# --- Trajectories, goals and their notes --------------------------------------------------------


class TrajectoryInput(serializers.ModelSerializer):
    work_model = WorkModelCodeField()
    status = _trajectory_status(required=False)

    class Meta:
        model = Trajectory
        fields = ["work_model", "motivation", "initiative_name", "started_on", "ended_on", "status"]


class TrajectoryOutput(serializers.ModelSerializer):
    work_model = WorkModelCodeField(read_only=True)
    status = _trajectory_status()
    created_by = UserRef()

    class Meta:
        model = Trajectory
        fields = ["id", "participant", *TrajectoryInput.Meta.fields, "created_by", "created_at"]


class GoalInput(serializers.ModelSerializer):
    work_model = WorkModelCodeField()
    status = _goal_status(required=False)

    class Meta:
        model = Goal
        fields = ["work_model", "description", "status"]


class GoalOutput(serializers.ModelSerializer):
    work_model = WorkModelCodeField(read_only=True)
    status = _goal_status()
    created_by = UserRef()

    class Meta:
        model = Goal
        fields = ["id", "participant", *GoalInput.Meta.fields, "created_by", "created_at"]


class GoalNoteInput(serializers.ModelSerializer):
    class Meta:
        model = GoalNote
        fields = ["date", "text"]


class GoalNoteOutput(serializers.ModelSerializer):
    author = UserRef()

    class Meta:
        model = GoalNote
        fields = ["id", "goal", "date", "text", "author", "created_at"]


# --- Interventions -------------------------------------------------------------------------------


class InterventionInput(serializers.ModelSerializer):
    """`goal` must be one of the same participant's goals (the view narrows the choice)."""

    work_model = WorkModelCodeField()
    kind = _intervention_kind()
    duration_minutes = serializers.IntegerField(min_value=1, max_value=24 * 60)
    took_part = serializers.ListField(
        child=serializers.ChoiceField(choices=Intervention.TookPart.choices),
        required=False,
        max_length=len(Intervention.TookPart.choices),
    )
    goal = serializers.PrimaryKeyRelatedField(
        queryset=Goal.objects.none(), required=False, allow_null=True
    )

    class Meta:
        model = Intervention
        fields = [
            "date",
            "duration_minutes",
            "work_model",
            "kind",
            "took_part",
            "summary",
            "goal",
            "follow_up_on",
        ]

    def __init__(self, *args, participant: Participant | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if participant is not None:
            self.fields["goal"].queryset = Goal.objects.filter(participant=participant)


class FollowUpDoneInput(serializers.Serializer):
    done_on = serializers.DateField(required=False, allow_null=True, help_text="Default: today.")


class InterventionOutput(serializers.ModelSerializer):
    work_model = WorkModelCodeField(read_only=True)
    kind = _intervention_kind()
    took_part = serializers.ListField(
        child=serializers.ChoiceField(choices=Intervention.TookPart.choices)
    )
    author = UserRef()

    class Meta:
        model = Intervention
        fields = [
            "id",
            "participant",
            *InterventionInput.Meta.fields,
            "follow_up_done_on",
            "author",
            "created_at",
        ]
