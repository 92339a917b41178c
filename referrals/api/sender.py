"""The sending side's API: the referrals one sent (list, read), send one, withdraw its
consent. The same rules as the pages and the shared refusal rule (`netwerk.api`): another
role or a referral out of reach answers 404; the org admin reads and gets 403 on a write;
input errors are 400 with field errors (the service's rules included), never a 500.

Never exposed: the receiver's side (`received_participant`, `handled_by`)."""

import contextlib

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.fields import SkipField
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import Role
from netwerk.api import BAD_INPUT, NOT_FOUND, REFUSED, NetwerkAPIView
from netwerk.api_schema import NamedChoiceField, WorkModelCodeField
from participants.models import Consent, Goal
from participants.selectors import participants_visible_to
from workmodels.selectors import initiatives_visible_to

from ..models import Referral, SharedItem
from ..selectors.sender import referral_sent_detail, referrals_sent
from ..services import sending

READERS = (Role.SOCIAL_WORKER, Role.ORG_ADMIN)


class SharedContactOutput(serializers.Serializer):
    phone = serializers.CharField()
    email = serializers.CharField()


class SharedPlaceOutput(serializers.Serializer):
    municipality = serializers.CharField()
    postcode = serializers.CharField()


class SharedMemberOutput(serializers.Serializer):
    label = serializers.CharField()
    sector = serializers.CharField()
    ring = serializers.CharField()


class BirthYearOutput(serializers.IntegerField):
    """Absent when not shared; null when shared but unknown."""

    def get_attribute(self, instance):
        if "birth_year" not in instance:
            raise SkipField
        return instance["birth_year"]


class SharedOutput(serializers.Serializer):
    """The copy of what was shared: only the items chosen are present."""

    first_name = serializers.CharField(required=False)
    last_name = serializers.CharField(required=False)
    birth_year = BirthYearOutput(required=False, allow_null=True)
    contact = SharedContactOutput(required=False)
    languages = serializers.ListField(child=serializers.CharField(), required=False)
    municipality = SharedPlaceOutput(required=False)
    reason = serializers.CharField(required=False)
    work_model = serializers.CharField(required=False)
    network_map = SharedMemberOutput(many=True, required=False)
    goal = serializers.CharField(required=False)


class ReferralStepOutput(serializers.Serializer):
    status = NamedChoiceField(Referral.Status, enum_name="ReferralStatusEnum")
    happened_on = serializers.DateField()
    note = serializers.CharField()
    by_organisation = serializers.CharField(source="by_organisation.name")


class ReferralMessageOutput(serializers.Serializer):
    organisation = serializers.CharField(source="organisation.name")
    text = serializers.CharField()
    created_at = serializers.DateTimeField()


class ReferralSentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    participant = serializers.IntegerField(source="participant_id", allow_null=True)
    initiative = serializers.IntegerField(source="initiative_id", allow_null=True)
    initiative_name = serializers.CharField()
    to_organisation = serializers.CharField(
        source="to_organisation.name", allow_null=True, default=None
    )
    on_netwerk = serializers.SerializerMethodField()
    work_model = WorkModelCodeField(read_only=True, allow_null=True)
    sent_at = serializers.DateTimeField()
    status = NamedChoiceField(Referral.Status, enum_name="ReferralStatusEnum")
    status_changed_at = serializers.DateTimeField()
    decline_reason = serializers.CharField()
    shared_items = serializers.ListField(
        child=NamedChoiceField(SharedItem, enum_name="SharedItemEnum")
    )
    shared = SharedOutput()
    consent_method = NamedChoiceField(Consent.Method, enum_name="ConsentMethodEnum")
    consent_given_on = serializers.DateField()
    consent_purpose = serializers.CharField()
    consent_withdrawn_on = serializers.DateField(allow_null=True)
    email_consented = serializers.BooleanField()
    emailed_at = serializers.DateTimeField(allow_null=True)

    def get_on_netwerk(self, referral: Referral) -> bool:
        return referral.to_organisation_id is not None

    def to_representation(self, referral: Referral):
        data = super().to_representation(referral)
        if referral.participant is None or referral.participant.anonymised_on is not None:
            data["shared"] = {}  # the file was anonymised: the sender no longer shows it
        return data


class ReferralSentDetailOutput(ReferralSentOutput):
    steps = ReferralStepOutput(many=True, source="steps.all")
    messages = ReferralMessageOutput(many=True, source="messages.all")


