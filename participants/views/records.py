"""Changing what is on a file: consents, trajectories, goals and interventions.

Each view fetches the file through `editable_participant` (404 out of reach, 403 read-only),
calls one service, and shows service errors on the form with the person's input kept.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Role
from netwerk.forms import add_service_errors, render_form
from netwerk.permissions import role_required
from netwerk.submit_once import submit_once

from .. import services
from ..forms import ConsentForm, GoalForm, GoalNoteForm, InterventionForm, TrajectoryForm
from ..models import Goal, Intervention, Trajectory
from ..selectors.timeline import TimelineEntry
from .common import editable_participant, intervention_form_for
from .files import file_context


def _to_file(participant, anchor: str = "") -> HttpResponse:
    response = redirect("participants:detail", participant.pk)
    response["Location"] += f"#{anchor}" if anchor else ""
    return response


def _child_or_404(model, participant, pk):
    obj = model.objects.filter(pk=pk, participant=participant).first()
    if obj is None:
        raise Http404
    return obj


@role_required(Role.SOCIAL_WORKER)
@require_POST
@submit_once
def consent_give(request: HttpRequest, pk: int) -> HttpResponse:
    participant = editable_participant(request, pk)
    form = ConsentForm(request.POST, prefix="consent")
    if form.is_valid():
        try:
            services.consent_give(
                membership=request.membership, participant=participant, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The consent was recorded."))
            return _to_file(participant, "consents")
    context = file_context(request, participant, consent_form=form)
    return render_form(request, "participants/detail.html", context, form)


def _record_form_page(request, participant, form, *, title, obj=None) -> HttpResponse:
    context = {"participant": participant, "form": form, "title": title, "obj": obj}
    return render_form(request, "participants/record_form.html", context, form)


@role_required(Role.SOCIAL_WORKER)
@require_http_methods(["GET", "POST"])
@submit_once
def trajectory_edit(
    request: HttpRequest, pk: int, trajectory_pk: int | None = None
) -> HttpResponse:
    participant = editable_participant(request, pk)
    trajectory = _child_or_404(Trajectory, participant, trajectory_pk) if trajectory_pk else None
    initial = model_to_dict(trajectory) if trajectory else {"status": Trajectory.Status.ACTIVE}
    form = TrajectoryForm(request.POST or None, initial=initial, membership=request.membership)
    if request.method == "POST" and form.is_valid():
        try:
            if trajectory:
                services.trajectory_update(
                    membership=request.membership, trajectory=trajectory, data=form.cleaned_data
                )
            else:
                services.trajectory_create(
                    membership=request.membership, participant=participant, data=form.cleaned_data
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The work model choice was saved."))
            return _to_file(participant, "trajectories")
    title = (
        _("Change the work model choice")
        if trajectory
        else _("The participant chooses a work model")
    )
    return _record_form_page(request, participant, form, title=title, obj=trajectory)


@role_required(Role.SOCIAL_WORKER)
@require_http_methods(["GET", "POST"])
@submit_once
def goal_edit(request: HttpRequest, pk: int, goal_pk: int | None = None) -> HttpResponse:
    participant = editable_participant(request, pk)
    goal = _child_or_404(Goal, participant, goal_pk) if goal_pk else None
    initial = model_to_dict(goal) if goal else {"status": Goal.Status.OPEN}
    form = GoalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if goal:
                services.goal_update(
                    membership=request.membership, goal=goal, data=form.cleaned_data
                )
            else:
                services.goal_create(
                    membership=request.membership, participant=participant, data=form.cleaned_data
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The goal was saved."))
            return _to_file(participant, "goals")
    title = _("Change goal") if goal else _("New goal, in the participant's own words")
    return _record_form_page(request, participant, form, title=title, obj=goal)


@role_required(Role.SOCIAL_WORKER)
@require_http_methods(["GET", "POST"])
@submit_once
def goal_note_add(request: HttpRequest, pk: int, goal_pk: int) -> HttpResponse:
    participant = editable_participant(request, pk)
    goal = _child_or_404(Goal, participant, goal_pk)
    form = GoalNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_note_add(membership=request.membership, goal=goal, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The progress was noted."))
            return _to_file(participant, "goals")
    title = _("Progress on: %(goal)s") % {"goal": goal.description[:80]}
    return _record_form_page(request, participant, form, title=title, obj=goal)


@role_required(Role.SOCIAL_WORKER)
@require_POST
@submit_once
def intervention_create(request: HttpRequest, pk: int) -> HttpResponse:
    """The quick form on the file page. With htmx the form and the timeline are updated in
    place; without JavaScript the page is reloaded (post/redirect/get)."""
    participant = editable_participant(request, pk)
    form = intervention_form_for(participant, data=request.POST)
    intervention = None
    if form.is_valid():
        try:
            intervention = services.intervention_create(
                membership=request.membership, participant=participant, data=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
    if not request.htmx:
        if intervention is not None:
            messages.success(request, _("The intervention was saved."))
            return _to_file(participant, "timeline")
        context = file_context(request, participant, intervention_form=form)
        return render_form(request, "participants/detail.html", context, form)
    if intervention is not None:
        last = {"work_model": intervention.work_model_id, "kind": intervention.kind}
        form = intervention_form_for(participant, last=last)
    entry = (
        TimelineEntry("intervention", intervention.date, (), intervention) if intervention else None
    )
    context = {
        "participant": participant,
        "intervention_form": form,
        "entry": entry,
        "can_edit": True,
    }
    return render_form(request, "participants/_quick_intervention_saved.html", context, form)


@role_required(Role.SOCIAL_WORKER)
@require_http_methods(["GET", "POST"])
def intervention_edit(request: HttpRequest, pk: int, intervention_pk: int) -> HttpResponse:
    participant = editable_participant(request, pk)
    intervention = _child_or_404(Intervention, participant, intervention_pk)
    form = InterventionForm(
        request.POST or None, initial=model_to_dict(intervention), participant=participant
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.intervention_update(
                membership=request.membership, intervention=intervention, data=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The intervention was saved."))
            return _to_file(participant, "timeline")
    return _record_form_page(
        request, participant, form, title=_("Change intervention"), obj=intervention
    )


@role_required(Role.SOCIAL_WORKER)
@require_POST
def intervention_delete(request: HttpRequest, pk: int, intervention_pk: int) -> HttpResponse:
    participant = editable_participant(request, pk)
    intervention = _child_or_404(Intervention, participant, intervention_pk)
    services.intervention_delete(membership=request.membership, intervention=intervention)
    messages.success(request, _("The intervention was deleted."))
    return _to_file(participant, "timeline")


@role_required(Role.SOCIAL_WORKER)
@require_POST
def intervention_follow_up_done(
    request: HttpRequest, pk: int, intervention_pk: int
) -> HttpResponse:
    participant = editable_participant(request, pk)
    intervention = _child_or_404(Intervention, participant, intervention_pk)
    try:
        services.intervention_follow_up_done(
            membership=request.membership, intervention=intervention
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The follow-up is marked as done."))
    return _to_file(participant, "timeline")
