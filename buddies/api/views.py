"""The buddies API. The same access rules as the pages, and the shared refusal rule
(`netwerk.api`): a record or endpoint outside one's reach or role answers 404; a write on a
record (or to a list) the caller may read but not change answers 403, decided before the input
is parsed; every write goes through `buddies.services`.

Coordinators and org admins: volunteers, requests, suggestions, batch proposals, matches,
contact logs and check-ins of their organisation. Social workers: their own participants'
requests (and create them) and matches (the buddy's name and how to reach them). Volunteers:
their own profile, their own open matches (what the contact needs) and contact logs.
"""

from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import Role, User
from netwerk.api import BAD_INPUT, NOT_FOUND, REFUSED, NetwerkAPIView, shapes
from participants.selectors import participants_visible_to

from .. import explain_misses, selectors, services
from ..selectors.matches import buddy_consent_active
from ..selectors.proposals import batch_proposal, suggestions_for
from ..services.common import MANAGERS
from ..services.follow_up import contact_log_allowed
from . import serializers as s

ALL_BUDDY_ROLES = (*MANAGERS, Role.VOLUNTEER)
# Who reads matches (each their own): writes on a match by the others answer 403.
MATCH_READERS = (*ALL_BUDDY_ROLES, Role.SOCIAL_WORKER)


def _match_for_role(many: bool = False) -> PolymorphicProxySerializer:
    """A match as the caller's role sees it; `shape` says which: full, contact or buddy."""
    return shapes(
        "MatchForRole", [s.MatchOutput, s.ContactOutput, s.SocialWorkerMatchOutput], many=many
    )


def _volunteers(membership):
    return selectors.volunteers_visible_to(membership).prefetch_related("interests").order_by("id")


class VolunteerListView(NetwerkAPIView):
    @extend_schema(
        summary="List volunteers (a volunteer: only their own profile)",
        responses={200: s.VolunteerOutput(many=True), 404: NOT_FOUND},
    )
    def get(self, request: Request) -> Response:
        membership = self.require_role(*ALL_BUDDY_ROLES)
        return self.paginated(_volunteers(membership), s.VolunteerOutput)

    @extend_schema(
        summary="Add a volunteer: with a name and contact details only, or linked to the "
        "account of a person with the volunteer role; `invite` sends them a log-in invitation",
        request=s.VolunteerInput,
        responses={201: s.VolunteerOutput, 400: BAD_INPUT, 403: REFUSED, 404: NOT_FOUND},
    )
    def post(self, request: Request) -> Response:
        membership = self.require_role(*ALL_BUDDY_ROLES)
        if membership.role not in MANAGERS:
            self.refuse()  # a volunteer reads their own profile but adds none
        data = self.validated(s.VolunteerInput)
        interests = data.pop("interests", [])
        invite = data.pop("invite", False)
        user = None
        if "user" in data:
            user = User.objects.filter(pk=data.pop("user")).first()
            if user is None:
                return Response(
                    {"user": ["Give the user id of a person with the volunteer role."]}, 400
                )
        volunteer = services.volunteer_create(
            membership=membership, user=user, data=data, interests=interests
        )
        if invite:
            volunteer = services.volunteer_invite(membership=membership, volunteer=volunteer)
        return Response(self.output(s.VolunteerOutput, volunteer), status=status.HTTP_201_CREATED)


class VolunteerDetailView(NetwerkAPIView):
    @extend_schema(
        summary="Read a volunteer profile", responses={200: s.VolunteerOutput, 404: NOT_FOUND}
    )
    def get(self, request: Request, pk: int) -> Response:
        membership = self.require_role(*ALL_BUDDY_ROLES)
        return Response(
            self.output(s.VolunteerOutput, self.within_reach(_volunteers(membership), pk))
        )

    @extend_schema(
        summary="Change a volunteer profile (a volunteer: own availability, max_km, phone)",
        request=s.VolunteerInput,
        responses={200: s.VolunteerOutput, 400: BAD_INPUT, 403: REFUSED, 404: NOT_FOUND},
    )
    def patch(self, request: Request, pk: int) -> Response:
        membership = self.require_role(*ALL_BUDDY_ROLES)
        volunteer = self.within_reach(_volunteers(membership), pk)
        data = self.validated(s.VolunteerInput, partial=True)
        data.pop("user", None)
        data.pop("invite", None)
        interests = data.pop("interests", None)
        volunteer = services.volunteer_update(
            membership=membership, volunteer=volunteer, data=data, interests=interests
        )
        return Response(self.output(s.VolunteerOutput, volunteer))


def _requests(membership):
    return (
        selectors.requests_visible_to(membership)
        .select_related("participant")
        .prefetch_related("interests")
        .order_by("waiting_since", "id")
    )


