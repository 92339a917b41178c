"""Shapes of the inbox API. The output holds only what the receiver may see: the copy of what
was shared (as rows of words), who sent it, the consent, the steps and messages; never the
sender's file or its id."""

from django.db import models
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from netwerk.api_schema import NamedChoiceField
from netwerk.languages import LANGUAGE_CHOICES
from participants.models import Consent

from ..models import Referral
from ..selectors.inbox import DeclineReason, decline_reason_display, shared_rows


def _status(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(Referral.Status, enum_name="ReferralStatusEnum", **kwargs)


class InboxItemOutput(serializers.Serializer):
    id = serializers.IntegerField()
    first_name = serializers.SerializerMethodField()
    status = _status(read_only=True)
    status_changed_at = serializers.DateTimeField()
    waiting = serializers.BooleanField(source="is_waiting")
    sent_at = serializers.DateTimeField()
    sending_organisation = serializers.CharField(source="organisation.name")
    sent_by = serializers.SerializerMethodField()
    initiative = serializers.IntegerField(source="initiative_id", allow_null=True)
    initiative_name = serializers.CharField()
    work_model = serializers.CharField(source="work_model.code", allow_null=True, default=None)
    consent_withdrawn_on = serializers.DateField(allow_null=True)

    def get_first_name(self, referral: Referral) -> str:
        return str((referral.shared or {}).get("first_name", ""))

    def get_sent_by(self, referral: Referral) -> str:
        return referral.sent_by.get_full_name()


class SharedRowOutput(serializers.Serializer):
    item = serializers.CharField()
    label = serializers.CharField()
    value = serializers.CharField()


class StepOutput(serializers.Serializer):
    status = _status(read_only=True)
    happened_on = serializers.DateField()
    note = serializers.CharField()
    by_organisation = serializers.CharField(source="by_organisation.name")


class ReferralConsentOutput(serializers.Serializer):
    method = NamedChoiceField(
        Consent.Method, enum_name="ConsentMethodEnum", source="consent_method", read_only=True
    )
    given_on = serializers.DateField(source="consent_given_on")
    purpose = serializers.CharField(source="consent_purpose")
    withdrawn_on = serializers.DateField(source="consent_withdrawn_on", allow_null=True)


class InboxDetailOutput(InboxItemOutput):
    shared = serializers.SerializerMethodField()
    consent = ReferralConsentOutput(source="*")
    decline_reason = serializers.SerializerMethodField()
    steps = StepOutput(many=True, source="steps.all")
    received_participant = serializers.IntegerField(
        source="received_participant_id",
        allow_null=True,
        help_text="The receiving organisation's own file, once accepted.",
    )

    @extend_schema_field(SharedRowOutput(many=True))
    def get_shared(self, referral: Referral) -> list[dict]:
        return SharedRowOutput(shared_rows(referral), many=True).data

    def get_decline_reason(self, referral: Referral) -> str:
        return decline_reason_display(referral.decline_reason)


class AcceptInput(serializers.Serializer):
    link_to = serializers.IntegerField(
        required=False, help_text="A possible duplicate's file id, to link instead of a new file."
    )
    social_worker = serializers.IntegerField(
        required=False, help_text="The user id of the social worker who takes on the new file."
    )
    consent_method = NamedChoiceField(Consent.Method, enum_name="ConsentMethodEnum", required=False)
    consent_given_on = serializers.DateField(required=False)
    buddy_request = serializers.BooleanField(required=False, default=False)
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=LANGUAGE_CHOICES), required=False
    )


class DeclineInput(serializers.Serializer):
    reason = serializers.ChoiceField(choices=DeclineReason.choices)
    text = serializers.CharField(required=False, allow_blank=True, max_length=250)


class ReportedStep(models.TextChoices):
    FIRST_CONTACT = Referral.Status.FIRST_CONTACT.value, Referral.Status.FIRST_CONTACT.label
    ENDED = Referral.Status.ENDED.value, Referral.Status.ENDED.label


class StepInput(serializers.Serializer):
    status = NamedChoiceField(ReportedStep, enum_name="ReferralReportedStepEnum")
    happened_on = serializers.DateField(required=False)
    note = serializers.CharField(required=False, allow_blank=True, max_length=300)


class MessageOutput(serializers.Serializer):
    id = serializers.IntegerField()
    organisation = serializers.CharField(source="organisation.name")
    author = serializers.SerializerMethodField()
    text = serializers.CharField()
    created_at = serializers.DateTimeField()

    def get_author(self, message) -> str:
        return message.author.get_full_name() if message.author else ""


class MessageInput(serializers.Serializer):
    text = serializers.CharField(max_length=1000)
