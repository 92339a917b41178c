"""Exchanging a network map with other tools: GraphML and CSV downloads of today's map and
of a snapshot, and the import of a GraphML or easyNWK file as a new snapshot (upload, preview,
confirm). Downloads have the file's access and ask for the password again, like every
export of personal data; they are audited as exports. Only the file's writer imports."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.models import Role
from netwerk.exports import delimiter_from
from netwerk.forms import add_service_errors, render_form
from netwerk.permissions import role_required
from netwerk.reauth import reauthentication_required_for_download
from netwerk.submit_once import submit_once

from .. import selectors
from ..exchange import export
from ..exchange.checks import MAX_BYTES, ImportedMap
from ..exchange.reading import FileFormat, read_map
from ..models import NetworkSnapshot, Participant
from ..models.network import Ring, Sector
from ..models.network_parts import TieStrength, TieTension
from ..services import network_exchange as services
from .common import editable_participant
from .network import READERS, snapshot_or_404
from .network_forms import SnapshotForm


class NetworkUploadForm(forms.Form):
    file_format = forms.ChoiceField(
        label=gettext_lazy("Kind of file"),
        choices=FileFormat.choices,
        widget=forms.RadioSelect,
        initial=FileFormat.GRAPHML,
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("At most 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".graphml,.xml,.json,.nwk,.txt"}),
    )

    def clean(self):
        cleaned = super().clean()
        upload, file_format = cleaned.get("file"), cleaned.get("file_format")
        if upload is None or not file_format:
            return cleaned
        if upload.size > MAX_BYTES:
            self.add_error("file", _("The file is larger than 2 MB."))
            return cleaned
        try:
            self.imported = read_map(
                name=upload.name or "", content=upload.read(), file_format=file_format
            )
        except ValidationError as error:
            self.add_error("file", error)
        return cleaned


def confirm_form(participant: Participant, imported: ImportedMap, data=None) -> SnapshotForm:
    """The date and kind of the new snapshot: the file's date when it has one in the past."""
    day = parse_date(imported.taken_on or "") if imported.taken_on else None
    if day is None or day > timezone.localdate():
        day = timezone.localdate()
    has_snapshot = NetworkSnapshot.objects.filter(participant=participant).exists()
    initial = {"taken_on": day, "kind": "follow_up" if has_snapshot else "baseline"}
    return SnapshotForm(data, prefix="snapshot", initial=initial)


# --- Downloads -------------------------------------------------------------------------------


@reauthentication_required_for_download
def _download(request: HttpRequest, participant, snapshot, file_format: str) -> HttpResponse:
    exported = export.network_export(
        membership=request.membership,
        participant=participant,
        snapshot=snapshot,
        file_format=file_format,
        delimiter=delimiter_from(request),
    )
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    response["Cache-Control"] = "no-store"
    return response


@role_required(*READERS)
@require_safe
def network_export(request: HttpRequest, pk: int, file_format: str) -> HttpResponse:
    # Access first (404 out of reach), then the password again.
    participant = selectors.participant_get_for(request.membership, pk)
    return _download(request, participant, None, file_format)


@role_required(*READERS)
@require_safe
def snapshot_export(
    request: HttpRequest, pk: int, snapshot_pk: int, file_format: str
) -> HttpResponse:
    participant = selectors.participant_get_for(request.membership, pk)
    snapshot = snapshot_or_404(participant, snapshot_pk)
    return _download(request, participant, snapshot, file_format)


# --- Import ----------------------------------------------------------------------------------


def accepted_values() -> list[tuple[str, list[tuple[str, str]]]]:
    """What a GraphML file may give as sector and ring: the code or the name."""
    return [
        (_("Sector"), [(code, str(label)) for code, label in Sector.choices]),
        (_("Closeness"), [(code, str(label)) for code, label in Ring.choices]),
    ]


def _label(choices, code: str) -> str:
    return str(choices(code).label) if code in choices.values else ""


def _preview(request, participant, imported: ImportedMap, token: str, form=None, upload=None):
    found = services.matches(participant, imported) if imported.is_valid else {}
    labels = {m.key: m.label for m in imported.members}
    context = {
        "participant": participant,
        "imported": imported,
        "token": token,
        "rows": [
            (m, found.get(m.key), _label(Sector, m.sector), _label(Ring, m.ring))
            for m in imported.members
        ],
        "ties": [
            (
                labels.get(t.a, t.a),
                labels.get(t.b, t.b),
                _label(TieStrength, t.strength),
                _label(TieTension, t.tension),
            )
            for t in imported.ties
        ],
        "new_count": sum(1 for m in imported.members if found.get(m.key) is None),
        "confirm_form": form or (confirm_form(participant, imported) if token else None),
        "form": upload or NetworkUploadForm(),
        "accepted": accepted_values(),
    }
    return render_form(
        request,
        "participants/network/import_preview.html",
        context,
        form,
        refused=not imported.is_valid,
    )


@role_required(Role.SOCIAL_WORKER)
@require_http_methods(["GET", "POST"])
def network_import(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the upload form. POST: check the file and show the preview (nothing is written)."""
    participant = editable_participant(request, pk)
    posted = request.method == "POST"
    form = NetworkUploadForm(*((request.POST, request.FILES) if posted else ()))
    if posted and form.is_valid():
        imported = services.check_map(form.imported)
        token = (
            services.pending_keep(request.membership, participant, imported)
            if imported.is_valid
            else ""
        )
        return _preview(request, participant, imported, token)
    context = {"participant": participant, "form": form, "accepted": accepted_values()}
    return render_form(request, "participants/network/import.html", context, form)


@role_required(Role.SOCIAL_WORKER)
@require_POST
@submit_once
def network_import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    participant = editable_participant(request, pk)
    token = request.POST.get("token", "")
    waiting = services.pending_peek(request.membership, participant, token)
    if waiting is None:
        messages.error(request, _("There is no checked file waiting (any more). Upload it again."))
        return redirect("participants:network_import", participant.pk)
    form = confirm_form(participant, waiting, request.POST)
    if not form.is_valid():
        return _preview(request, participant, waiting, token, form)
    imported = services.pending_take(request.membership, participant, token)
    if imported is None:
        messages.error(request, _("There is no checked file waiting (any more). Upload it again."))
        return redirect("participants:network_import", participant.pk)
    try:
        snapshot = services.network_map_import(
            membership=request.membership,
            participant=participant,
            imported=imported,
            **form.cleaned_data,
        )
    except ValidationError as error:
        add_service_errors(form, error)
        token = services.pending_keep(request.membership, participant, waiting)
        return _preview(request, participant, waiting, token, form)
    messages.success(
        request,
        _("The file was imported as a new snapshot with %(count)s people.")
        % {"count": len(imported.members)},
    )
    return redirect("participants:network_snapshot_detail", participant.pk, snapshot.pk)


@role_required(Role.SOCIAL_WORKER)
@require_POST
def network_import_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    participant = editable_participant(request, pk)
    services.pending_take(request.membership, participant, request.POST.get("token", ""))
    messages.info(request, _("The import was cancelled. Nothing was imported."))
    return redirect("participants:network", participant.pk)
