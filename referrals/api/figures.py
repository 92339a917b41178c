"""API for the referral figures (aggregates only), on the shared base (`netwerk.api`): the
same roles and the same numbers as the pages (`referrals.selectors.figures`); a role they are
not for answers 404. The period is `?start=` and `?end=` (ISO dates, both included; by
default the last 365 days)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from netwerk.api import BAD_INPUT, NOT_FOUND, NetwerkAPIView
from netwerk.validators import HAPPENED

from ..selectors.figures import (
    FIGURES_ROLES,
    INSTANCE_FIGURES_ROLES,
    Period,
    instance_figures,
    organisation_figures,
)

HIDDEN = "Null when hidden (a small number, or one a small number could be worked out from)."


class ReferralPeriodInput(serializers.Serializer):
    start = serializers.DateField(required=False, validators=HAPPENED)
    end = serializers.DateField(required=False, validators=HAPPENED)

    def validate(self, data):
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise serializers.ValidationError(_("The start of the period comes before its end."))
        return data


class ReferralFiguresRowOutput(serializers.Serializer):
    """One work model, one initiative, or all referrals."""

    key = serializers.CharField(
        allow_null=True,
        help_text="A work model's code ('none': no work model chosen); an initiative: 'i' and "
        "its id, 'n:' and the name written on a referral outside the directory, or 'other'.",
    )
    label = serializers.CharField()
    referrals = serializers.IntegerField(allow_null=True, help_text=HIDDEN)
    waiting = serializers.IntegerField(allow_null=True, help_text=HIDDEN)
    accepted = serializers.IntegerField(
        allow_null=True, help_text="Accepted, first contact or ended after it. " + HIDDEN
    )
    declined = serializers.IntegerField(allow_null=True, help_text=HIDDEN)
    acceptance_rate = serializers.FloatField(
        allow_null=True, help_text="Accepted out of those answered, in %."
    )
    median_days_to_first_contact = serializers.FloatField(allow_null=True)
    suppressed = serializers.BooleanField(help_text="Something of this row is hidden.")


class ReferralReasonOutput(serializers.Serializer):
    reason = serializers.CharField(help_text="Empty: no reason given.")
    n = serializers.IntegerField()


class ReferralFiguresOutput(serializers.Serializer):
    total = ReferralFiguresRowOutput()
    work_models = ReferralFiguresRowOutput(many=True)
    initiatives = ReferralFiguresRowOutput(many=True)
    declined_reasons = ReferralReasonOutput(many=True)
    reasons_hidden = serializers.BooleanField(
        help_text="Some reasons are left out (given fewer than min_cell times)."
    )
    min_cell = serializers.IntegerField(
        allow_null=True, help_text="Numbers under this are hidden; null: nothing is hidden."
    )


class OrganisationReferralFiguresOutput(serializers.Serializer):
    start = serializers.DateField(source="period.start")
    end = serializers.DateField(source="period.end")
    sent = ReferralFiguresOutput()
    received = ReferralFiguresOutput()


class InstanceReferralFiguresOutput(serializers.Serializer):
    start = serializers.DateField(source="period.start")
    end = serializers.DateField(source="period.end")
    all = ReferralFiguresOutput(help_text="Every referral on this Netwerk.")


class _FiguresView(NetwerkAPIView):
    pagination_class = None

    def period(self) -> Period:
        serializer = ReferralPeriodInput(data=self.request.query_params)
        serializer.is_valid(raise_exception=True)
        default = Period.last_year()
        end = serializer.validated_data.get("end") or default.end
        start = serializer.validated_data.get("start") or min(default.start, end)
        return Period(start, end)


class ReferralFiguresView(_FiguresView):
    @extend_schema(
        summary="The organisation's referral figures: sent and received, per work model and "
        "initiative, acceptance rate, days to first contact, reasons for declining",
        parameters=[ReferralPeriodInput],
        responses={200: OrganisationReferralFiguresOutput, 400: BAD_INPUT, 404: NOT_FOUND},
    )
    def get(self, request: Request) -> Response:
        membership = self.require_role(*FIGURES_ROLES)
        result = organisation_figures(membership, self.period())
        return Response(self.output(OrganisationReferralFiguresOutput, result))


class InstanceReferralFiguresView(_FiguresView):
    @extend_schema(
        summary="The referral figures of every organisation on this Netwerk (small numbers "
        "hidden): whether initiatives are known and familiar in the field",
        parameters=[ReferralPeriodInput],
        responses={200: InstanceReferralFiguresOutput, 400: BAD_INPUT, 404: NOT_FOUND},
    )
    def get(self, request: Request) -> Response:
        membership = self.require_role(*INSTANCE_FIGURES_ROLES)
        result = instance_figures(membership, self.period())
        return Response(self.output(InstanceReferralFiguresOutput, result))
