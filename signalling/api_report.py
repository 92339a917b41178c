"""The signals report's API (policy analysts only; any other role: 404, as on the page).
The same figures as the page and the CSV, hidden where they hide; every read is audited."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings

from netwerk.api import BAD_INPUT, NOT_FOUND, NetwerkAPIView

from .forms_report import ReportForm
from .report import REPORT_ROLES, Scope, default_municipality, municipalities, signals_report
from .report_figures import MIN_CELL, MIN_ORGANISATIONS
from .views_report import audit_report_read

HIDDEN = "Null where the number is not shown (hidden cells look alike, small or not)."


class ReportCellOutput(serializers.Serializer):
    key = serializers.CharField(help_text="The row's code (a theme code, a quarter, ...).")
    label = serializers.CharField()
    signals = serializers.IntegerField(allow_null=True, help_text=HIDDEN)
    organisations = serializers.IntegerField(allow_null=True, help_text=HIDDEN)
    suppressed = serializers.BooleanField()


class ReportThemeOutput(ReportCellOutput):
    quarters = ReportCellOutput(many=True, help_text="The trend: this theme per quarter.")
    change = serializers.IntegerField(
        allow_null=True, help_text="The last quarter minus the one before, when both are shown."
    )


class TotalOutput(serializers.Serializer):
    signals = serializers.IntegerField(allow_null=True, help_text=HIDDEN)
    organisations = serializers.IntegerField(allow_null=True, help_text=HIDDEN)
    suppressed = serializers.BooleanField()


class StoryOutput(serializers.Serializer):
    story = serializers.CharField(help_text="Released for quoting by its organisation.")
    theme = serializers.CharField()
    theme_label = serializers.CharField()
    quarter = serializers.CharField()
    municipality = serializers.CharField()
    organisation_kind = serializers.CharField(help_text="The kind, never the organisation.")


class ScopeOutput(serializers.Serializer):
    municipality = serializers.CharField(help_text="Empty: all municipalities.")
    first = serializers.CharField(help_text='The first quarter, as "2026-Q1".')
    last = serializers.CharField()


class ReportOutput(serializers.Serializer):
    scope = ScopeOutput()
    total = TotalOutput()
    themes = ReportThemeOutput(many=True)
    quarters = ReportCellOutput(many=True)
    work_models = ReportCellOutput(many=True)
    municipalities = ReportCellOutput(
        many=True, help_text="Per municipality; empty when one municipality is asked for."
    )
    stories = StoryOutput(many=True)
    hidden_cells = serializers.IntegerField()
    min_signals = serializers.IntegerField()
    min_organisations = serializers.IntegerField()


class SignalsReportView(NetwerkAPIView):
    pagination_class = None

    @extend_schema(
        summary="The cross-organisation signals report for a municipality and quarters",
        description=(
            "Signals of the organisations that share their figures, per theme (default theme "
            "codes; organisations' own themes as `other`), quarter, work model and municipality, "
            f"and per theme and quarter. A cell is shown only with at least {MIN_CELL} signals "
            f"of at least {MIN_ORGANISATIONS} organisations; numbers that would give a hidden "
            "one away are hidden too. Only stories released for quoting are quoted. Without "
            "parameters: the caller's municipality and the last eight quarters."
        ),
        parameters=[
            OpenApiParameter("municipality", str, description="Empty or absent: all."),
            OpenApiParameter("first", str, description='The first quarter, as "2025-Q1".'),
            OpenApiParameter("last", str, description='The last quarter, as "2026-Q4".'),
        ],
        responses={200: ReportOutput, 400: BAD_INPUT, 404: NOT_FOUND},
    )
    def get(self, request: Request) -> Response:
        membership = self.require_role(*REPORT_ROLES)
        choices = municipalities()
        scope = Scope.default(default_municipality(membership, choices))
        params = request.query_params
        if params:
            data = {name: params.get(name, "") for name in ("first", "last")}
            data["municipality"] = params.get("municipality", scope.municipality)
            form = ReportForm(data, municipalities=choices)
            if not form.is_valid():
                raise exceptions.ValidationError(
                    {
                        api_settings.NON_FIELD_ERRORS_KEY if field == "__all__" else field: errors
                        for field, errors in form.errors.items()
                    }
                )
            scope = form.scope()
        figures = signals_report(membership, scope)
        audit_report_read(request.user, membership, scope, channel="api")
        return Response(self.output(ReportOutput, figures))
