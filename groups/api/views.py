"""The group-work API, with the page's access rules and the shared refusal rule
(`netwerk.api`): outside one's reach or role → 404; a write one may not make on a record
(or to a list) one sees → 403, decided before the input is parsed;
every write goes through `groups.services`.

Groups: staff of the organisation list and read them, volunteers only those they facilitate,
researchers none. Members (first names and attendance): facilitators and org admins all,
social workers those whose file they may open; social workers add members. Sessions and
attendance: read by whoever sees the group, written by its facilitators and org admins.
Placements: part of the file, read by whoever may open files (social workers, org admins),
written by the assigned social worker. Reading them is audited as a read of the file, as the
file's group-work card on the page is (`accounts.audit.audit_shown`: the answer's read event).
"""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.audit import audit_shown
from accounts.models import Role, User
from netwerk.api import BAD_INPUT, NOT_FOUND, REFUSED, NetwerkAPIView
from participants.selectors import FILE_ROLES, participant_editable_by, participant_get_for
from participants.selectors.access_blocks import blocked_for

from .. import selectors, services
from ..models import Attendance
from ..selectors.access import FACILITATOR_ROLES
from ..selectors.pages import memberships_with_attendance, session_in_reach
from . import serializers as s


def _groups(membership):
    return (
        selectors.groups_visible_to(membership)
        .select_related("work_model")
        .prefetch_related("facilitators")
    )


def _facilitators(ids):
    return list(User.objects.filter(pk__in=ids)) if ids is not None else None


class GroupListView(NetwerkAPIView):
    @extend_schema(summary="List groups", responses={200: s.GroupOutput(many=True), 404: NOT_FOUND})
    def get(self, request: Request) -> Response:
        membership = self.require_role(*FACILITATOR_ROLES)
        return self.paginated(_groups(membership).order_by("-starts_on", "id"), s.GroupOutput)

    @extend_schema(
        summary="Create a group",
        request=s.GroupInput,
        responses={201: s.GroupOutput, 400: BAD_INPUT, 403: REFUSED, 404: NOT_FOUND},
    )
    def post(self, request: Request) -> Response:
        self.require_role(*FACILITATOR_ROLES)
        if not selectors.can_create_groups(self.membership):
            self.refuse()  # a volunteer reads the groups they facilitate but creates none
        data = self.validated(s.GroupInput)
        ids = data.pop("facilitators", [])
        group = services.group_create(
            membership=self.membership, data=data, facilitators=_facilitators(ids)
        )
        return Response(s.GroupOutput(group).data, status=status.HTTP_201_CREATED)


class GroupDetailView(NetwerkAPIView):
    @extend_schema(summary="Read a group", responses={200: s.GroupOutput, 404: NOT_FOUND})
    def get(self, request: Request, pk: int) -> Response:
        return Response(s.GroupOutput(self.within_reach(_groups(self.membership), pk)).data)

    @extend_schema(
        summary="Change a group (facilitators and org admins)",
        request=s.GroupInput,
        responses={200: s.GroupOutput, 400: BAD_INPUT, 403: REFUSED, 404: NOT_FOUND},
    )
    def patch(self, request: Request, pk: int) -> Response:
        group = self.within_reach(_groups(self.membership), pk)
        if not selectors.can_manage(self.membership, group):
            self.refuse()
        data = self.validated(s.GroupInput, partial=True)
        ids = data.pop("facilitators", None)
        services.group_update(
            membership=self.membership, group=group, data=data, facilitators=_facilitators(ids)
        )
        return Response(s.GroupOutput(self.within_reach(_groups(self.membership), pk)).data)


