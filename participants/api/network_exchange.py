"""The network exchange API: a file's map (today's, or a snapshot) as GraphML or zipped CSV
lists, and the import of a GraphML or easyNWK file as a new snapshot in two steps: upload
(checked, answered with a preview and a token; 400 with every problem and its element) and
confirm (the token, the date and kind; 201 with the snapshot). Same access as the file: 404
outside reach, 403 for a read-only reader's import. Exports are audited as exports."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from netwerk.exports import COMMA, SEMICOLON

from ..exchange import export
from ..exchange.checks import MAX_BYTES, ImportedMap
from ..exchange.reading import FileFormat, read_map
from ..models import Participant
from ..selectors.network import snapshots_for_api
from ..services import network_exchange as services
from . import network_serializers as s
from .base import BAD_INPUT, NOT_FOUND, REFUSED, FileAPIView
from .records import WriterCheckMixin

FILE_TYPES = {
    export.GRAPHML: OpenApiResponse(OpenApiTypes.BINARY, description="GraphML (networkx)"),
    export.CSV: OpenApiResponse(OpenApiTypes.BINARY, description="nodes.csv and edges.csv, zipped"),
}
DELIMITER = {"comma": COMMA}


def _file_response(request: Request, view, participant, snapshot, file_format) -> HttpResponse:
    exported = export.network_export(
        membership=view.membership,
        participant=participant,
        snapshot=snapshot,
        file_format=file_format,
        delimiter=DELIMITER.get(request.query_params.get("delimiter", ""), SEMICOLON),
    )
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    response["Cache-Control"] = "no-store"
    return response


class _MapExport(FileAPIView):
    file_format = export.GRAPHML

    def get(self, request: Request, participant_id: int) -> HttpResponse:
        participant = self.participant_within_reach(participant_id)
        return _file_response(request, self, participant, None, self.file_format)


@extend_schema(
    summary="Today's network map as GraphML (members and their ties; the participant is no node)",
    responses={(200, "application/graphml+xml"): FILE_TYPES[export.GRAPHML], 404: NOT_FOUND},
)
class MapGraphMLView(_MapExport):
    file_format = export.GRAPHML


@extend_schema(
    summary="Today's network map as CSV node and edge lists (zip; ?delimiter=comma)",
    responses={(200, "application/zip"): FILE_TYPES[export.CSV], 404: NOT_FOUND},
)
class MapCSVView(_MapExport):
    file_format = export.CSV


class _SnapshotExport(FileAPIView):
    file_format = export.GRAPHML

    def get(self, request: Request, pk: int) -> HttpResponse:
        snapshot = self.within_reach(
            snapshots_for_api(self.membership).prefetch_related("ties"), pk
        )
        return _file_response(request, self, snapshot.participant, snapshot, self.file_format)


@extend_schema(
    summary="A snapshot as GraphML",
    responses={(200, "application/graphml+xml"): FILE_TYPES[export.GRAPHML], 404: NOT_FOUND},
)
class SnapshotGraphMLView(_SnapshotExport):
    file_format = export.GRAPHML


@extend_schema(
    summary="A snapshot as CSV node and edge lists (zip; ?delimiter=comma)",
    responses={(200, "application/zip"): FILE_TYPES[export.CSV], 404: NOT_FOUND},
)
class SnapshotCSVView(_SnapshotExport):
    file_format = export.CSV


# --- Import ----------------------------------------------------------------------------------


class ImportUpload(serializers.Serializer):
    file_format = serializers.ChoiceField(choices=FileFormat.choices)
    file = serializers.FileField()


class ProblemOutput(serializers.Serializer):
    element = serializers.CharField()
    message = serializers.CharField()


class ImportedMemberOutput(serializers.Serializer):
    key = serializers.CharField(help_text="The person's id in the file.")
    label = serializers.CharField()
    sector = serializers.CharField()
    ring = serializers.CharField()
    file_sector = serializers.CharField(help_text="What the file said (easyNWK: its quarter).")
    file_ring = serializers.CharField()
    member = serializers.IntegerField(
        allow_null=True, help_text="The member of today's map with the same label, or null: new."
    )


class ImportedTieOutput(serializers.Serializer):
    a = serializers.CharField()
    b = serializers.CharField()
    strength = serializers.CharField()
    tension = serializers.CharField()


class ImportPreview(serializers.Serializer):
    token = serializers.CharField(help_text="Confirm with this token within an hour.")
    file_format = serializers.CharField()
    taken_on = serializers.CharField(help_text="The date the file gives, if any.")
    members = ImportedMemberOutput(many=True)
    ties = ImportedTieOutput(many=True)
    warnings = ProblemOutput(many=True)


class ImportConfirm(s.SnapshotInput):
    token = serializers.CharField(max_length=64)


def _preview(participant: Participant, imported: ImportedMap, token: str) -> dict:
    found = services.matches(participant, imported)
    return {
        "token": token,
        "file_format": imported.file_format,
        "taken_on": imported.taken_on,
        "members": [
            {
                "key": m.key,
                "label": m.label,
                "sector": m.sector,
                "ring": m.ring,
                "file_sector": m.file_sector,
                "file_ring": m.file_ring,
                "member": found[m.key].pk if found.get(m.key) else None,
            }
            for m in imported.members
        ],
        "ties": [
            {"a": t.a, "b": t.b, "strength": t.strength, "tension": t.tension}
            for t in imported.ties
        ],
        "warnings": [{"element": p.element, "message": p.message} for p in imported.warnings],
    }


class ImportView(WriterCheckMixin, FileAPIView):
    @extend_schema(
        summary="Check a GraphML or easyNWK file: a preview and a token, nothing written",
        request={"multipart/form-data": ImportUpload},
        responses={200: ImportPreview, 400: BAD_INPUT, 403: REFUSED, 404: NOT_FOUND},
    )
    def post(self, request: Request, participant_id: int) -> Response:
        participant = self.participant_within_reach(participant_id)
        self.require_writer(participant)
        data = self.validated(ImportUpload)
        upload = data["file"]
        if upload.size > MAX_BYTES:
            raise ValidationError({"file": [_("The file is larger than 2 MB.")]})
        try:
            imported = read_map(
                name=upload.name or "", content=upload.read(), file_format=data["file_format"]
            )
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from error
        imported = services.check_map(imported)
        if not imported.is_valid:
            return Response(
                {
                    "file": [_("Nothing can be imported: the file has problems.")],
                    "elements": [
                        {"element": p.element, "message": p.message} for p in imported.errors
                    ],
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        token = services.pending_keep(self.membership, participant, imported)
        return Response(_preview(participant, imported, token))


class ImportConfirmView(WriterCheckMixin, FileAPIView):
    @extend_schema(
        summary="Import the checked file as a new snapshot (all or nothing)",
        request=ImportConfirm,
        responses={201: s.SnapshotOutput, 400: BAD_INPUT, 403: REFUSED, 404: NOT_FOUND},
    )
    def post(self, request: Request, participant_id: int) -> Response:
        participant = self.participant_within_reach(participant_id)
        self.require_writer(participant)
        data = self.validated(ImportConfirm)
        imported = services.pending_take(self.membership, participant, data.pop("token"))
        if imported is None:
            raise ValidationError(
                {"token": [_("There is no checked file under this token (any more).")]}
            )
        try:
            snapshot = services.network_map_import(
                membership=self.membership, participant=participant, imported=imported, **data
            )
        except ValidationError:
            # The file waits again under the same token, so a wrong date can be corrected.
            services.pending_keep_as(self.membership, participant, imported, request.data["token"])
            raise
        output = snapshots_for_api(self.membership).get(pk=snapshot.pk)
        return Response(
            s.SnapshotOutput(output, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )
