"""API for findings and the "what works for whom" figures (aggregates only), on the shared
base (`netwerk.api`): a role the endpoint is not for answers 404, as the dashboard page does
(its roles are `findings.selectors.DASHBOARD_ROLES`, one rule for page and API)."""

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import Role
from netwerk.api import NOT_FOUND, NetwerkAPIView

from .. import dashboard
from ..selectors import DASHBOARD_ROLES, findings_visible_to, groups_raising
from . import serializers as s


class FindingListView(NetwerkAPIView):
    pagination_class = None  # a few dozen at most, as a plain list

    @extend_schema(
        summary="The study's findings and the organisation's own, per work model (null: general)",
        responses={200: s.FindingOutput(many=True), 404: NOT_FOUND},
    )
    def get(self, request: Request) -> Response:
        membership = self.require_role(*Role.values)
        findings = list(findings_visible_to(membership))
        for finding in findings:
            finding.groups_raising = groups_raising(finding)
            finding.shared = finding.organisation_id is None
        return Response(self.output(s.FindingOutput, findings, many=True))


class WhatWorksForWhomView(NetwerkAPIView):
    pagination_class = None

    @extend_schema(
        summary="What works for whom: per work model, participants, median days and median "
        "changes with 95 % bootstrap intervals; subgroups per breakdown",
        description="Counts under `min_cell` are null, and so is every count a small one could "
        "be worked out from (with everything computed from it): `participants`, the number "
        "across all models, included.",
        responses={200: s.FiguresOutput, 404: NOT_FOUND},
    )
    def get(self, request: Request) -> Response:
        membership = self.require_role(*DASHBOARD_ROLES)
        return Response(self.output(s.FiguresOutput, dashboard.figures(membership.organisation_id)))