class MemberListView(NetwerkAPIView):
    @extend_schema(
        summary="A group's members (first names and attendance only)",
        responses={200: s.MemberOutput(many=True), 404: NOT_FOUND},
    )
    def get(self, request: Request, pk: int) -> Response:
        group = self.within_reach(_groups(self.membership), pk)
        members = memberships_with_attendance(selectors.members_visible_to(self.membership, group))
        return self.paginated(members, s.MemberOutput)

    @extend_schema(
        summary="Add a participant whose file you may open (social workers)",
        request=s.MemberInput,
        responses={201: s.MemberOutput, 400: BAD_INPUT, 403: REFUSED, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        group = self.within_reach(_groups(self.membership), pk)
        if not selectors.can_add_members(self.membership, group):
            self.refuse()
        data = self.validated(s.MemberInput)
        participant = participant_get_for(self.membership, data["participant"])
        member = services.member_add(
            membership=self.membership,
            group=group,
            participant=participant,
            joined_on=data.get("joined_on"),
        )
        member = memberships_with_attendance(group.members.filter(pk=member.pk)).get()
        return Response(s.MemberOutput(member).data, status=status.HTTP_201_CREATED)


class SessionListView(NetwerkAPIView):
    @extend_schema(
        summary="A group's sessions", responses={200: s.SessionOutput(many=True), 404: NOT_FOUND}
    )
    def get(self, request: Request, pk: int) -> Response:
        group = self.within_reach(_groups(self.membership), pk)
        return self.paginated(group.sessions.order_by("date", "id"), s.SessionOutput)

    @extend_schema(
        summary="Plan a session (facilitators and org admins)",
        request=s.SessionInput,
        responses={201: s.SessionOutput, 400: BAD_INPUT, 403: REFUSED, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        group = self.within_reach(_groups(self.membership), pk)
        if not selectors.can_manage(self.membership, group):
            self.refuse()
        data = self.validated(s.SessionInput)
        session = services.session_create(membership=self.membership, group=group, data=data)
        return Response(s.SessionOutput(session).data, status=status.HTTP_201_CREATED)


class AttendanceView(NetwerkAPIView):
    """Facilitators and org admins only. Reading it: others get 404, as on the attendance page.
    Recording it: whoever sees the session (in the group's list of sessions) gets 403."""

    def _session(self, pk: int, *, write: bool = False):
        session = session_in_reach(self.membership, pk)
        if session is None:
            raise Http404
        if not selectors.can_manage(self.membership, session.group):
            if write:
                self.refuse()
            raise Http404
        return session

    def _output(self, session) -> dict:
        present = (
            Attendance.objects.filter(session=session)
            .exclude(member__participant_id__in=blocked_for(self.membership.user_id))
            .values_list("member_id", flat=True)
        )
        return {"present": sorted(present), "extra_attendees": session.extra_attendees}

    @extend_schema(
        summary="A session's attendance", responses={200: s.AttendanceIO, 404: NOT_FOUND}
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(self._output(self._session(pk)))

    @extend_schema(
        summary="Record a session's attendance (all or nothing)",
        request=s.AttendanceIO,
        responses={200: s.AttendanceIO, 400: BAD_INPUT, 403: REFUSED, 404: NOT_FOUND},
    )
    def put(self, request: Request, pk: int) -> Response:
        session = self._session(pk, write=True)
        data = self.validated(s.AttendanceIO)
        session = services.attendance_record(
            membership=self.membership,
            session=session,
            present=data["present"],
            extra_attendees=data["extra_attendees"],
        )
        return Response(self._output(session))


def _audit_placements_read(request: Request, membership, placements) -> None:
    """Placements are part of the file: showing them is a read of each file (ids only)."""
    audit_shown(
        request,
        membership,
        {placement.participant_id for placement in placements},
        what="placements",
    )


class PlacementListView(NetwerkAPIView):
    @extend_schema(
        summary="Volunteer placements of the files you may open",
        responses={200: s.PlacementOutput(many=True), 404: NOT_FOUND},
    )
    def get(self, request: Request) -> Response:
        membership = self.require_role(*FILE_ROLES)
        placements = selectors.placements_visible_to(membership).order_by("-since", "id")
        page = self.paginate_queryset(placements)
        _audit_placements_read(request, membership, page)
        return self.get_paginated_response(self.output(s.PlacementOutput, page, many=True))

    @extend_schema(
        summary="Record a volunteer placement (the assigned social worker)",
        request=s.PlacementInput,
        responses={201: s.PlacementOutput, 400: BAD_INPUT, 403: REFUSED, 404: NOT_FOUND},
    )
    def post(self, request: Request) -> Response:
        # Roles that never open files: 404; an org admin reads files but writes none: 403.
        # Whether this social worker may write the named file is known after parsing (the
        # service checks it: 403 for a colleague's file, 404 outside reach).
        if self.require_role(*FILE_ROLES).role != Role.SOCIAL_WORKER:
            self.refuse()
        data = self.validated(s.PlacementInput)
        if "participant" not in data:
            return Response({"participant": ["This field is required."]}, status=400)
        participant = participant_get_for(self.membership, data.pop("participant"))
        placement = services.placement_create(
            membership=self.membership, participant=participant, data=data
        )
        return Response(s.PlacementOutput(placement).data, status=status.HTTP_201_CREATED)


class PlacementDetailView(NetwerkAPIView):
    @extend_schema(
        summary="Read a volunteer placement", responses={200: s.PlacementOutput, 404: NOT_FOUND}
    )
    def get(self, request: Request, pk: int) -> Response:
        placement = self.within_reach(selectors.placements_visible_to(self.membership), pk)
        _audit_placements_read(request, self.membership, [placement])
        return Response(s.PlacementOutput(placement).data)

    @extend_schema(
        summary="Change a volunteer placement (the assigned social worker)",
        request=s.PlacementInput,
        responses={200: s.PlacementOutput, 400: BAD_INPUT, 403: REFUSED, 404: NOT_FOUND},
    )
    def patch(self, request: Request, pk: int) -> Response:
        placement = self.within_reach(selectors.placements_visible_to(self.membership), pk)
        if not participant_editable_by(self.membership, placement.participant):
            self.refuse()
        data = self.validated(s.PlacementInput, partial=True)
        data.pop("participant", None)
        placement = services.placement_update(
            membership=self.membership, placement=placement, data=data
        )
        return Response(s.PlacementOutput(placement).data)