class RequestListView(NetwerkAPIView):
    @extend_schema(
        summary="List buddy requests (coordinators: all; social workers: their own caseload)",
        responses={200: s.RequestOutput(many=True), 404: NOT_FOUND},
    )
    def get(self, request: Request) -> Response:
        membership = self.require_role(*MANAGERS, Role.SOCIAL_WORKER)
        return self.paginated(_requests(membership), s.RequestOutput)

    @extend_schema(
        summary="Ask for a buddy for a participant (their social worker)",
        request=s.RequestInput,
        responses={201: s.RequestOutput, 400: BAD_INPUT, 403: REFUSED, 404: NOT_FOUND},
    )
    def post(self, request: Request) -> Response:
        membership = self.require_role(*MANAGERS, Role.SOCIAL_WORKER)
        if membership.role != Role.SOCIAL_WORKER:
            self.refuse()  # coordinators read requests; the participant's social worker asks
        data = self.validated(s.RequestInput)
        participant = self.within_reach(
            participants_visible_to(membership), data.pop("participant")
        )
        interests = data.pop("interests", [])
        buddy_request = services.buddy_request_create(
            membership=membership, participant=participant, data=data, interests=interests
        )
        return Response(self.output(s.RequestOutput, buddy_request), status=status.HTTP_201_CREATED)


class RequestDetailView(NetwerkAPIView):
    @extend_schema(summary="Read a buddy request", responses={200: s.RequestOutput, 404: NOT_FOUND})
    def get(self, request: Request, pk: int) -> Response:
        membership = self.require_role(*MANAGERS, Role.SOCIAL_WORKER)
        return Response(self.output(s.RequestOutput, self.within_reach(_requests(membership), pk)))


class RequestSuggestionsView(NetwerkAPIView):
    pagination_class = None  # ten at most, as a plain list

    @extend_schema(
        summary="Top suggestions for a waiting request, with each criterion in words",
        responses={200: s.ProposalOutput(many=True), 404: NOT_FOUND},
    )
    def get(self, request: Request, pk: int) -> Response:
        membership = self.require_role(*MANAGERS)
        buddy_request = self.within_reach(_requests(membership), pk)
        return Response(self.output(s.ProposalOutput, suggestions_for(buddy_request), many=True))


