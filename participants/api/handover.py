"""The hand-over and stand-in API, for org admins (the same services as the pages).

Other roles get 404 (the endpoints are not for them, like the pages); another
organisation's stand-in is out of reach (404). Input is checked only after the role: 400 with
field errors, never a 500 (ids that are not files of this organisation are a field error).
"""

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import Role
from netwerk.api import BAD_INPUT, NOT_FOUND, NetwerkAPIView

from ..models import StandIn
from ..selectors.handover import stand_ins_of
from ..services import handover as services
from .serializers import UserRef

MAX_FILES = 100_000


class ReassignInput(serializers.Serializer):
    participants = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        max_length=MAX_FILES,
        help_text="Ids of the files to hand over; or give from_worker instead.",
    )
    from_worker = serializers.IntegerField(
        required=False, min_value=1, help_text="Hand over every file of this social worker."
    )
    to_worker = serializers.IntegerField(min_value=1)
    reason = serializers.CharField(max_length=300)
    handed_over_on = serializers.DateField()

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if bool(data.get("participants")) == bool(data.get("from_worker")):
            raise serializers.ValidationError(
                {"participants": [_("Give either the files or the worker whose files move.")]}
            )
        return data


class ReassignOutput(serializers.Serializer):
    count = serializers.IntegerField()
    to_worker = serializers.IntegerField(source="to_worker.pk")
    batch = serializers.UUIDField()


class StandInInput(serializers.Serializer):
    absent_worker = serializers.IntegerField(min_value=1)
    stand_in = serializers.IntegerField(min_value=1)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True)


class StandInOutput(serializers.ModelSerializer):
    absent_worker = UserRef()
    stand_in = UserRef()

    class Meta:
        model = StandIn
        fields = ["id", "absent_worker", "stand_in", "starts_on", "ends_on", "reason", "ended_at"]


class AdminAPIView(NetwerkAPIView):
    def admin(self):
        return self.require_role(Role.ORG_ADMIN)


class ReassignView(AdminAPIView):
    @extend_schema(
        summary="Hand files over to another social worker",
        request=ReassignInput,
        responses={200: ReassignOutput, 400: BAD_INPUT, 404: NOT_FOUND},
    )
    def post(self, request: Request) -> Response:
        membership = self.admin()
        data = self.validated(ReassignInput)
        result = services.files_reassign(
            membership=membership,
            to_worker=data["to_worker"],
            reason=data["reason"],
            handed_over_on=data["handed_over_on"],
            participant_ids=data.get("participants") or None,
            from_worker=data.get("from_worker"),
        )
        return Response(self.output(ReassignOutput, result))


class StandInListView(AdminAPIView):
    @extend_schema(
        summary="List the organisation's stand-ins",
        responses={200: StandInOutput(many=True), 404: NOT_FOUND},
    )
    def get(self, request: Request) -> Response:
        return self.paginated(stand_ins_of(self.admin()), StandInOutput)

    @extend_schema(
        summary="Name a stand-in for a social worker on leave",
        request=StandInInput,
        responses={201: StandInOutput, 400: BAD_INPUT, 404: NOT_FOUND},
    )
    def post(self, request: Request) -> Response:
        membership = self.admin()
        data = self.validated(StandInInput)
        row = services.stand_in_create(membership=membership, **data)
        return Response(self.output(StandInOutput, row), status=status.HTTP_201_CREATED)


class StandInDetailView(AdminAPIView):
    @extend_schema(summary="Read a stand-in", responses={200: StandInOutput, 404: NOT_FOUND})
    def get(self, request: Request, pk: int) -> Response:
        return Response(
            self.output(StandInOutput, self.within_reach(stand_ins_of(self.admin()), pk))
        )


class StandInEndView(AdminAPIView):
    @extend_schema(
        summary="End a stand-in now",
        request=None,
        responses={200: StandInOutput, 400: BAD_INPUT, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        membership = self.admin()
        row = self.within_reach(stand_ins_of(membership), pk)
        row = services.stand_in_end(membership=membership, stand_in=row)
        return Response(self.output(StandInOutput, row))
