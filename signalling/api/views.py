"""The signals API, with the pages' access rules and the shared refusal rule (`netwerk.api`):
outside one's reach or role → 404; a write one may not make on a record one sees → 403,
decided before the input is parsed; every write goes through `signalling.services`.

Staff read their organisation's signals, volunteers their own; researchers and other roles
none. Every answer that shows signals is recorded in the audit trail (ids only)."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.audit import audit_record
from accounts.models import AuditEvent
from netwerk.api import BAD_INPUT, NOT_FOUND, REFUSED, NetwerkAPIView

from .. import selectors, services
from ..selectors import RECORDERS, SignalFilters
from . import serializers as s


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 10 else None


class _SignalsView(NetwerkAPIView):
    def audit_read(self, ids: list[int]) -> None:
        if ids:
            audit_record(
                actor=self.request.user,
                organisation=self.membership.organisation,
                action=AuditEvent.Action.READ,
                object_type="signalling.signal",
                object_ids=ids,
            )


class SignalListView(_SignalsView):
    @extend_schema(
        summary="List your organisation's signals (volunteers: their own)",
        parameters=[
            OpenApiParameter("theme", int, description="A theme id."),
            OpenApiParameter("municipality", str),
            OpenApiParameter("quarter", str, description="For example 2026-Q4."),
            OpenApiParameter("work_model", int, description="A work model id."),
        ],
        responses={200: s.SignalOutput(many=True), 404: NOT_FOUND},
    )
    def get(self, request: Request) -> Response:
        membership = self.require_role(*RECORDERS)
        params = request.query_params
        filters = SignalFilters(
            theme=_int(params.get("theme")),
            municipality=params.get("municipality", "")[:120].strip(),
            quarter=params.get("quarter", "")[:8],
            work_model=_int(params.get("work_model")),
        )
        page = self.paginate_queryset(selectors.signal_list(membership, filters))
        self.audit_read([signal.pk for signal in page])
        return self.get_paginated_response(self.output(s.SignalOutput, page, many=True))

    @extend_schema(
        summary="Record a signal (a barrier, without names)",
        request=s.SignalInput,
        responses={201: s.SignalOutput, 400: BAD_INPUT, 403: REFUSED, 404: NOT_FOUND},
    )
    def post(self, request: Request) -> Response:
        membership = self.require_role(*RECORDERS)
        data = self.validated(s.SignalInput)
        source = selectors.source_for(
            membership, data.pop("source_type"), data.pop("source_id", None)
        )
        signal = services.signal_record(membership=membership, source=source, data=data)
        return Response(s.SignalOutput(signal).data, status=status.HTTP_201_CREATED)


class SignalDetailView(_SignalsView):
    @extend_schema(summary="Read a signal", responses={200: s.SignalOutput, 404: NOT_FOUND})
    def get(self, request: Request, pk: int) -> Response:
        signal = self.within_reach(selectors.signal_list(self.membership, _ALL), pk)
        self.audit_read([signal.pk])
        return Response(s.SignalOutput(signal).data)


class SignalReleaseView(_SignalsView):
    @extend_schema(
        summary="Release a signal's story for quoting, or end the release (org admins)",
        request=s.ReleaseInput,
        responses={200: s.SignalOutput, 400: BAD_INPUT, 403: REFUSED, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        signal = self.within_reach(selectors.signal_list(self.membership, _ALL), pk)
        if not selectors.can_keep(self.membership):
            self.refuse()
        data = self.validated(s.ReleaseInput)
        signal = services.signal_release(
            membership=self.membership, signal=signal, released=data["released"]
        )
        return Response(s.SignalOutput(signal).data)


class ThemeListView(NetwerkAPIView):
    @extend_schema(
        summary="Your organisation's signal themes",
        responses={200: s.SignalThemeOutput(many=True), 404: NOT_FOUND},
    )
    def get(self, request: Request) -> Response:
        membership = self.require_role(*RECORDERS)
        themes = selectors.themes_of(membership.organisation_id).order_by("order", "name", "id")
        return self.paginated(themes, s.SignalThemeOutput)


_ALL = SignalFilters(withdrawn=True)
