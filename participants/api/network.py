"""The network API: members, snapshots (with their summary), measurements (with scores) and
family group plans. Same access as the file (see `base.py`): 404 outside reach, 403 on writes
by read-only readers; every write goes through the services, every read is audited."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from ..models import Agreement, NetworkMember, OrganisationInstrument, Participant
from ..models.network_parts import POSITION_FIELDS
from ..selectors.files import participants_visible_to
from ..selectors.network import (
    family_plans_for_api,
    measurements_for_api,
    network_members_for_api,
    snapshots_for_api,
)
from ..services import family_plans as plan_services
from ..services import measurements as measurement_services
from ..services import network as network_services
from ..services import network_ties as tie_services
from . import network_serializers as s
from .base import NOT_FOUND, REFUSED, FileAPIView
from .records import ParticipantRecordsView, RecordDetailView, WriterCheckMixin
from .views import _create_schema, _list_schema, _read_schema, _write_schema

# --- Members -------------------------------------------------------------------------------


@extend_schema_view(
    get=_list_schema(s.NetworkMemberOutput, "List the members of a file's network map"),
    post=_create_schema(s.NetworkMemberInput, s.NetworkMemberOutput, "Add a network member"),
)
class NetworkMemberListView(ParticipantRecordsView):
    kind = "network_members"
    records = staticmethod(network_members_for_api)
    input_class = s.NetworkMemberInput
    output_class = s.NetworkMemberOutput

    @transaction.atomic
    def create(self, participant: Participant, data: dict[str, Any]):
        positions = _positions(data)
        member = network_services.network_member_create(
            membership=self.membership, participant=participant, data=data
        )
        return _place(self.membership, member, positions)


def _positions(data: dict[str, Any]) -> dict[str, Any]:
    """The place on a hand-drawn map, taken out of the input: it is written by its own service
    (which checks that the place is on the map)."""
    return {key: data.pop(key) for key in POSITION_FIELDS if key in data}


def _place(membership, member: NetworkMember, positions: dict[str, Any]) -> NetworkMember:
    if not positions:
        return member
    place = {key: positions.get(key, getattr(member, key)) for key in POSITION_FIELDS}
    if all(place[key] == getattr(member, key) for key in POSITION_FIELDS):
        return member
    return tie_services.network_member_place(membership=membership, member=member, **place)


@extend_schema_view(
    get=_read_schema(s.NetworkMemberOutput, "Read a network member"),
    patch=_write_schema(s.NetworkMemberInput, s.NetworkMemberOutput, "Change (or move) a member"),
)
class NetworkMemberDetailView(RecordDetailView):
    records = staticmethod(network_members_for_api)
    input_class = s.NetworkMemberInput
    output_class = s.NetworkMemberOutput
    update_service = staticmethod(network_services.network_member_update)
    record_kwarg = "member"

    def patch(self, request: Request, pk: int) -> Response:
        member = self.record(pk)
        self.require_writer(member.participant)
        data = self.validated(self.input_class, partial=True)
        positions = _positions(data)
        with transaction.atomic():
            member = network_services.network_member_update(
                membership=self.membership, member=member, data=data
            )
            member = _place(self.membership, member, positions)
        return Response(self.output(member))

    @extend_schema(
        summary="Remove a member from today's map (snapshots keep it)",
        responses={204: None, 403: REFUSED, 404: NOT_FOUND},
    )
    def delete(self, request: Request, pk: int) -> Response:
        member = self.record(pk)
        self.require_writer(member.participant)
        network_services.network_member_delete(membership=self.membership, member=member)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Snapshots -----------------------------------------------------------------------------


@extend_schema_view(
    get=_list_schema(s.SnapshotOutput, "List a file's network snapshots, oldest first"),
    post=_create_schema(s.SnapshotInput, s.SnapshotOutput, "Take a snapshot of today's map"),
)
class SnapshotListView(ParticipantRecordsView):
    kind = "network_snapshots"
    records = staticmethod(snapshots_for_api)
    input_class = s.SnapshotInput
    output_class = s.SnapshotOutput

    def create(self, participant: Participant, data: dict[str, Any]):
        snapshot = network_services.network_snapshot_take(
            membership=self.membership, participant=participant, **data
        )
        return snapshots_for_api(self.membership).get(pk=snapshot.pk)


@extend_schema_view(get=_read_schema(s.SnapshotOutput, "Read a snapshot with its summary"))
class SnapshotDetailView(FileAPIView):
    def get(self, request: Request, pk: int) -> Response:
        snapshot = self.within_reach(snapshots_for_api(self.membership), pk)
        self.audit_read(snapshot)
        return Response(s.SnapshotOutput(snapshot, context=self.get_serializer_context()).data)


# --- Measurements --------------------------------------------------------------------------


@extend_schema_view(
    get=_list_schema(s.MeasurementOutput, "List a file's measurements, oldest first"),
    post=_create_schema(s.MeasurementInput, s.MeasurementOutput, "Record a measurement"),
)
class MeasurementListView(ParticipantRecordsView):
    kind = "measurements"
    records = staticmethod(measurements_for_api)
    input_class = s.MeasurementInput
    output_class = s.MeasurementOutput

    def create(self, participant: Participant, data: dict[str, Any]):
        enabled = (
            OrganisationInstrument.objects.filter(
                organisation_id=participant.organisation_id,
                instrument__code=data["instrument"],
            )
            .select_related("instrument")
            .order_by("-instrument__version")
            .first()
        )
        if enabled is None:
            raise ValidationError(
                {"instrument": [_("Your organisation has not enabled this instrument.")]}
            )
        return measurement_services.measurement_record(
            membership=self.membership,
            participant=participant,
            instrument=enabled.instrument,
            taken_on=data["taken_on"],
            answers=data["answers"],
        )


@extend_schema_view(get=_read_schema(s.MeasurementOutput, "Read a measurement and its scores"))
class MeasurementDetailView(FileAPIView):
    def get(self, request: Request, pk: int) -> Response:
        measurement = self.within_reach(measurements_for_api(self.membership), pk)
        self.audit_read(measurement)
        return Response(s.MeasurementOutput(measurement).data)


# --- Family group plans --------------------------------------------------------------------


@extend_schema_view(
    get=_list_schema(s.FamilyPlanOutput, "List a file's family group plans"),
    post=_create_schema(s.FamilyPlanInput, s.FamilyPlanOutput, "Record a family group plan"),
)
class FamilyPlanListView(ParticipantRecordsView):
    kind = "family_plans"
    records = staticmethod(family_plans_for_api)
    input_class = s.FamilyPlanInput
    output_class = s.FamilyPlanOutput
    create_service = staticmethod(plan_services.family_plan_create)


@extend_schema_view(
    get=_read_schema(s.FamilyPlanOutput, "Read a family group plan"),
    patch=_write_schema(s.FamilyPlanInput, s.FamilyPlanOutput, "Change a family group plan"),
)
class FamilyPlanDetailView(RecordDetailView):
    records = staticmethod(family_plans_for_api)
    input_class = s.FamilyPlanInput
    output_class = s.FamilyPlanOutput
    update_service = staticmethod(plan_services.family_plan_update)
    record_kwarg = "plan"


def _agreements_within_reach(membership):
    return Agreement.objects.filter(
        plan__participant__in=participants_visible_to(membership)
    ).select_related("plan__participant", "member")


class AgreementCreateView(WriterCheckMixin, FileAPIView):
    @_create_schema(s.AgreementInput, s.AgreementOutput, "Add an agreement to a plan")
    def post(self, request: Request, plan_id: int) -> Response:
        plan = self.within_reach(family_plans_for_api(self.membership), plan_id)
        self.require_writer(plan.participant)
        data = self.validated(s.AgreementInput)
        agreement = plan_services.agreement_add(membership=self.membership, plan=plan, data=data)
        return Response(s.AgreementOutput(agreement).data, status=status.HTTP_201_CREATED)


class AgreementDetailView(WriterCheckMixin, FileAPIView):
    @_write_schema(s.AgreementInput, s.AgreementOutput, "Change an agreement (e.g. its status)")
    def patch(self, request: Request, pk: int) -> Response:
        agreement = self.within_reach(_agreements_within_reach(self.membership), pk)
        self.require_writer(agreement.plan.participant)
        data = self.validated(s.AgreementInput, partial=True)
        agreement = plan_services.agreement_update(
            membership=self.membership, agreement=agreement, data=data
        )
        return Response(s.AgreementOutput(agreement).data)
