"""The ties between members of a network map, entered with the participant: add one (from the
list beside the picture), change how well two people know each other, remove a tie. Same
access as the map (404 out of reach, 403 read-only). With htmx the editor updates in place;
without JavaScript the forms post and redirect."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from accounts.models import Role
from netwerk.forms import add_service_errors, render_form
from netwerk.permissions import role_required
from netwerk.submit_once import submit_once

from ..models import MemberTie, Participant
from ..selectors import network as nw
from ..services import network_ties as services
from .common import editable_participant
from .network import editor_context, page_context, to_network
from .network_tie_forms import TieEditForm, TieForm

EDITOR = "participants/network/_editor.html"


def _tie_or_404(participant: Participant, tie_pk: int) -> MemberTie:
    tie = (
        MemberTie.objects.filter(pk=tie_pk, participant=participant)
        .select_related("member_a", "member_b")
        .first()
    )
    if tie is None:
        raise Http404
    return tie


def tie_names(tie: MemberTie) -> dict[str, str]:
    return {"a": tie.member_a.label, "b": tie.member_b.label}


def _editor(request: HttpRequest, participant: Participant, form=None, *, saved="") -> HttpResponse:
    extra = {"saved": saved}
    if form is not None:
        extra["tie_form"] = form
    context = editor_context(request, participant, **extra)
    return render_form(request, EDITOR, context, form)


@role_required(Role.SOCIAL_WORKER)
@require_POST
@submit_once
def tie_create(request: HttpRequest, pk: int) -> HttpResponse:
    participant = editable_participant(request, pk)
    members = nw.network_members(participant)
    form = TieForm(request.POST, prefix="tie", members=members)
    tie = None
    if form.is_valid():
        try:
            tie = services.member_tie_create(
                membership=request.membership, participant=participant, data=form.service_data()
            )
        except ValidationError as error:
            add_service_errors(form, error)
    saved = ""
    if tie is not None:
        labels = {m.pk: m.label for m in members}
        names = {"a": labels[tie.member_a_id], "b": labels[tie.member_b_id]}
        saved = _("%(a)s and %(b)s know each other: saved.") % names
    if request.htmx:
        return _editor(request, participant, None if tie else form, saved=saved)
    if tie is None:
        context = page_context(request, participant, tie_form=form)
        return render_form(request, "participants/network/page.html", context, form)
    messages.success(request, saved)
    return to_network(participant, "network-ties")


@role_required(Role.SOCIAL_WORKER)
@require_http_methods(["GET", "POST"])
def tie_edit(request: HttpRequest, pk: int, tie_pk: int) -> HttpResponse:
    """GET: the form (a fragment for htmx, a page without). POST: save and show the map."""
    participant = editable_participant(request, pk)
    tie = _tie_or_404(participant, tie_pk)
    form = TieEditForm(
        request.POST or None, initial=model_to_dict(tie), prefix=f"tie-edit-{tie.pk}"
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.member_tie_update(
                membership=request.membership, tie=tie, data=form.service_data()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            saved = _("The tie between %(a)s and %(b)s was saved.") % tie_names(tie)
            if request.htmx:
                # The form sits in the editor: on success the whole editor is replaced.
                response = _editor(request, participant, saved=saved)
                return reswap(retarget(response, "#network-editor"), "outerHTML")
            messages.success(request, saved)
            return to_network(participant, "network-ties")
    template = (
        "participants/network/_tie_edit.html"
        if request.htmx
        else "participants/network/tie_edit.html"
    )
    context = {"participant": participant, "tie": tie, "form": form, **tie_names(tie)}
    return render_form(request, template, context, form)


def _confirmed(request: HttpRequest) -> bool:
    return request.method == "POST" and request.POST.get("confirm") == "yes"


@role_required(Role.SOCIAL_WORKER)
@require_http_methods(["GET", "POST"])
def tie_delete(request: HttpRequest, pk: int, tie_pk: int) -> HttpResponse:
    """GET asks first (what happens, that snapshots keep it); a POST with `confirm` removes."""
    participant = editable_participant(request, pk)
    tie = _tie_or_404(participant, tie_pk)
    names = tie_names(tie)
    ties_list = reverse("participants:network", args=[participant.pk]) + "#network-ties"
    if _confirmed(request):
        services.member_tie_delete(membership=request.membership, tie=tie)
        messages.success(
            request, _("%(a)s and %(b)s no longer know each other on the map.") % names
        )
        return to_network(participant, "network-ties")
    consequences = [
        _("The line between %(a)s and %(b)s disappears from today's map.") % names,
        _("%(a)s and %(b)s themselves stay on the map.") % names,
        _("Snapshots taken before keep the tie: they do not change."),
    ]
    return render(
        request,
        "participants/confirm.html",
        {
            "participant": participant,
            "title": _("Remove the tie between %(a)s and %(b)s?") % names,
            "consequences": consequences,
            "undo": _("To undo it, add the tie again in the list of ties."),
            "button": _("Yes, remove the tie"),
            "cancel_url": ties_list,
        },
    )
