"""Input and output shapes of the buddies API. Inputs parse; `buddies.services` decides.

Availability travels as a list of weekly slots such as "wed_afternoon"; a slot named twice
or unknown is a 400 with a field error. Choice sets carry their own schema names.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from netwerk.api import ShapeField
from netwerk.api_schema import NamedChoiceField
from netwerk.flags import FlagsField
from netwerk.languages import LANGUAGE_CHOICES
from netwerk.phones import validate_phone

from .. import explain
from ..availability import SLOT_CHOICES, mask_to_values, slots_to_mask
from ..models import BuddyRequest, CheckIn, ContactLog, InterestTag, Match, Volunteer
from ..models.match import HowItWent
from ..models.volunteer import Gender


class AvailabilityField(serializers.ListField):
    child = serializers.ChoiceField(choices=SLOT_CHOICES)

    def to_internal_value(self, data):
        values = super().to_internal_value(data)
        try:
            return slots_to_mask(values)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict["availability"]) from None

    def to_representation(self, value):
        return mask_to_values(value)


def _languages(**kwargs):
    return serializers.ListField(child=serializers.ChoiceField(choices=LANGUAGE_CHOICES), **kwargs)


def _gender(**kwargs):
    return NamedChoiceField(Gender, enum_name="BuddyGenderEnum", **kwargs)


def _how(**kwargs):
    return NamedChoiceField(HowItWent, enum_name="HowItWentEnum", **kwargs)


@extend_schema_field(OpenApiTypes.INT)
class InterestsField(serializers.PrimaryKeyRelatedField):
    """Interest tags of the caller's organisation, by id."""

    def get_queryset(self):
        membership = self.context["membership"]
        return InterestTag.objects.filter(organisation_id=membership.organisation_id)


# --- Volunteers ---------------------------------------------------------------------------------


class VolunteerInput(serializers.Serializer):
    user = serializers.IntegerField(
        required=False,
        help_text="On create, optional: the user id of a person with the volunteer role. "
        "Without it the volunteer has no log-in (give first_name).",
    )
    first_name = serializers.CharField(max_length=80, required=False, allow_blank=True)
    last_name = serializers.CharField(max_length=80, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    invite = serializers.BooleanField(
        required=False, help_text="On create: send an invitation to log in to `email`."
    )
    status = NamedChoiceField(Volunteer.Status, enum_name="VolunteerStatusEnum", required=False)
    phone = serializers.CharField(
        max_length=32, required=False, allow_blank=True, validators=[validate_phone]
    )
    languages = _languages(required=False)
    municipality = serializers.CharField(max_length=120, required=False, allow_blank=True)
    postcode = serializers.CharField(max_length=8, required=False, allow_blank=True)
    max_km = serializers.IntegerField(required=False, min_value=0, max_value=200)
    availability = AvailabilityField(required=False)
    interests = InterestsField(many=True, required=False)
    capacity = serializers.IntegerField(required=False, min_value=0, max_value=10)
    gender = _gender(required=False, allow_blank=True)
    birth_year = serializers.IntegerField(
        required=False, allow_null=True, min_value=1900, max_value=2100
    )
    lived_experience = serializers.BooleanField(required=False)
    intake_on = serializers.DateField(required=False, allow_null=True)
    screening_kind = NamedChoiceField(
        Volunteer.ScreeningKind, enum_name="ScreeningKindEnum", required=False, allow_blank=True
    )
    screening_issued_on = serializers.DateField(required=False, allow_null=True)
    training_sessions = serializers.IntegerField(required=False, min_value=0, max_value=100)
    agreement_signed_on = serializers.DateField(required=False, allow_null=True)


class VolunteerOutput(serializers.ModelSerializer):
    first_name = serializers.CharField(source="short_name", read_only=True)
    availability = AvailabilityField()
    status = NamedChoiceField(Volunteer.Status, enum_name="VolunteerStatusEnum")
    gender = _gender()
    screening_kind = NamedChoiceField(Volunteer.ScreeningKind, enum_name="ScreeningKindEnum")
    screening_expired = serializers.BooleanField()
    last_name = serializers.CharField(read_only=True)
    email = serializers.CharField(source="contact_email", read_only=True)
    has_account = serializers.BooleanField(read_only=True)

    class Meta:
        model = Volunteer
        fields = [
            "id",
            "user",
            "has_account",
            "first_name",
            "last_name",
            "email",
            "status",
            "phone",
            "languages",
            "municipality",
            "postcode",
            "latitude",
            "longitude",
            "max_km",
            "availability",
            "interests",
            "capacity",
            "gender",
            "birth_year",
            "lived_experience",
            "intake_on",
            "screening_kind",
            "screening_issued_on",
            "screening_valid_until",
            "screening_expired",
            "training_sessions",
            "agreement_signed_on",
        ]


# --- Requests -----------------------------------------------------------------------------------


class RequestInput(serializers.Serializer):
    participant = serializers.IntegerField()
    languages = _languages(required=False)
    gender_wish = _gender(required=False, allow_blank=True)
    min_age = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=110)
    max_age = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=110)
    interests = InterestsField(many=True, required=False)
    availability = AvailabilityField()
    wants_lived_experience = serializers.BooleanField(required=False)
    municipality = serializers.CharField(max_length=120, required=False, allow_blank=True)
    postcode = serializers.CharField(max_length=8, required=False, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True)


