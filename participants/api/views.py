"""The participant-file API. Every record is fetched within `participants_visible_to` (a record
outside reach answers 404) and every write goes through `participants.services`.

See `base.py` for the access rules in full: 404 outside reach and to roles that never open
files, 403 on writes by read-only readers (checked before the input is parsed).
"""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import Role
from netwerk.api import DetailOutput

from .. import services
from ..models import Participant
from ..selectors.api import (
    consents_for_api,
    goal_notes_for_api,
    goals_for_api,
    interventions_for_api,
    participant_api_list,
    participants_for_api,
    trajectories_for_api,
)
from . import serializers as s
from .base import BAD_INPUT, NOT_FOUND, REFUSED, FileAPIView
from .records import ParticipantRecordsView, RecordDetailView, WriterCheckMixin

ONLY_SOCIAL_WORKERS_OPEN_FILES = _("Only social workers open participant files.")

NO_CREATE = OpenApiResponse(
    DetailOutput, description="An org admin: they read every file but open none."
)


def _list_schema(output, summary: str) -> Any:
    return extend_schema(summary=summary, responses={200: output(many=True), 404: NOT_FOUND})


def _create_schema(input_class, output, summary: str) -> Any:
    return extend_schema(
        summary=summary,
        request=input_class,
        responses={201: output, 400: BAD_INPUT, 403: REFUSED, 404: NOT_FOUND},
    )


def _read_schema(output, summary: str) -> Any:
    return extend_schema(summary=summary, responses={200: output, 404: NOT_FOUND})


def _write_schema(input_class, output, summary: str, operation_id: str | None = None) -> Any:
    return extend_schema(
        summary=summary,
        operation_id=operation_id,
        request=input_class,
        responses={200: output, 400: BAD_INPUT, 403: REFUSED, 404: NOT_FOUND},
    )


# --- Participants --------------------------------------------------------------------------------


class ParticipantListView(FileAPIView):
    """Participant files in reach: a social worker's own caseload (their colleagues' too where
    the organisation enabled team access), or every file of the organisation for an org admin.

    Coordinators, volunteers and researchers (and requests without an organisation) get 404:
    their roles never open files. Creating a file is for social workers (the file is assigned
    to them); org admins get 403, before their input is parsed.
    """

    error_renames = {"given_on": "file_consent_on", "method": "file_consent_method"}

    @extend_schema(
        summary="List participant files",
        parameters=[s.ParticipantFilter],
        responses={200: s.ParticipantOutput(many=True), 400: BAD_INPUT, 404: NOT_FOUND},
    )
    def get(self, request: Request) -> Response:
        membership = self.file_membership()
        filters = s.ParticipantFilter(data=request.query_params)
        filters.is_valid(raise_exception=True)
        participants = participant_api_list(membership, **filters.validated_data)
        return self.paginated(participants, s.ParticipantOutput)

    @extend_schema(
        summary="Open a participant file",
        request=s.ParticipantCreateInput,
        responses={201: s.ParticipantOutput, 400: BAD_INPUT, 403: NO_CREATE, 404: NOT_FOUND},
    )
    def post(self, request: Request) -> Response:
        membership = self.file_membership()
        if membership.role != Role.SOCIAL_WORKER:
            raise exceptions.PermissionDenied(ONLY_SOCIAL_WORKERS_OPEN_FILES)
        data = self.validated(s.ParticipantCreateInput)
        participant = services.participant_create(
            membership=membership,
            data=data,
            file_consent_method=data.pop("file_consent_method", None),
            file_consent_on=data.pop("file_consent_on", None),
        )
        participant = participants_for_api(membership).get(pk=participant.pk)
        output = s.ParticipantOutput(participant, context=self.get_serializer_context())
        return Response(output.data, status=status.HTTP_201_CREATED)


