"""Participant rights: the export of everything held (page and JSON) and the anonymisation.

Both ask for the password again (allauth re-authentication) after the access check, so a
file out of reach answers 404 before anything else, and both are audited.
"""

from allauth.account.decorators import reauthentication_required
from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from accounts.audit import audit_record
from accounts.models import AuditEvent, Role
from netwerk.forms import render_form
from netwerk.permissions import role_required
from netwerk.reauth import reauthentication_required_for_download

from .. import selectors
from ..models import Participant
from ..rights.erasure import Reason, participant_anonymise
from ..rights.export import export_data, export_sections, shown


def _exportable(request: HttpRequest, pk: int) -> Participant:
    """The org admin, or the assigned social worker; 404 for everyone else."""
    membership = request.membership
    participant = selectors.participant_get_for(membership, pk)
    if not (
        membership.role == Role.ORG_ADMIN
        or selectors.participant_editable_by(membership, participant)
    ):
        raise Http404
    return participant


def _audit_export(request: HttpRequest, participant: Participant) -> None:
    audit_record(
        actor=request.user,
        organisation=request.membership.organisation,
        action=AuditEvent.Action.EXPORT,
        obj=participant,
    )


@reauthentication_required
def _export_page(request: HttpRequest, participant: Participant) -> HttpResponse:
    sections = [(section, shown(section.records)) for section in export_sections(participant)]
    _audit_export(request, participant)
    return render(
        request,
        "participants/rights/export.html",
        {
            "participant": participant,
            "sections": [(section, records) for section, records in sections if records],
            "empty_sections": [section for section, records in sections if not records],
        },
    )


@never_cache
@role_required(Role.ORG_ADMIN, Role.SOCIAL_WORKER)
@require_safe
def rights_export(request: HttpRequest, pk: int) -> HttpResponse:
    return _export_page(request, _exportable(request, pk))


@reauthentication_required_for_download
def _export_json(request: HttpRequest, participant: Participant) -> HttpResponse:
    data = export_data(participant)
    _audit_export(request, participant)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    filename = f"{participant.reference_code}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@role_required(Role.ORG_ADMIN, Role.SOCIAL_WORKER)
@require_safe
def rights_export_json(request: HttpRequest, pk: int) -> HttpResponse:
    return _export_json(request, _exportable(request, pk))


class AnonymiseForm(forms.Form):
    reference_code = forms.CharField(
        label=gettext_lazy("Type the file's reference to confirm"), max_length=16
    )

    def __init__(self, *args, participant: Participant, **kwargs):
        super().__init__(*args, **kwargs)
        self.participant = participant

    def clean_reference_code(self) -> str:
        code = self.cleaned_data["reference_code"].strip().upper()
        if code != self.participant.reference_code:
            raise forms.ValidationError(_("This is not the reference of this file."))
        return code


@reauthentication_required
def _anonymise(request: HttpRequest, participant: Participant) -> HttpResponse:
    form = AnonymiseForm(request.POST or None, participant=participant)
    if request.method == "POST" and form.is_valid():
        participant_anonymise(
            membership=request.membership, participant=participant, reason=Reason.REQUEST
        )
        messages.success(request, _("The file was anonymised."))
        return redirect("participants:detail", pk=participant.pk)
    context = {"participant": participant, "form": form}
    return render_form(request, "participants/rights/erase.html", context, form)


@never_cache
@role_required(Role.ORG_ADMIN)
@require_http_methods(["GET", "POST"])
def rights_anonymise(request: HttpRequest, pk: int) -> HttpResponse:
    return _anonymise(request, selectors.participant_get_for(request.membership, pk))