class ReferralInput(serializers.Serializer):
    participant = serializers.IntegerField()
    initiative = serializers.IntegerField()
    work_model = WorkModelCodeField(required=False, allow_null=True)
    shared_items = serializers.ListField(
        child=NamedChoiceField(SharedItem, enum_name="SharedItemEnum"),
        required=False,
        help_text="Besides the first name and the reason, which always go.",
    )
    goal = serializers.IntegerField(required=False, allow_null=True)
    reason = serializers.CharField(max_length=sending.REASON_MAX)
    consent_method = NamedChoiceField(Consent.Method, enum_name="ConsentMethodEnum")
    consent_given_on = serializers.DateField()
    consent_purpose = serializers.CharField(max_length=300)
    email_consented = serializers.BooleanField(required=False, default=False)


class ReferralWithdrawInput(serializers.Serializer):
    withdrawn_on = serializers.DateField(required=False)


class ReferralSentListView(NetwerkAPIView):
    @extend_schema(
        summary="Referrals sent (a social worker: their own and their files'; org admin: all)",
        responses={200: ReferralSentOutput(many=True), 404: NOT_FOUND},
    )
    def get(self, request: Request) -> Response:
        membership = self.require_role(*READERS)
        return self.paginated(referrals_sent(membership), ReferralSentOutput)

    @extend_schema(
        summary="Refer a participant to an initiative of the directory (their social worker)",
        request=ReferralInput,
        responses={201: ReferralSentDetailOutput, 400: BAD_INPUT, 403: REFUSED, 404: NOT_FOUND},
    )
    def post(self, request: Request) -> Response:
        membership = self.require_role(*READERS)
        if membership.role != Role.SOCIAL_WORKER:
            self.refuse()  # the org admin reads; the file's social worker refers
        data = self.validated(ReferralInput)
        participant = self.within_reach(participants_visible_to(membership), data["participant"])
        initiative = initiatives_visible_to(membership).filter(pk=data["initiative"]).first()
        if initiative is None:
            return Response({"initiative": [_("Choose an initiative from the directory.")]}, 400)
        goal = None
        if data.get("goal") is not None:
            goal = Goal.objects.filter(pk=data["goal"], participant=participant).first()
            if goal is None:
                return Response({"goal": [_("Choose a goal of this participant.")]}, 400)
        referral = sending.referral_send(
            membership=membership,
            participant=participant,
            initiative=initiative,
            work_model=data.get("work_model"),
            shared_items=data.get("shared_items") or [],
            goal=goal,
            reason=data["reason"],
            consent_method=data["consent_method"],
            consent_given_on=data["consent_given_on"],
            consent_purpose=data["consent_purpose"],
            email_consented=data.get("email_consented", False),
        )
        if sending.can_email(referral):
            # A mail server that fails leaves the referral standing, `emailed_at` empty (the
            # service logged it); the page's button, or the sender, tries again.
            with contextlib.suppress(DjangoValidationError):
                sending.referral_email_send(membership=membership, referral=referral)
        referral = referral_sent_detail(membership, referral.pk)
        return Response(
            self.output(ReferralSentDetailOutput, referral), status=status.HTTP_201_CREATED
        )


class ReferralSentDetailView(NetwerkAPIView):
    @extend_schema(
        summary="One referral sent: what was shared, the consent, the status steps and messages",
        responses={200: ReferralSentDetailOutput, 404: NOT_FOUND},
    )
    def get(self, request: Request, pk: int) -> Response:
        membership = self.require_role(*READERS)
        return Response(self.output(ReferralSentDetailOutput, referral_sent_detail(membership, pk)))


class ReferralConsentWithdrawView(NetwerkAPIView):
    @extend_schema(
        summary="The participant withdrew the consent for this referral: nothing more is "
        "shared; what the receiver got stays with it",
        request=ReferralWithdrawInput,
        responses={200: ReferralSentDetailOutput, 400: BAD_INPUT, 403: REFUSED, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        membership = self.require_role(*READERS)
        referral = referral_sent_detail(membership, pk)
        if not sending.can_act_for_sender(membership, referral):
            self.refuse()
        data = self.validated(ReferralWithdrawInput)
        sending.referral_consent_withdraw(
            membership=membership, referral=referral, withdrawn_on=data.get("withdrawn_on")
        )
        return Response(self.output(ReferralSentDetailOutput, referral_sent_detail(membership, pk)))
