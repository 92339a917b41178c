"""Two shapes most file endpoints share: the records of one kind in a file (list, add), and
one record by id (read, change). Concrete views in `views.py` name the kind."""

from collections.abc import Callable
from typing import Any, ClassVar

from django.db.models import Model, QuerySet
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from ..models import Participant
from ..selectors import participant_editable_by
from .base import FileAPIView


class WriterCheckMixin:
    def require_writer(self, participant: Participant) -> None:
        """Refuse a read-only reader before parsing their input (the service checks again)."""
        if not participant_editable_by(self.membership, participant):
            self.refuse()

    def input_kwargs(self, participant: Participant) -> dict[str, Any]:
        return {}


class ParticipantRecordsView(WriterCheckMixin, FileAPIView):
    """The records of one kind in a file: GET lists them, POST adds one.

    Answers 404 when the file is outside the caller's reach (other organisation, a role that
    never opens files, a colleague's file without team access), 403 on POST when the caller
    may read the file but is not its assigned social worker, 400 with field errors on bad input
    or when the participant has not consented to a file.
    """

    kind: ClassVar[str]
    records: ClassVar[Callable[..., QuerySet]]
    input_class: ClassVar[type[serializers.Serializer]]
    output_class: ClassVar[type[serializers.Serializer]]
    create_service: ClassVar[Callable[..., Model]]

    def get(self, request: Request, participant_id: int) -> Response:
        participant = self.participant_within_reach(participant_id)
        rows = self.records(self.membership).filter(participant=participant)
        self.audit_read(participant, (self.kind,))
        return self.paginated(rows, self.output_class)

    def post(self, request: Request, participant_id: int) -> Response:
        participant = self.participant_within_reach(participant_id)
        self.require_writer(participant)
        data = self.validated(self.input_class, **self.input_kwargs(participant))
        record = self.create(participant, data)
        return Response(
            self.output_class(record, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    def create(self, participant: Participant, data: dict[str, Any]) -> Model:
        return self.create_service(membership=self.membership, participant=participant, data=data)


class RecordDetailView(WriterCheckMixin, FileAPIView):
    """One record in a file: GET reads it, PATCH changes the given fields.

    Answers 404 outside the caller's reach, 403 on PATCH for a read-only reader, 400 with
    field errors on bad input.
    """

    records: ClassVar[Callable[..., QuerySet]]
    input_class: ClassVar[type[serializers.Serializer]]
    output_class: ClassVar[type[serializers.Serializer]]
    update_service: ClassVar[Callable[..., Model]]
    record_kwarg: ClassVar[str]

    def record(self, pk: int) -> Model:
        return self.within_reach(self.records(self.membership), pk)

    def output(self, record: Model) -> dict[str, Any]:
        return self.output_class(record, context=self.get_serializer_context()).data

    def get(self, request: Request, pk: int) -> Response:
        record = self.record(pk)
        self.audit_read(record)
        return Response(self.output(record))

    def patch(self, request: Request, pk: int) -> Response:
        record = self.record(pk)
        self.require_writer(record.participant)
        data = self.validated(
            self.input_class, partial=True, **self.input_kwargs(record.participant)
        )
        record = self.update_service(
            membership=self.membership, **{self.record_kwarg: record}, data=data
        )
        return Response(self.output(record))
