""" "Met here" ties: proposed after a session, confirmed or declined on the file."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Role
from netwerk.forms import add_service_errors, render_form
from netwerk.permissions import role_required
from netwerk.submit_once import submit_once
from participants.selectors import caseload, participants_visible_to

from .. import selectors, services
from ..forms import TieForm
from ..models import GroupMember, MetHereTie
from ..selectors.pages import BY_NAME, members_at, session_in_reach
from .common import GROUP_ROLES


@role_required(*GROUP_ROLES)
@require_http_methods(["GET", "POST"])
@submit_once
def tie_create(request: HttpRequest, pk: int) -> HttpResponse:
    """After a session: the facilitator (any member) or a social worker (their own
    participants) records whom someone met here."""
    membership = request.membership
    session = session_in_reach(membership, pk)
    if session is None:
        raise Http404
    members = members_at(session, request.user.pk).select_related("participant", "group")
    if session.attendance_taken:  # only who came can have met someone here
        members = members.filter(attendances__session=session)
    if not selectors.can_manage(membership, session.group):
        if membership.role != Role.SOCIAL_WORKER:
            raise Http404
        members = members.filter(participant__in=caseload(membership))
    members = list(members.order_by(BY_NAME, "id"))
    if not members:
        raise Http404
    form = TieForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        member: GroupMember = next(m for m in members if m.pk == form.cleaned_data["member"])
        try:
            tie = services.tie_propose(
                membership=membership,
                member=member,
                label=form.cleaned_data["label"],
                sector=form.cleaned_data["sector"],
                session=session,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if tie.status == MetHereTie.Status.CONFIRMED:
                messages.success(request, _("The tie was added to the network map."))
            else:
                messages.success(
                    request,
                    _("The tie was proposed: the participant's social worker adds it to the map."),
                )
            return redirect("groups:tie_create", session.pk)
    context = {"form": form, "session": session, "group": session.group}
    return render_form(request, "groups/tie_form.html", context, form)


def _tie_in_reach(request: HttpRequest, pk: int) -> MetHereTie:
    tie = (
        MetHereTie.objects.filter(
            pk=pk, participant__in=participants_visible_to(request.membership)
        )
        .select_related("participant")
        .first()
    )
    if tie is None:
        raise Http404
    return tie


@role_required(Role.SOCIAL_WORKER, Role.ORG_ADMIN)
@require_POST
def tie_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    tie = _tie_in_reach(request, pk)
    service = {"confirm": services.tie_confirm, "decline": services.tie_decline}.get(decision)
    if service is None:
        raise Http404
    try:
        service(membership=request.membership, tie=tie)
    except PermissionDenied:
        raise
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if decision == "confirm":
            messages.success(request, _("The tie was added to the network map."))
        else:
            messages.success(request, _("The tie was not added."))
    return redirect("participants:detail", tie.participant_id)
