"""Input and output shapes of the network API: members, snapshots with their summary,
measurements with their scores, family group plans with their agreements."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from netwerk.api_schema import NamedChoiceField, WorkModelCodeField

from ..models import (
    Agreement,
    FamilyPlan,
    Measurement,
    MemberTie,
    NetworkMember,
    NetworkSnapshot,
    SnapshotMember,
    SnapshotTie,
)
from ..models.network import (
    MEMBER_ATTRIBUTES,
    Direction,
    Formality,
    Frequency,
    KnownFor,
    Ring,
    Sector,
    Support,
)
from ..models.network_parts import (
    ORIGIN_FIELDS,
    POSITION_FIELDS,
    TIE_ATTRIBUTES,
    Origin,
    TieStrength,
    TieTension,
)
from ..selectors.network import network_summary
from .serializers import UserRef


def _choice(choices, name, **kwargs) -> NamedChoiceField:
    return NamedChoiceField(choices, enum_name=name, **kwargs)


# The origin as the API shows it: the work model by its code, the trajectory, match or group
# that created the tie (read-only, filled in by Netwerk) by id.
ORIGIN_OUTPUT = (*ORIGIN_FIELDS,)
ORIGIN_INPUT = ("origin", "origin_detail", "origin_work_model")


class _OriginFields(serializers.ModelSerializer):
    origin = _choice(Origin, "NetworkOriginEnum", required=False, allow_blank=True)
    origin_detail = serializers.CharField(max_length=100, required=False, allow_blank=True)
    origin_work_model = WorkModelCodeField(
        required=False,
        allow_null=True,
        help_text="Code of the work model that created the tie; left out, the one the origin "
        "belongs to (a group: peer, the buddy: buddy).",
    )


class _OriginOutput(serializers.ModelSerializer):
    origin = _choice(Origin, "NetworkOriginEnum")
    origin_work_model = WorkModelCodeField(read_only=True, allow_null=True)


_POSITION = {"required": False, "allow_null": True, "min_value": -1.0, "max_value": 1.0}


class _MemberFields(serializers.ModelSerializer):
    sector = _choice(Sector, "NetworkSectorEnum")
    ring = _choice(Ring, "NetworkRingEnum")
    support = serializers.ListField(
        child=_choice(Support, "NetworkSupportEnum"), required=False, max_length=4
    )
    direction = _choice(Direction, "NetworkDirectionEnum", required=False, allow_blank=True)
    frequency = _choice(Frequency, "NetworkFrequencyEnum", required=False, allow_blank=True)
    known_for = _choice(KnownFor, "NetworkKnownForEnum", required=False, allow_blank=True)


class NetworkMemberInput(_MemberFields, _OriginFields):
    pos_x = serializers.FloatField(
        **_POSITION, help_text="Place on a map drawn by hand: -1 (left) to 1 (right)."
    )
    pos_y = serializers.FloatField(
        **_POSITION, help_text="Place on a map drawn by hand: -1 (top) to 1 (bottom)."
    )

    class Meta:
        model = NetworkMember
        fields = [*MEMBER_ATTRIBUTES, *POSITION_FIELDS, *ORIGIN_INPUT]


class NetworkMemberOutput(_MemberFields, _OriginOutput):
    formality = _choice(Formality, "NetworkFormalityEnum", read_only=True)
    source = _choice(NetworkMember.Source, "NetworkMemberSourceEnum", read_only=True)

    class Meta:
        model = NetworkMember
        fields = [
            "id",
            "participant",
            *MEMBER_ATTRIBUTES,
            *POSITION_FIELDS,
            *ORIGIN_OUTPUT,
            "formality",
            "source",
            "buddy_match_id",
            "created_at",
            "updated_at",
        ]


class SnapshotMemberOutput(_MemberFields, _OriginOutput):
    formality = _choice(Formality, "NetworkFormalityEnum", read_only=True)

    class Meta:
        model = SnapshotMember
        fields = ["member_id", *MEMBER_ATTRIBUTES, *POSITION_FIELDS, *ORIGIN_OUTPUT, "formality"]


# --- Ties between members ------------------------------------------------------------------


class _TieFields(serializers.ModelSerializer):
    strength = _choice(TieStrength, "MemberTieStrengthEnum", required=False)
    tension = _choice(TieTension, "MemberTieTensionEnum", required=False, allow_blank=True)


class MemberTieChange(_TieFields, _OriginFields):
    """What changes on a tie; its two ends never do (remove the tie and add another)."""

    class Meta:
        model = MemberTie
        fields = [*TIE_ATTRIBUTES, *ORIGIN_INPUT]


class MemberTieInput(MemberTieChange):
    member_a = serializers.IntegerField(help_text="Id of a network member of this participant.")
    member_b = serializers.IntegerField(help_text="Id of another member of the same map.")

    class Meta:
        model = MemberTie
        fields = ["member_a", "member_b", *TIE_ATTRIBUTES, *ORIGIN_INPUT]


class MemberTieOutput(_TieFields, _OriginOutput):
    class Meta:
        model = MemberTie
        fields = [
            "id",
            "participant",
            "member_a",
            "member_b",
            *TIE_ATTRIBUTES,
            *ORIGIN_OUTPUT,
            "created_at",
            "updated_at",
        ]


class SnapshotTieOutput(_TieFields, _OriginOutput):
    member_a_id = serializers.IntegerField(help_text="member_id of one end in this snapshot.")
    member_b_id = serializers.IntegerField(help_text="member_id of the other end.")

    class Meta:
        model = SnapshotTie
        fields = ["member_a_id", "member_b_id", *TIE_ATTRIBUTES, *ORIGIN_OUTPUT]


class SummaryOutput(serializers.Serializer):
    size = serializers.IntegerField()
    formal = serializers.IntegerField()
    informal = serializers.IntegerField()
    by_sector = serializers.DictField(child=serializers.IntegerField())
    by_ring = serializers.DictField(child=serializers.IntegerField())
    by_support = serializers.DictField(child=serializers.IntegerField())
    reciprocal = serializers.IntegerField()
    very_close = serializers.IntegerField()
    weekly_or_more = serializers.IntegerField()
    critical = serializers.IntegerField()


def _kind(**kwargs) -> NamedChoiceField:
    return _choice(NetworkSnapshot.Kind, "NetworkSnapshotKindEnum", **kwargs)


class SnapshotInput(serializers.Serializer):
    taken_on = serializers.DateField()
    kind = _kind()
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)


class SnapshotOutput(serializers.ModelSerializer):
    kind = _kind()
    created_by = UserRef()
    members = serializers.SerializerMethodField()
    ties = serializers.SerializerMethodField()
    summary = serializers.SerializerMethodField()

    class Meta:
        model = NetworkSnapshot
        fields = [
            "id",
            "participant",
            "taken_on",
            "kind",
            "note",
            "created_by",
            "members",
            "ties",
            "summary",
        ]

    @extend_schema_field(SnapshotMemberOutput(many=True))
    def get_members(self, snapshot: NetworkSnapshot) -> list:
        return SnapshotMemberOutput(snapshot.members.all(), many=True).data

    @extend_schema_field(SnapshotTieOutput(many=True))
    def get_ties(self, snapshot: NetworkSnapshot) -> list:
        return SnapshotTieOutput(snapshot.ties.all(), many=True).data

    @extend_schema_field(SummaryOutput)
    def get_summary(self, snapshot: NetworkSnapshot) -> dict:
        return SummaryOutput(network_summary(snapshot.members.all())).data


class MeasurementInput(serializers.Serializer):
    instrument = serializers.CharField(
        max_length=32, help_text="Instrument code (lsns6, djg6); its newest enabled version."
    )
    taken_on = serializers.DateField()
    answers = serializers.DictField(
        child=serializers.CharField(allow_null=True, allow_blank=True),
        help_text="Item code → answer code; a missing or null answer is a missing item.",
    )


class MeasurementOutput(serializers.ModelSerializer):
    instrument = serializers.CharField(source="instrument.code")
    scores = serializers.JSONField()
    recorded_by = UserRef()

    class Meta:
        model = Measurement
        fields = [
            "id",
            "participant",
            "instrument",
            "instrument_version",
            "taken_on",
            "answers",
            "total",
            "band",
            "scores",
            "recorded_by",
            "created_at",
        ]


def _agreement_status(**kwargs) -> NamedChoiceField:
    return _choice(Agreement.Status, "AgreementStatusEnum", **kwargs)


class AgreementInput(serializers.ModelSerializer):
    member = serializers.IntegerField(
        required=False, allow_null=True, help_text="Id of a network member of this participant."
    )
    status = _agreement_status(required=False)

    class Meta:
        model = Agreement
        fields = ["what", "member", "carried_by", "due_on", "status", "note"]


class AgreementOutput(serializers.ModelSerializer):
    status = _agreement_status()
    who = serializers.CharField()

    class Meta:
        model = Agreement
        fields = ["id", "plan", "what", "member", "carried_by", "who", "due_on", "status", "note"]


def _plan_kind(**kwargs) -> NamedChoiceField:
    return _choice(FamilyPlan.Kind, "FamilyPlanKindEnum", **kwargs)


class FamilyPlanInput(serializers.ModelSerializer):
    kind = _plan_kind()

    class Meta:
        model = FamilyPlan
        fields = ["kind", "held_on", "evaluation_on", "evaluated_on", "fallback"]


class FamilyPlanOutput(serializers.ModelSerializer):
    kind = _plan_kind()
    agreements = AgreementOutput(many=True)
    created_by = UserRef()

    class Meta:
        model = FamilyPlan
        fields = [
            "id",
            "participant",
            *FamilyPlanInput.Meta.fields,
            "agreements",
            "created_by",
            "created_at",
        ]
