"""The API for the ties between members of a network map: who knows whom. Same access as the
members (`network_members_for_api`): 404 outside reach, 403 on writes by read-only readers;
writes go through the services, reads are audited. A snapshot's ties are read with the
snapshot (`/network-snapshots/<id>/`)."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from ..selectors.network import member_ties_for_api
from ..services import network_ties as services
from . import network_serializers as s
from .base import NOT_FOUND, REFUSED
from .records import ParticipantRecordsView, RecordDetailView
from .views import _create_schema, _list_schema, _read_schema, _write_schema


@extend_schema_view(
    get=_list_schema(s.MemberTieOutput, "List who knows whom on a file's network map"),
    post=_create_schema(
        s.MemberTieInput, s.MemberTieOutput, "Record that two members know each other"
    ),
)
class MemberTieListView(ParticipantRecordsView):
    kind = "member_ties"
    records = staticmethod(member_ties_for_api)
    input_class = s.MemberTieInput
    output_class = s.MemberTieOutput
    create_service = staticmethod(services.member_tie_create)


@extend_schema_view(
    get=_read_schema(s.MemberTieOutput, "Read a tie between two members"),
    patch=_write_schema(
        s.MemberTieChange, s.MemberTieOutput, "Change how well two members know each other"
    ),
)
class MemberTieDetailView(RecordDetailView):
    records = staticmethod(member_ties_for_api)
    input_class = s.MemberTieChange
    output_class = s.MemberTieOutput
    update_service = staticmethod(services.member_tie_update)
    record_kwarg = "tie"

    @extend_schema(
        summary="Remove a tie from today's map (snapshots keep it)",
        responses={204: None, 403: REFUSED, 404: NOT_FOUND},
    )
    def delete(self, request: Request, pk: int) -> Response:
        tie = self.record(pk)
        self.require_writer(tie.participant)
        services.member_tie_delete(membership=self.membership, tie=tie)
        return Response(status=status.HTTP_204_NO_CONTENT)
