"""The referral inbox API: the receiving organisation's intake roles read what was shared and
answer (accept, decline, first contact, end, messages). The shared refusal rule
(`netwerk.api`): another role, or a referral outside the caller's inbox, answers 404; every
write goes through `referrals.services`. Nothing of the sender's file is ever in an answer.
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import Membership, Role
from netwerk.api import BAD_INPUT, NOT_FOUND, NetwerkAPIView
from participants.models import Participant

from ..models import Referral
from ..selectors import inbox as selectors
from ..selectors.access import INTAKE_ROLES
from ..services import receiving
from ..services.steps import message_post
from . import inbox_serializers as s

ROLES = tuple(INTAKE_ROLES)


class _InboxView(NetwerkAPIView):
    def referral(self, pk: int) -> Referral:
        membership = self.require_role(*ROLES)
        return selectors.inbox_get(membership, pk)


class InboxListView(NetwerkAPIView):
    @extend_schema(
        summary="Referrals to the caller's organisation: waiting ones first",
        parameters=[
            OpenApiParameter("status", str, description="A status, or `waiting`"),
            OpenApiParameter("initiative", int),
        ],
        responses={200: s.InboxItemOutput(many=True), 404: NOT_FOUND},
    )
    def get(self, request: Request) -> Response:
        membership = self.require_role(*ROLES)
        wanted = request.query_params.get("status", "")
        initiative = request.query_params.get("initiative", "")
        filters = selectors.InboxFilters(
            status=wanted if wanted in {"waiting", *Referral.Status.values} else "",
            initiative=int(initiative) if initiative.isdigit() else None,
        )
        return self.paginated(selectors.inbox_list(membership, filters), s.InboxItemOutput)


class InboxDetailView(_InboxView):
    @extend_schema(
        summary="One referral: what was shared, by whom, the consent and the steps (opening a "
        "sent referral records the step `received`)",
        responses={200: s.InboxDetailOutput, 404: NOT_FOUND},
    )
    def get(self, request: Request, pk: int) -> Response:
        referral = self.referral(pk)
        receiving.referral_open(membership=self.membership, referral=referral)
        return Response(self.output(s.InboxDetailOutput, referral))


class InboxAcceptView(_InboxView):
    @extend_schema(
        summary="Accept: a new file for a social worker (with the participant's consent to it) "
        "or link a possible duplicate (`link_to`); optionally a buddy request",
        request=s.AcceptInput,
        responses={200: s.InboxDetailOutput, 400: BAD_INPUT, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        referral = self.referral(pk)
        data = self.validated(s.AcceptInput)
        membership = self.membership
        worker, link_to = None, None
        if data.get("link_to") is not None:
            link_to = Participant.objects.filter(
                pk=data["link_to"], organisation_id=membership.organisation_id
            ).first()
            if link_to is None:
                return Response({"link_to": ["Choose one of the possible duplicates."]}, 400)
        elif data.get("social_worker") is not None:
            worker = Membership.objects.filter(
                user_id=data["social_worker"],
                organisation_id=membership.organisation_id,
                role=Role.SOCIAL_WORKER,
                is_active=True,
            ).first()
            if worker is None:
                return Response(
                    {"social_worker": ["Give the user id of an active social worker."]}, 400
                )
        referral = receiving.referral_accept(
            membership=membership,
            referral=referral,
            social_worker=worker,
            link_to=link_to,
            consent_method=data.get("consent_method", ""),
            consent_given_on=data.get("consent_given_on"),
            buddy_request=data.get("buddy_request", False),
            languages=data.get("languages") or None,
        )
        return Response(self.output(s.InboxDetailOutput, referral))


class InboxDeclineView(_InboxView):
    @extend_schema(
        summary="Decline with a reason (and a short text, needed for `other`)",
        request=s.DeclineInput,
        responses={200: s.InboxDetailOutput, 400: BAD_INPUT, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        referral = self.referral(pk)
        data = self.validated(s.DeclineInput)
        referral = receiving.referral_decline(
            membership=self.membership,
            referral=referral,
            reason=data["reason"],
            text=data.get("text", ""),
        )
        return Response(self.output(s.InboxDetailOutput, referral))


class InboxStepView(_InboxView):
    @extend_schema(
        summary="Report the first contact or the end, with a date and a short note",
        request=s.StepInput,
        responses={200: s.InboxDetailOutput, 400: BAD_INPUT, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        referral = self.referral(pk)
        data = self.validated(s.StepInput)
        referral = receiving.referral_report_step(
            membership=self.membership,
            referral=referral,
            status=data["status"],
            happened_on=data.get("happened_on"),
            note=data.get("note", ""),
        )
        return Response(self.output(s.InboxDetailOutput, referral))


class InboxMessagesView(_InboxView):
    @extend_schema(
        summary="The referral's messages, oldest first",
        responses={200: s.MessageOutput(many=True), 404: NOT_FOUND},
    )
    def get(self, request: Request, pk: int) -> Response:
        referral = self.referral(pk)
        return self.paginated(selectors.thread_messages(referral), s.MessageOutput)

    @extend_schema(
        summary="Ask or answer a question (nothing beyond what was shared)",
        request=s.MessageInput,
        responses={201: s.MessageOutput, 400: BAD_INPUT, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        referral = self.referral(pk)
        data = self.validated(s.MessageInput)
        message = message_post(membership=self.membership, referral=referral, text=data["text"])
        return Response(self.output(s.MessageOutput, message), status=status.HTTP_201_CREATED)
