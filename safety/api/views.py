"""The flags API. The same rules as the pages and the shared refusal rule (`netwerk.api`):
a role the endpoint is not for, or a flag outside reach, answers 404; a write on a flag (or to
the list) the caller may read but not change answers 403, before the input is parsed.

Staff read the flags they see (`safety.selectors.flags_visible_to`) whole; a volunteer reads
only what a coordinator passed on about their own matches. Researchers: nothing.
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import Role
from netwerk.api import BAD_INPUT, NOT_FOUND, REFUSED, NetwerkAPIView, shapes
from participants.selectors import participants_visible_to

from .. import selectors, services
from ..models import FlagKind
from . import serializers as s

READERS = (*selectors.STAFF, Role.VOLUNTEER)


def _flag_for_role(many: bool = False):
    """A flag as the caller's role reads it; `shape` says which: full or passed_on."""
    return shapes("FlagForRole", [s.FlagOutput, s.VolunteerFlagOutput], many=many)


def _output_class(membership):
    return s.VolunteerFlagOutput if membership.role == Role.VOLUNTEER else s.FlagOutput


def _flags(membership):
    return (
        selectors.flags_visible_to(membership).select_related("kind").order_by("-raised_at", "-id")
    )


class FlagAPIView(NetwerkAPIView):
    def changeable_flag(self, pk: int):
        """A flag the caller may change; 404 out of reach, 403 read-only."""
        membership = self.require_role(*READERS)
        flag = self.within_reach(_flags(membership), pk)
        if not selectors.flag_is_changeable(membership, flag):
            self.refuse()
        return membership, flag


class FlagListView(FlagAPIView):
    @extend_schema(
        summary="List flags (in force unless ?ended=true; a volunteer: only those passed on)",
        parameters=[
            OpenApiParameter("participant", int, description="Flags on this file."),
            OpenApiParameter("match", int, description="Flags on this match."),
            OpenApiParameter("ended", bool, description="Ended flags instead of those in force."),
        ],
        responses={200: _flag_for_role(many=True), 404: NOT_FOUND},
    )
    def get(self, request: Request) -> Response:
        membership = self.require_role(*READERS)
        flags = _flags(membership)
        ended = request.query_params.get("ended") in ("true", "1")
        flags = flags.filter(ended_at__isnull=not ended)
        for name in ("participant", "match"):
            value = request.query_params.get(name)
            if value is not None:
                if not value.isdigit():
                    return Response({name: ["Give a whole number."]}, status=400)
                flags = flags.filter(**{f"{name}_id": int(value)})
        return self.paginated(flags, _output_class(membership))

    @extend_schema(
        summary="Raise a flag on a file (its social worker) or a match (coordinator, org admin, "
        "the participant's social worker); `source_worry` turns a volunteer's worry into one",
        request=s.FlagInput,
        responses={201: s.FlagOutput, 400: BAD_INPUT, 403: REFUSED, 404: NOT_FOUND},
    )
    def post(self, request: Request) -> Response:
        membership = self.require_role(*READERS)
        if membership.role not in selectors.STAFF:
            self.refuse()  # a volunteer raises a worry with a contact log
        data = self.validated(s.FlagInput)
        errors = {}
        kind = FlagKind.objects.filter(
            organisation_id=membership.organisation_id, pk=data["kind"], active=True
        ).first()
        if kind is None:
            errors["kind"] = ["Choose one of your organisation's kinds of flag."]
        participant = match = worry = None
        if data.get("participant") is not None:
            participant = participants_visible_to(membership).filter(pk=data["participant"]).first()
            if participant is None:
                errors["participant"] = ["No file with this id within your reach."]
        else:
            match = selectors.match_for_flag(membership, data["match"])
            if match is None:
                errors["match"] = ["No match with this id within your reach."]
        if data.get("source_worry") is not None:
            worry = selectors.worry_for(membership, data["source_worry"])
            if worry is None:
                errors["source_worry"] = ["No worry with this id within your reach."]
        if errors:
            return Response(errors, status=status.HTTP_400_BAD_REQUEST)
        flag = services.flag_raise(
            membership=membership,
            kind=kind,
            text=data["text"],
            participant=participant,
            match=match,
            source_worry=worry,
            pass_on_to_volunteer=data["pass_on_to_volunteer"],
            volunteer_text=data["volunteer_text"],
        )
        return Response(self.output(s.FlagOutput, flag), status=status.HTTP_201_CREATED)


class FlagDetailView(FlagAPIView):
    @extend_schema(summary="Read a flag", responses={200: _flag_for_role(), 404: NOT_FOUND})
    def get(self, request: Request, pk: int) -> Response:
        membership = self.require_role(*READERS)
        flag = self.within_reach(_flags(membership), pk)
        return Response(self.output(_output_class(membership), flag))


class FlagPassOnView(FlagAPIView):
    @extend_schema(
        summary="Choose what the volunteer reads (coordinators and org admins)",
        request=s.PassOnInput,
        responses={200: s.FlagOutput, 400: BAD_INPUT, 403: REFUSED, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        membership, flag = self.changeable_flag(pk)
        if not selectors.can_pass_on(membership):
            self.refuse()
        data = self.validated(s.PassOnInput)
        flag = services.flag_pass_on(membership=membership, flag=flag, **data)
        return Response(self.output(s.FlagOutput, flag))


class FlagEndView(FlagAPIView):
    @extend_schema(
        summary="Ask to end a flag (the first of two people); it stays in force until a "
        "second staff member confirms",
        request=s.EndRequestInput,
        responses={200: s.FlagOutput, 400: BAD_INPUT, 403: REFUSED, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        membership, flag = self.changeable_flag(pk)
        data = self.validated(s.EndRequestInput)
        flag = services.flag_request_end(membership=membership, flag=flag, reason=data["reason"])
        return Response(self.output(s.FlagOutput, flag))


class FlagConfirmEndView(FlagAPIView):
    @extend_schema(
        summary="Confirm the end of a flag (a second staff member, not the one who asked)",
        request=None,
        responses={200: s.FlagOutput, 400: BAD_INPUT, 403: REFUSED, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        membership, flag = self.changeable_flag(pk)
        flag = services.flag_confirm_end(membership=membership, flag=flag)
        return Response(self.output(s.FlagOutput, flag))


class FlagKindListView(NetwerkAPIView):
    pagination_class = None

    @extend_schema(
        summary="The organisation's kinds of flag in use",
        responses={200: s.FlagKindOutput(many=True), 404: NOT_FOUND},
    )
    def get(self, request: Request) -> Response:
        membership = self.require_role(*selectors.STAFF)
        kinds = selectors.flag_kinds_for(membership.organisation_id)
        return Response(self.output(s.FlagKindOutput, kinds, many=True))
