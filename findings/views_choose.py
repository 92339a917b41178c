"""Finding a fitting model with the participant, from their file.

The page lives in findings (under /findings/participants/<id>/choose/) because it shows
findings and saves a trajectory: findings may import participants, never the reverse. The
choice is saved through participants.services.trajectory_create, the one write path.
No model is ranked: the seven are shown in their fixed order, and the participant chooses.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.models import Role
from netwerk.forms import render_form
from netwerk.languages import language_names
from netwerk.permissions import role_required
from netwerk.submit_once import submit_once
from participants import selectors as participant_selectors
from participants import services as participant_services
from participants.models import Trajectory
from workmodels.selectors import additions_of, initiatives_fitting, work_model_list

from .forms import ChooseFilterForm, ChooseForm
from .models import Finding
from .selectors import findings_by_model

SHOWN_KINDS = (Finding.Kind.STRENGTH, Finding.Kind.WEAKNESS, Finding.Kind.PRECONDITION)


def _participant(request: HttpRequest, pk: int):
    participant = participant_selectors.participant_get_for(request.membership, pk)
    if not participant_selectors.participant_editable_by(request.membership, participant):
        raise PermissionDenied
    return participant


def digital_access(participant) -> bool | None:
    if participant.has_smartphone or participant.internet_at_home:
        return True
    if participant.has_smartphone is False and participant.internet_at_home is False:
        return False
    return None


def _initiatives(request: HttpRequest, participant, form: ChooseFilterForm):
    data = form.cleaned_data if form.is_valid() else {}
    return initiatives_fitting(
        request.membership,
        municipality=participant.municipality,
        languages=list(participant.languages or []),
        digital_ok=digital_access(participant),
        work_model=data.get("work_model", ""),
        language=data.get("language", ""),
    )


@role_required(Role.SOCIAL_WORKER)
@require_http_methods(["GET", "POST"])
@submit_once
def choose_model(request: HttpRequest, pk: int) -> HttpResponse:
    participant = _participant(request, pk)
    filter_form = ChooseFilterForm(request.GET or None)
    initiatives = _initiatives(request, participant, filter_form)
    if request.htmx and request.method == "GET":
        return render(
            request,
            "findings/_choose_initiatives.html",
            {"initiatives": initiatives, "participant": participant},
        )
    form = ChooseForm(
        request.POST or None,
        initiatives=initiatives,
        initial={"started_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        initiative = form.cleaned_data["initiative"]
        data = {
            "work_model": form.cleaned_data["work_model"],
            "motivation": form.cleaned_data["motivation"],
            "started_on": form.cleaned_data["started_on"],
            "status": Trajectory.Status.ACTIVE,
            "initiative": initiative,
            "initiative_name": initiative.name if initiative else "",
        }
        try:
            participant_services.trajectory_create(
                membership=request.membership, participant=participant, data=data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The participant's choice was saved."))
            return redirect("participants:detail", pk=participant.pk)
    findings = findings_by_model(request.membership)
    additions = additions_of(request.membership.organisation_id)
    models = list(work_model_list())
    for model in models:
        model.addition = additions.get(model.pk)
        model.shown_findings = [f for f in findings.get(model.pk, []) if f.kind in SHOWN_KINDS]
    general = [f for f in findings.get(None, []) if f.kind == Finding.Kind.PRECONDITION]
    return render_form(
        request,
        "findings/choose_model.html",
        {
            "participant": participant,
            "work_models": models,
            "general_findings": general,
            "initiatives": initiatives,
            "filter_form": filter_form,
            "form": form,
            "languages": language_names(list(participant.languages or [])),
            "digital": digital_access(participant),
        },
        form,
    )