class ParticipantDetailView(WriterCheckMixin, FileAPIView):
    """One file. Reads are audited. Special-category fields appear only for the assigned
    social worker and org admins; only the assigned social worker changes the file (others who
    can read it get 403). Outside reach: 404."""

    @_read_schema(s.ParticipantOutput, "Read a participant file")
    def get(self, request: Request, pk: int) -> Response:
        participant = self.participant_within_reach(pk)
        self.audit_read(participant)
        return Response(self._output(participant))

    @_write_schema(s.ParticipantInput, s.ParticipantOutput, "Change a participant file")
    def patch(self, request: Request, pk: int) -> Response:
        participant = self.participant_within_reach(pk)
        self.require_writer(participant)
        data = self.validated(s.ParticipantInput, partial=True)
        services.participant_update(membership=self.membership, participant=participant, data=data)
        return Response(self._output(self.participant_within_reach(pk)))

    def _output(self, participant: Participant) -> dict[str, Any]:
        return s.ParticipantOutput(participant, context=self.get_serializer_context()).data


# --- Consents ------------------------------------------------------------------------------------


@extend_schema_view(
    get=_list_schema(s.ConsentOutput, "List a file's consents, withdrawn ones included"),
    post=_create_schema(s.ConsentInput, s.ConsentOutput, "Record a consent"),
)
class ConsentListView(ParticipantRecordsView):
    kind = "consents"
    records = staticmethod(consents_for_api)
    input_class = s.ConsentInput
    output_class = s.ConsentOutput

    def create(self, participant: Participant, data: dict[str, Any]):
        return services.consent_give(membership=self.membership, participant=participant, **data)


class ConsentWithdrawView(WriterCheckMixin, FileAPIView):
    """Withdraw a consent, today or on `withdrawn_on`. It takes effect at once."""

    @_write_schema(
        s.ConsentWithdrawInput, s.ConsentOutput, "Withdraw a consent", "consents_withdraw"
    )
    def post(self, request: Request, pk: int) -> Response:
        consent = self.within_reach(consents_for_api(self.membership), pk)
        self.require_writer(consent.participant)
        data = self.validated(s.ConsentWithdrawInput)
        consent = services.consent_withdraw(
            membership=self.membership, consent=consent, withdrawn_on=data.get("withdrawn_on")
        )
        return Response(s.ConsentOutput(consent, context=self.get_serializer_context()).data)


# --- Trajectories --------------------------------------------------------------------------------


@extend_schema_view(
    get=_list_schema(s.TrajectoryOutput, "List a file's trajectories (chosen work models)"),
    post=_create_schema(s.TrajectoryInput, s.TrajectoryOutput, "Start a trajectory"),
)
class TrajectoryListView(ParticipantRecordsView):
    kind = "trajectories"
    records = staticmethod(trajectories_for_api)
    input_class = s.TrajectoryInput
    output_class = s.TrajectoryOutput
    create_service = staticmethod(services.trajectory_create)


@extend_schema_view(
    get=_read_schema(s.TrajectoryOutput, "Read a trajectory"),
    patch=_write_schema(s.TrajectoryInput, s.TrajectoryOutput, "Change a trajectory"),
)
class TrajectoryDetailView(RecordDetailView):
    records = staticmethod(trajectories_for_api)
    input_class = s.TrajectoryInput
    output_class = s.TrajectoryOutput
    update_service = staticmethod(services.trajectory_update)
    record_kwarg = "trajectory"


# --- Goals and their progress notes --------------------------------------------------------------


@extend_schema_view(
    get=_list_schema(s.GoalOutput, "List a file's goals"),
    post=_create_schema(s.GoalInput, s.GoalOutput, "Add a goal"),
)
class GoalListView(ParticipantRecordsView):
    kind = "goals"
    records = staticmethod(goals_for_api)
    input_class = s.GoalInput
    output_class = s.GoalOutput
    create_service = staticmethod(services.goal_create)


