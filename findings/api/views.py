"""API for findings and the "what works for whom" figures (aggregates only)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api import api_membership

from .. import dashboard
from ..selectors import findings_visible_to, groups_raising
from ..views_dashboard import DASHBOARD_ROLES


class FindingOutput(serializers.Serializer):
    id = serializers.IntegerField()
    work_model = serializers.CharField(source="work_model.code", allow_null=True, default=None)
    kind = serializers.CharField()
    statement_nl = serializers.CharField()
    statement_en = serializers.CharField()
    source = serializers.CharField()
    groups_raising = serializers.IntegerField(allow_null=True)
    shared = serializers.BooleanField()


class FindingListView(APIView):
    """The study's findings and the organisation's own, per work model (null: general)."""

    @extend_schema(responses=FindingOutput(many=True))
    def get(self, request):
        membership = api_membership(request)
        if membership is None:
            raise NotFound
        findings = list(findings_visible_to(membership))
        for finding in findings:
            finding.groups_raising = groups_raising(finding)
            finding.shared = finding.organisation_id is None
        return Response(FindingOutput(findings, many=True).data)


class WhatWorksForWhomView(APIView):
    """Per work model: participants, median days, median changes with 95 % bootstrap
    intervals; subgroups per dimension. Counts under 5 are null, and so is every count a small
    one could be worked out from (with everything computed from it): `participants`, the
    number across all models, included."""

    @extend_schema(responses={200: dict})
    def get(self, request):
        membership = api_membership(request)
        if membership is None or membership.role not in DASHBOARD_ROLES:
            raise NotFound
        return Response(dashboard.figures(membership.organisation_id))