class RequestOutput(serializers.ModelSerializer):
    participant_first_name = serializers.CharField(source="participant.first_name")
    availability = AvailabilityField()
    status = NamedChoiceField(BuddyRequest.Status, enum_name="BuddyRequestStatusEnum")
    gender_wish = _gender()
    waiting_days = serializers.IntegerField()

    class Meta:
        model = BuddyRequest
        fields = [
            "id",
            "participant",
            "participant_first_name",
            "status",
            "languages",
            "gender_wish",
            "min_age",
            "max_age",
            "interests",
            "availability",
            "wants_lived_experience",
            "municipality",
            "postcode",
            "note",
            "waiting_since",
            "waiting_days",
        ]


class SetAsideInput(serializers.Serializer):
    volunteer = serializers.IntegerField()
    reason = serializers.CharField(max_length=500)


# --- Proposals ----------------------------------------------------------------------------------


class ReasonOutput(serializers.Serializer):
    criterion = serializers.CharField()
    label = serializers.CharField()
    text = serializers.CharField(help_text="The contribution in words, in the caller's language.")
    points = serializers.FloatField(help_text="Share of the total score, out of 100.")


class ProposalOutput(serializers.Serializer):
    request = serializers.IntegerField(source="request.pk")
    volunteer = serializers.IntegerField(source="volunteer.pk")
    volunteer_first_name = serializers.CharField(source="volunteer.short_name")
    total = serializers.FloatField(help_text="0 to 1.")
    conditions = serializers.SerializerMethodField()
    reasons = serializers.SerializerMethodField()
    explanation = serializers.JSONField(help_text="The engine's structured facts.")

    def get_conditions(self, proposal) -> list[str]:
        return explain.conditions(proposal.explanation)

    def get_reasons(self, proposal) -> list[dict]:
        return ReasonOutput(explain.reasons(proposal.explanation), many=True).data


class NearMissOutput(serializers.Serializer):
    volunteer = serializers.IntegerField(source="volunteer_id")
    volunteer_first_name = serializers.CharField(source="name")
    sentence = serializers.CharField(help_text="What blocks the pair, in the caller's language.")
    reasons = serializers.ListField(child=serializers.CharField())


class WhyUnmatchedOutput(serializers.Serializer):
    request = serializers.IntegerField(source="request.pk")
    summary = serializers.CharField(help_text="What rules out the pool, in words.")
    near_misses = NearMissOutput(many=True, source="miss_texts")


class BatchOutput(serializers.Serializer):
    total = serializers.FloatField()
    proposals = ProposalOutput(many=True)
    unmatched_requests = serializers.ListField(child=serializers.IntegerField())
    why_unmatched = WhyUnmatchedOutput(
        many=True, help_text="For each request left unmatched: who nearly fits, and why not."
    )


# --- Matches ------------------------------------------------------------------------------------


class ProposeInput(serializers.Serializer):
    request = serializers.IntegerField()
    volunteer = serializers.IntegerField()


class TransitionInput(serializers.Serializer):
    action = serializers.ChoiceField(
        choices=["plan_intro", "activate", "start_closing", "resume", "close", "decline"]
    )
    note = serializers.CharField(
        required=False, allow_blank=True, max_length=500, help_text="start_closing, resume"
    )
    intro_at = serializers.DateTimeField(required=False)
    intro_place = serializers.CharField(required=False, allow_blank=True, max_length=200)
    started_on = serializers.DateField(required=False)
    closed_on = serializers.DateField(required=False)
    close_reason = NamedChoiceField(
        Match.CloseReason, enum_name="MatchCloseReasonEnum", required=False
    )
    ended_badly = serializers.BooleanField(required=False)
    evaluation_volunteer = serializers.CharField(required=False, allow_blank=True)
    evaluation_participant = serializers.CharField(required=False, allow_blank=True)
    side = NamedChoiceField(Match.Side, enum_name="MatchSideEnum", required=False)
    reason = serializers.CharField(required=False, allow_blank=True)

    def validate(self, data):
        if data["action"] == "plan_intro" and "intro_at" not in data:
            raise serializers.ValidationError({"intro_at": ["This field is required."]})
        return data