class RequestSetAsideView(NetwerkAPIView):
    @extend_schema(
        summary="Set a suggested volunteer aside for this request (never suggested again)",
        request=s.SetAsideInput,
        responses={201: s.MatchOutput, 400: BAD_INPUT, 403: REFUSED, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        membership = self.require_role(*MANAGERS, Role.SOCIAL_WORKER)
        buddy_request = self.within_reach(_requests(membership), pk)
        if membership.role not in MANAGERS:
            self.refuse()
        data = self.validated(s.SetAsideInput)
        volunteer = self.within_reach(_volunteers(membership), data["volunteer"])
        match = services.suggestion_decline(
            membership=membership, request=buddy_request, volunteer=volunteer, reason=data["reason"]
        )
        return Response(self.output(s.MatchOutput, match), status=status.HTTP_201_CREATED)


class ProposalBatchView(NetwerkAPIView):
    @extend_schema(
        summary="Batch proposal for the whole waiting list (optimal, capacities kept)",
        responses={200: s.BatchOutput, 404: NOT_FOUND},
    )
    def get(self, request: Request) -> Response:
        membership = self.require_role(*MANAGERS)
        batch = batch_proposal(
            organisation_id=membership.organisation_id, viewer_id=membership.user_id
        )
        data = {
            "total": batch.total,
            "proposals": batch.proposals,
            "unmatched_requests": [r.pk for r in batch.unmatched],
            "why_unmatched": [explain_misses.describe(r.why) for r in batch.unmatched],
        }
        return Response(self.output(s.BatchOutput, data))


def _matches(membership):
    return (
        selectors.matches_visible_to(membership)
        .select_related("volunteer__user", "participant", "request")
        .annotate(sharing=buddy_consent_active())
        .order_by("-proposed_at", "-id")
    )


def _match_output(membership):
    if membership.role in MANAGERS:
        return s.MatchOutput
    if membership.role == Role.VOLUNTEER:
        return s.ContactOutput
    return s.SocialWorkerMatchOutput


class MatchListView(NetwerkAPIView):
    @extend_schema(
        summary="List matches in reach; the shape depends on the caller's role",
        responses={200: _match_for_role(many=True), 404: NOT_FOUND},
    )
    def get(self, request: Request) -> Response:
        membership = self.require_role(*MATCH_READERS)
        return self.paginated(_matches(membership), _match_output(membership))

    @extend_schema(
        summary="Approve a proposal: the pair is checked again, then proposed to both sides",
        request=s.ProposeInput,
        responses={201: s.MatchOutput, 400: BAD_INPUT, 403: REFUSED, 404: NOT_FOUND},
    )
    def post(self, request: Request) -> Response:
        membership = self.require_role(*MATCH_READERS)
        if membership.role not in MANAGERS:
            self.refuse()
        data = self.validated(s.ProposeInput)
        buddy_request = self.within_reach(_requests(membership), data["request"])
        volunteer = self.within_reach(_volunteers(membership), data["volunteer"])
        match = services.match_propose(
            membership=membership, request=buddy_request, volunteer=volunteer
        )
        return Response(self.output(s.MatchOutput, match), status=status.HTTP_201_CREATED)


class MatchDetailView(NetwerkAPIView):
    @extend_schema(summary="Read a match", responses={200: _match_for_role(), 404: NOT_FOUND})
    def get(self, request: Request, pk: int) -> Response:
        membership = self.require_role(*MATCH_READERS)
        match = self.within_reach(_matches(membership), pk)
        return Response(self.output(_match_output(membership), match))


TRANSITION_ARGS = {
    "plan_intro": ("intro_at", "intro_place"),
    "activate": ("started_on",),
    "start_closing": ("note",),
    "resume": ("note",),
    "decline": ("side", "reason"),
}


class MatchTransitionView(NetwerkAPIView):
    @extend_schema(
        summary="Move a match on: plan_intro, activate, start_closing (resume undoes it), "
        "close or decline",
        request=s.TransitionInput,
        responses={200: s.MatchOutput, 400: BAD_INPUT, 403: REFUSED, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        membership = self.require_role(*MATCH_READERS)
        match = self.within_reach(_matches(membership), pk)
        if membership.role not in MANAGERS:
            self.refuse()
        data = self.validated(s.TransitionInput)
        action = data.pop("action")
        if action == "close":
            match = services.match_close(membership=membership, match=match, data=data)
        else:
            kwargs = {name: data.get(name, "") for name in TRANSITION_ARGS[action]}
            if action == "activate":
                kwargs = {"started_on": data.get("started_on")}
            service = {
                "plan_intro": services.match_plan_intro,
                "activate": services.match_activate,
                "start_closing": services.match_start_closing,
                "resume": services.match_resume,
                "decline": services.match_decline,
            }[action]
            match = service(membership=membership, match=match, **kwargs)
        return Response(
            self.output(s.MatchOutput, self.within_reach(_matches(membership), match.pk))
        )


class ContactLogListView(NetwerkAPIView):
    @extend_schema(
        summary="Contact logs of a match (coordinators; the volunteer: their own)",
        responses={200: s.ContactLogOutput(many=True), 404: NOT_FOUND},
    )
    def get(self, request: Request, pk: int) -> Response:
        membership = self.require_role(*ALL_BUDDY_ROLES)
        match = self.within_reach(_matches(membership), pk)
        logs = selectors.contact_logs_visible_to(membership).filter(match=match)
        return self.paginated(logs, s.ContactLogOutput)

    @extend_schema(
        summary="Log a contact (the match's volunteer; the coordinator for a volunteer without "
        "a log-in); a worry goes to the coordinator and the participant's social worker",
        request=s.ContactLogInput,
        responses={201: s.ContactLogOutput, 400: BAD_INPUT, 403: REFUSED, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        membership = self.require_role(*MATCH_READERS)
        match = self.within_reach(_matches(membership), pk)
        if membership.role == Role.SOCIAL_WORKER:
            self.refuse()  # the social worker reads the match; its volunteer logs contacts
        if membership.role in MANAGERS:
            contact_log_allowed(membership, match)  # 403 before the input is read
        data = self.validated(s.ContactLogInput)
        log = services.contact_log_create(membership=membership, match=match, data=data)
        return Response(self.output(s.ContactLogOutput, log), status=status.HTTP_201_CREATED)


class CheckInListView(NetwerkAPIView):
    @extend_schema(
        summary="Check-ins of a match", responses={200: s.CheckInOutput(many=True), 404: NOT_FOUND}
    )
    def get(self, request: Request, pk: int) -> Response:
        membership = self.require_role(*MANAGERS)
        match = self.within_reach(_matches(membership), pk)
        check_ins = selectors.check_ins_visible_to(membership).filter(match=match)
        return self.paginated(check_ins, s.CheckInOutput)

    @extend_schema(
        summary="Record a check-in",
        request=s.CheckInInput,
        responses={201: s.CheckInOutput, 400: BAD_INPUT, 403: REFUSED, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        membership = self.require_role(*MATCH_READERS)
        match = self.within_reach(_matches(membership), pk)
        if membership.role not in MANAGERS:
            self.refuse()
        data = self.validated(s.CheckInInput)
        check_in = services.check_in_create(membership=membership, match=match, data=data)
        return Response(self.output(s.CheckInOutput, check_in), status=status.HTTP_201_CREATED)
