"""Volunteer placements, written on the file by the assigned social worker."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from accounts.audit import audit_record
from accounts.models import AuditEvent, Role
from netwerk.forms import add_service_errors, render_form
from netwerk.permissions import role_required
from netwerk.submit_once import submit_once
from participants.selectors import participant_get_editable, participant_get_for

from .. import selectors, services
from ..forms import PlacementForm
from ..selectors.file import file_card_context


@role_required(Role.SOCIAL_WORKER)
@require_http_methods(["GET", "POST"])
@submit_once
def placement_edit(
    request: HttpRequest, participant_pk: int, pk: int | None = None
) -> HttpResponse:
    membership = request.membership
    participant = participant_get_editable(membership, participant_pk)
    placement = None
    if pk is not None:
        placement = (
            selectors.placements_visible_to(membership)
            .filter(pk=pk, participant=participant)
            .first()
        )
        if placement is None:
            raise Http404
    initial = model_to_dict(placement) if placement else {"since": timezone.localdate()}
    form = PlacementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if placement is None:
                services.placement_create(
                    membership=membership, participant=participant, data=form.cleaned_data
                )
            else:
                services.placement_update(
                    membership=membership, placement=placement, data=form.cleaned_data
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The volunteer placement was saved."))
            return redirect("participants:detail", participant.pk)
    context = {"form": form, "participant": participant, "placement": placement}
    return render_form(request, "groups/placement_form.html", context, form)


@role_required(Role.SOCIAL_WORKER, Role.ORG_ADMIN)
@require_safe
def file_card(request: HttpRequest, participant_pk: int) -> HttpResponse:
    """The file's group-work card: loaded by htmx on the file page, a page of its own without
    JavaScript. Whoever may open the file sees it (the read is audited like the file's)."""
    membership = request.membership
    participant = participant_get_for(membership, participant_pk)
    audit_record(
        actor=request.user,
        organisation=membership.organisation,
        action=AuditEvent.Action.READ,
        obj=participant,
        fields=["groups"],
    )
    context = file_card_context(membership, participant)
    template = "groups/_file_card_content.html" if request.htmx else "groups/file_card.html"
    return render(request, template, context)