class MatchOutput(serializers.ModelSerializer):
    """For coordinators and org admins: the whole match."""

    shape = ShapeField("full", family="Match")
    flags = FlagsField("match")
    status = NamedChoiceField(Match.Status, enum_name="MatchStatusEnum")
    volunteer_first_name = serializers.CharField(source="volunteer.short_name")
    participant_first_name = serializers.CharField(source="participant.first_name")
    close_reason = NamedChoiceField(Match.CloseReason, enum_name="MatchCloseReasonEnum")
    declined_side = NamedChoiceField(Match.Side, enum_name="MatchSideEnum")
    reasons = serializers.SerializerMethodField()

    class Meta:
        model = Match
        fields = [
            "shape",
            "id",
            "flags",
            "request",
            "participant",
            "participant_first_name",
            "volunteer",
            "volunteer_first_name",
            "status",
            "score",
            "reasons",
            "proposed_at",
            "intro_at",
            "intro_place",
            "agreements",
            "next_meeting_on",
            "started_on",
            "closed_on",
            "close_reason",
            "ended_badly",
            "evaluation_volunteer",
            "evaluation_participant",
            "declined_side",
            "decline_reason",
        ]

    def get_reasons(self, match) -> list[dict]:
        return ReasonOutput(explain.reasons(match.explanation or {}), many=True).data


class ContactOutput(serializers.Serializer):
    """For the volunteer: what the contact needs, no more. Contact details only while the
    participant's consent to share them with a buddy holds (null otherwise)."""

    shape = ShapeField("contact", family="Match")
    id = serializers.IntegerField()
    flags = FlagsField("match")
    status = NamedChoiceField(Match.Status, enum_name="MatchStatusEnum")
    first_name = serializers.SerializerMethodField()
    languages = serializers.ListField(source="request.languages", child=serializers.CharField())
    phone = serializers.SerializerMethodField()
    email = serializers.SerializerMethodField()
    intro_at = serializers.DateTimeField(allow_null=True)
    intro_place = serializers.CharField()
    agreements = serializers.CharField()
    next_meeting_on = serializers.DateField(allow_null=True)

    def get_first_name(self, match) -> str:
        return match.participant.short_name

    def get_phone(self, match) -> str | None:
        return match.participant.phone if match.sharing else None

    def get_email(self, match) -> str | None:
        return match.participant.email if match.sharing else None


class SocialWorkerMatchOutput(serializers.Serializer):
    """For the participant's social worker: the buddy's name and how to reach them."""

    shape = ShapeField("buddy", family="Match")
    id = serializers.IntegerField()
    flags = FlagsField("match")
    participant = serializers.IntegerField(source="participant_id")
    status = NamedChoiceField(Match.Status, enum_name="MatchStatusEnum")
    volunteer_name = serializers.CharField(source="volunteer.full_name")
    volunteer_phone = serializers.CharField(source="volunteer.phone")
    volunteer_email = serializers.CharField(source="volunteer.contact_email")
    started_on = serializers.DateField(allow_null=True)


class ContactLogInput(serializers.Serializer):
    date = serializers.DateField(required=False)
    duration_minutes = serializers.IntegerField(required=False, min_value=5, max_value=720)
    what_we_did = serializers.CharField(required=False, allow_blank=True, max_length=200)
    how_it_went = _how(required=False)
    worried = serializers.BooleanField(required=False)
    worry_note = serializers.CharField(required=False, allow_blank=True)
    next_meeting_on = serializers.DateField(required=False, allow_null=True)


class ContactLogOutput(serializers.ModelSerializer):
    how_it_went = _how()

    class Meta:
        model = ContactLog
        fields = [
            "id",
            "match",
            "date",
            "duration_minutes",
            "what_we_did",
            "how_it_went",
            "worried",
            "worry_note",
            "created_at",
        ]


class CheckInInput(serializers.Serializer):
    date = serializers.DateField(required=False)
    volunteer_side = _how()
    participant_side = _how()
    notes = serializers.CharField(required=False, allow_blank=True)


class CheckInOutput(serializers.ModelSerializer):
    volunteer_side = _how()
    participant_side = _how()

    class Meta:
        model = CheckIn
        fields = [
            "id",
            "match",
            "date",
            "volunteer_side",
            "participant_side",
            "notes",
            "coordinator",
        ]