@extend_schema_view(
    get=_read_schema(s.GoalOutput, "Read a goal"),
    patch=_write_schema(s.GoalInput, s.GoalOutput, "Change a goal"),
)
class GoalDetailView(RecordDetailView):
    records = staticmethod(goals_for_api)
    input_class = s.GoalInput
    output_class = s.GoalOutput
    update_service = staticmethod(services.goal_update)
    record_kwarg = "goal"


class GoalNoteListView(WriterCheckMixin, FileAPIView):
    """A goal's dated progress notes: GET lists them (newest first), POST adds one.
    404 outside reach, 403 on POST for read-only readers, 400 on bad input."""

    @_list_schema(s.GoalNoteOutput, "List a goal's progress notes")
    def get(self, request: Request, goal_id: int) -> Response:
        goal = self.within_reach(goals_for_api(self.membership), goal_id)
        self.audit_read(goal, ("notes",))
        notes = goal_notes_for_api(self.membership).filter(goal=goal)
        return self.paginated(notes, s.GoalNoteOutput)

    @_create_schema(s.GoalNoteInput, s.GoalNoteOutput, "Note progress on a goal")
    def post(self, request: Request, goal_id: int) -> Response:
        goal = self.within_reach(goals_for_api(self.membership), goal_id)
        self.require_writer(goal.participant)
        data = self.validated(s.GoalNoteInput)
        note = services.goal_note_add(membership=self.membership, goal=goal, **data)
        output = s.GoalNoteOutput(note, context=self.get_serializer_context())
        return Response(output.data, status=status.HTTP_201_CREATED)


# --- Interventions -------------------------------------------------------------------------------


class _InterventionInputMixin:
    def input_kwargs(self, participant: Participant) -> dict[str, Any]:
        return {"participant": participant}


@extend_schema_view(
    get=_list_schema(s.InterventionOutput, "List a file's interventions, newest first"),
    post=_create_schema(s.InterventionInput, s.InterventionOutput, "Log an intervention"),
)
class InterventionListView(_InterventionInputMixin, ParticipantRecordsView):
    kind = "interventions"
    records = staticmethod(interventions_for_api)
    input_class = s.InterventionInput
    output_class = s.InterventionOutput
    create_service = staticmethod(services.intervention_create)


@extend_schema_view(
    get=_read_schema(s.InterventionOutput, "Read an intervention"),
    patch=_write_schema(s.InterventionInput, s.InterventionOutput, "Change an intervention"),
)
class InterventionDetailView(_InterventionInputMixin, RecordDetailView):
    """One intervention: read, change, delete. 404 outside reach, 403 for read-only readers."""

    records = staticmethod(interventions_for_api)
    input_class = s.InterventionInput
    output_class = s.InterventionOutput
    update_service = staticmethod(services.intervention_update)
    record_kwarg = "intervention"

    @extend_schema(
        summary="Delete an intervention",
        responses={204: None, 403: REFUSED, 404: NOT_FOUND},
    )
    def delete(self, request: Request, pk: int) -> Response:
        intervention = self.record(pk)
        self.require_writer(intervention.participant)
        services.intervention_delete(membership=self.membership, intervention=intervention)
        return Response(status=status.HTTP_204_NO_CONTENT)


class InterventionFollowUpDoneView(WriterCheckMixin, FileAPIView):
    """Mark an intervention's follow-up as done (today or on `done_on`). Doing it twice keeps
    the first date; an intervention without a follow-up date answers 400."""

    @_write_schema(
        s.FollowUpDoneInput,
        s.InterventionOutput,
        "Mark a follow-up done",
        "interventions_follow_up_done",
    )
    def post(self, request: Request, pk: int) -> Response:
        intervention = self.within_reach(interventions_for_api(self.membership), pk)
        self.require_writer(intervention.participant)
        data = self.validated(s.FollowUpDoneInput)
        intervention = services.intervention_follow_up_done(
            membership=self.membership, intervention=intervention, done_on=data.get("done_on")
        )
        output = s.InterventionOutput(intervention, context=self.get_serializer_context())
        return Response(output.data)
