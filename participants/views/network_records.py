"""Measurements, family group plans and the printable summary, on the network pages."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from accounts.models import Role
from netwerk.forms import add_service_errors, render_form
from netwerk.permissions import role_required
from netwerk.submit_once import submit_once

from ..models import Agreement, FamilyPlan, Goal, Instrument
from ..selectors import network as nw
from ..services import family_plans as plan_services
from ..services import measurements as measurement_services
from .common import editable_participant
from .network import READERS, map_svg, readable_participant, to_network
from .network_forms import AgreementForm, FamilyPlanForm, MeasurementForm

FORM_PAGE = "participants/network/form.html"


def _form_page(request, participant, form, *, title, template=FORM_PAGE, **extra):
    context = {"participant": participant, "form": form, "title": title, **extra}
    return render_form(request, template, context, form)


@role_required(Role.SOCIAL_WORKER)
@require_http_methods(["GET", "POST"])
@submit_once
def measurement_create(request: HttpRequest, pk: int, instrument_pk: int) -> HttpResponse:
    participant = editable_participant(request, pk)
    instrument = Instrument.objects.filter(pk=instrument_pk).first()
    if instrument is None or not measurement_services.instrument_is_enabled(
        participant.organisation_id, instrument
    ):
        raise Http404
    form = MeasurementForm(request.POST or None, instrument=instrument)
    if request.method == "POST" and form.is_valid():
        try:
            measurement = measurement_services.measurement_record(
                membership=request.membership,
                participant=participant,
                instrument=instrument,
                taken_on=form.cleaned_data["taken_on"],
                answers=form.answers(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s was recorded: total %(total)s.")
                % {"name": instrument.name, "total": measurement.total},
            )
            return to_network(participant, "measurements")
    return _form_page(
        request,
        participant,
        form,
        title=instrument.name,
        template="participants/network/measurement_form.html",
        instrument=instrument,
    )


def _plan_or_404(participant, plan_pk) -> FamilyPlan:
    plan = FamilyPlan.objects.filter(pk=plan_pk, participant=participant).first()
    if plan is None:
        raise Http404
    return plan


@role_required(Role.SOCIAL_WORKER)
@require_http_methods(["GET", "POST"])
@submit_once
def plan_edit(request: HttpRequest, pk: int, plan_pk: int | None = None) -> HttpResponse:
    participant = editable_participant(request, pk)
    plan = _plan_or_404(participant, plan_pk) if plan_pk else None
    form = FamilyPlanForm(request.POST or None, initial=model_to_dict(plan) if plan else None)
    if request.method == "POST" and form.is_valid():
        try:
            if plan:
                plan_services.family_plan_update(
                    membership=request.membership, plan=plan, data=form.cleaned_data
                )
            else:
                plan_services.family_plan_create(
                    membership=request.membership, participant=participant, data=form.cleaned_data
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The family group plan was saved."))
            return to_network(participant, "plans")
    title = _("Change the family group plan") if plan else _("New family group plan")
    return _form_page(request, participant, form, title=title)


@role_required(Role.SOCIAL_WORKER)
@require_http_methods(["GET", "POST"])
@submit_once
def agreement_edit(
    request: HttpRequest, pk: int, plan_pk: int, agreement_pk: int | None = None
) -> HttpResponse:
    participant = editable_participant(request, pk)
    plan = _plan_or_404(participant, plan_pk)
    agreement = None
    if agreement_pk:
        agreement = Agreement.objects.filter(pk=agreement_pk, plan=plan).first()
        if agreement is None:
            raise Http404
    members = nw.network_members(participant)
    form = AgreementForm(
        request.POST or None,
        initial=model_to_dict(agreement) if agreement else None,
        members=members,
    )
    if request.method == "POST" and form.is_valid():
        try:
            if agreement:
                plan_services.agreement_update(
                    membership=request.membership, agreement=agreement, data=form.cleaned_data
                )
            else:
                plan_services.agreement_add(
                    membership=request.membership, plan=plan, data=form.cleaned_data
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The agreement was saved."))
            return to_network(participant, "plans")
    title = _("Change the agreement") if agreement else _("New agreement")
    return _form_page(request, participant, form, title=title)


def participant_language(participant) -> str:
    """The first of the participant's languages the interface speaks, else Dutch."""
    supported = {code for code, _label in settings.LANGUAGES}
    return next((code for code in participant.languages or [] if code in supported), "nl")


@role_required(*READERS)
@require_safe
def network_print(request: HttpRequest, pk: int) -> HttpResponse:
    """One page for the participant: their map, their goals in their own words, their plan,
    in their language. The participant owns this story."""
    participant = readable_participant(request, pk, "network_print")
    members = nw.network_members(participant)
    goals = list(
        Goal.objects.filter(participant=participant, status=Goal.Status.OPEN).order_by("created_at")
    )
    plans = nw.family_plans_of(participant)
    language = participant_language(participant)
    with translation.override(language):
        context = {
            "participant": participant,
            "members": members,
            "map_svg": map_svg(
                members,
                participant,
                id_prefix="map-print",
                title=_("My network"),
                ties=nw.member_ties(participant),
            ),
            "goals": goals,
            "plan": plans[0] if plans else None,
            "print_language": language,
        }
        response = render(request, "participants/network/print.html", context)
    return response
