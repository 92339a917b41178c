"""The access-block API, for org admins (the same services as the pages).

Other roles get 404 (the endpoints are not for them, like the pages); another
organisation's block is out of reach (404); so is a file the admin is blocked from. Every
list or read of blocks is audited (block ids only).
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.audit import audit_record
from accounts.models import AuditEvent, Role
from netwerk.api import BAD_INPUT, NOT_FOUND, NetwerkAPIView
from netwerk.api_schema import NamedChoiceField

from ..models import AccessBlock
from ..selectors import participant_get_for
from ..selectors.access_blocks import access_blocks_visible_to
from ..services import access_blocks as services
from .serializers import UserRef


class AccessBlockInput(serializers.Serializer):
    participant = serializers.IntegerField(min_value=1, help_text="The file's id.")
    user = serializers.IntegerField(min_value=1, help_text="The person to keep away from it.")
    reason = NamedChoiceField(AccessBlock.Reason, enum_name="AccessBlockReasonEnum")
    note = serializers.CharField(max_length=200, required=False, allow_blank=True)


class AccessBlockOutput(serializers.ModelSerializer):
    reason = NamedChoiceField(AccessBlock.Reason, enum_name="AccessBlockReasonEnum")
    user = UserRef()
    created_by = UserRef()
    ended_by = UserRef(allow_null=True)

    class Meta:
        model = AccessBlock
        fields = [
            "id",
            "participant",
            "user",
            "reason",
            "note",
            "created_by",
            "created_at",
            "ended_at",
            "ended_by",
        ]


class AccessBlockAPIView(NetwerkAPIView):
    def admin(self):
        return self.require_role(Role.ORG_ADMIN)

    def audit_read(self, blocks) -> None:
        ids = [block.pk for block in blocks]
        if ids:
            audit_record(
                actor=self.request.user,
                organisation=self.membership.organisation,
                action=AuditEvent.Action.READ,
                object_type="participants.accessblock",
                object_ids=ids,
            )


class AccessBlockListView(AccessBlockAPIView):
    @extend_schema(
        summary="List the organisation's access blocks (running and ended)",
        responses={200: AccessBlockOutput(many=True), 404: NOT_FOUND},
    )
    def get(self, request: Request) -> Response:
        blocks = access_blocks_visible_to(self.admin()).order_by("-created_at", "-id")
        page = self.paginate_queryset(blocks)
        self.audit_read(page)
        return self.get_paginated_response(self.output(AccessBlockOutput, page, many=True))

    @extend_schema(
        summary="Block a named colleague or volunteer from one file",
        request=AccessBlockInput,
        responses={201: AccessBlockOutput, 400: BAD_INPUT, 404: NOT_FOUND},
    )
    def post(self, request: Request) -> Response:
        membership = self.admin()
        data = self.validated(AccessBlockInput)
        participant = participant_get_for(membership, data.pop("participant"))
        block = services.access_block_create(membership=membership, participant=participant, **data)
        return Response(self.output(AccessBlockOutput, block), status=status.HTTP_201_CREATED)


class AccessBlockDetailView(AccessBlockAPIView):
    @extend_schema(
        summary="Read an access block", responses={200: AccessBlockOutput, 404: NOT_FOUND}
    )
    def get(self, request: Request, pk: int) -> Response:
        block = self.within_reach(access_blocks_visible_to(self.admin()), pk)
        self.audit_read([block])
        return Response(self.output(AccessBlockOutput, block))


class AccessBlockEndView(AccessBlockAPIView):
    @extend_schema(
        summary="End an access block now",
        request=None,
        responses={200: AccessBlockOutput, 400: BAD_INPUT, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        membership = self.admin()
        block = self.within_reach(access_blocks_visible_to(membership), pk)
        if block.ended_at is not None:
            raise serializers.ValidationError({"detail": [_("This block has ended already.")]})
        block = services.access_block_end(membership=membership, block=block)
        return Response(self.output(AccessBlockOutput, block))
